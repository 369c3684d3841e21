/** The script that carries a process's news for a location and hands out its slots. */
import type { Script } from "./script-runner.js";
import { PREAMBLE } from "./window-preamble.js";

/**
 * One round trip per batch of news from a process: ARGV[6] process tag; ARGV[7] nCancel, then the
 * members given up (their slots are freed); nRelease, then each member whose response arrived
 * and how many ms before this call it did (it counts from that moment); then 6 fields of the last response's X-RateLimit-* headers
 * ('' when absent): its member, max, interval, daily limit, remaining, daily remaining; then
 * maxDailyWait (-1: any), horizon ms (how far ahead a slot may be handed out), drain ms (after
 * this process lost Redis: how long slots handed out before may still be used or counted; a
 * location whose state is gone, as after a restart, hands out nothing before then), and the
 * members that want a slot, in order.
 *
 * A slot is free when the unanswered requests plus the answered ones still in the window leave
 * room: no assumption about latency. A process holds at most max / (processes asking) of the
 * unanswered ones, so the quota is shared out, not raced for; as responses arrive, the process
 * that reports them gets the freed room in the same call.
 * Returns {max, interval, blockedIn, sharing, rank, granted, retryIn, wait1, ..., waitN}:
 * sharing is the number of processes that asked within the last two intervals (a steadier
 * count than the last interval's, so that the processes agree on it), rank the number of them
 * whose tag sorts before this one's (0 and 0 when this call asks nothing): each process's share
 * while Redis is away; retryIn (-1: none) is when to ask again; granted -1: the day's quota is
 * spent for longer than maxDailyWait, and retryIn is when it comes back.
 */
export const SYNC: Script = {
  name: "sync",
  source: `${PREAMBLE}
local A = KEYS[4]
local tag = ARGV[6]
-- No state: the location was idle, or Redis lost it (restarted, flushed).
local fresh = st[4] == false
local a = 7
for i = a + 1, a + tonumber(ARGV[a]) do
  if redis.call('ZREM', F, ARGV[i]) == 1 then
    dayLeft = dayLeft + 1
    srvLeft = srvLeft + 1
  end
end
a = a + tonumber(ARGV[a]) + 1
local sentOf = {}
for i = a + 1, a + 2 * tonumber(ARGV[a]), 2 do
  local m = ARGV[i]
  sentOf[m] = tonumber(redis.call('ZSCORE', F, m))
  redis.call('ZREM', F, m)
  -- From the moment its response arrived: ARGV[i + 1] ms before this call was sent, so before now.
  redis.call('ZADD', W, now - math.max(0, tonumber(ARGV[i + 1]) or 0), m)
end
-- A response arrived: limits known or not, the location's first request has been answered.
if tonumber(ARGV[a]) > 0 then probed = 1 end
a = a + 2 * tonumber(ARGV[a]) + 1
local who = ARGV[a]
if who ~= '' then
  local imax, iint, iday = tonumber(ARGV[a + 1]), tonumber(ARGV[a + 2]), tonumber(ARGV[a + 3])
  local remaining, dayRemaining = tonumber(ARGV[a + 4]), tonumber(ARGV[a + 5])
  local learned = false
  local function learn(field, now, value)
    if value and tonumber(now) ~= value then
      redis.call('HSET', S, field, value)
      learned = true
    end
  end
  learn('max', st[7], imax and imax >= 1 and math.floor(imax) or nil)
  learn('interval', st[8], iint and iint > 0 and iint or nil)
  learn('day', st[9], iday and iday > 0 and iday or nil)
  if learned then
    st = redis.call('HMGET', S, 'blocked', 'srvLeft', 'srvUntil', 'dayLeft', 'dayEnd', 'probed',
      'max', 'interval', 'day')
    limits()
  end
  if remaining then
    -- The server counted this request when it arrived, after its slot: what was answered since
    -- one interval before that slot, or is still unanswered, may be in its count. Only a count
    -- lower than theirs says that someone outside this store uses the quota.
    local sent = sentOf[who] or now
    local own = redis.call('ZCOUNT', W, '(' .. (sent - I), now) + redis.call('ZCOUNT', F, '-inf', now)
    local left = max - own
    local current = left
    if srvUntil > now then current = math.min(left, srvLeft) end
    if remaining < current then
      srvLeft = remaining
      srvUntil = now + I
    end
  end
  if dayRemaining and dayRemaining < dayLeft then dayLeft = dayRemaining end
end
a = a + 6
local maxDailyWait = tonumber(ARGV[a])
local horizon = math.min(I, tonumber(ARGV[a + 1]))
local drain = tonumber(ARGV[a + 2]) or 0
a = a + 3
-- Slots handed out before the loss may be in use until then, unknown to this state.
if fresh and drain > 0 and now + drain > blocked then blocked = now + drain end
local waits = {}
local retryIn = -1
local sharing = 0
local rank = 0
local last = now
if a <= #ARGV then
  redis.call('ZREMRANGEBYSCORE', A, '-inf', now - 2 * I)
  redis.call('ZADD', A, now, tag)
  redis.call('PEXPIRE', A, math.ceil(2 * I + 1000))
  local processes = redis.call('ZCOUNT', A, '(' .. (now - I), '+inf')
  local askers = redis.call('ZRANGE', A, 0, -1)
  sharing = #askers
  for i = 1, sharing do
    if askers[i] < tag then rank = rank + 1 end
  end
  local pending = redis.call('ZRANGE', F, 0, -1)
  local held = 0
  local mine = tag .. '.'
  for i = 1, #pending do
    if string.sub(pending[i], 1, #mine) == mine then held = held + 1 end
  end
  -- Shares round up, unless a process got nothing on its last ask: then they round down, so that
  -- room is left for it between the holders' own reports.
  local Z = KEYS[5]
  redis.call('ZREMRANGEBYSCORE', Z, '-inf', now - I)
  local starving = redis.call('ZCARD', Z)
  if redis.call('ZSCORE', Z, tag) then starving = starving - 1 end
  local fair = max / processes
  if starving > 0 then fair = math.floor(fair) else fair = math.ceil(fair) end
  local share = math.max(1, fair) - held
  local unknown = tonumber(ARGV[1]) == 0 and not tonumber(st[7]) and hintMax == 0
  local free = max - #pending
  local latest = redis.call('ZRANGE', W, -max, -1, 'WITHSCORES')
  local R = {}
  for i = 2, #latest, 2 do R[#R + 1] = tonumber(latest[i]) end
  for i = a, #ARGV do
    if #waits >= share then
      -- Its share is out: its own responses will bring it more; at the latest in one interval.
      retryIn = math.ceil(I)
      break
    end
    if unknown and probed == 0 and #pending + #waits > 0 then
      -- Limits unknown (none configured, none learned here or by this process): the location's
      -- first request goes alone and its headers teach them; the others ask again shortly.
      retryIn = 50
      break
    end
    if free <= 0 then
      -- Room comes with responses: a process that holds requests hears of them anyway; one that
      -- holds none looks again in a fifth of an interval.
      if held + #waits > 0 then retryIn = math.ceil(I) else retryIn = math.ceil(I / 5) end
      break
    end
    local s = math.max(now, blocked, last)
    if srvLeft <= 0 and srvUntil > s then s = srvUntil end
    if dayLeft <= 0 and dayEnd > s then
      if maxDailyWait >= 0 and dayEnd - now > maxDailyWait and #waits == 0 then
        save(now)
        return reply({sharing, rank, -1, math.ceil(dayEnd - now)})
      end
      s = dayEnd
    end
    -- Answered requests that must have left the window first.
    local need = #R - (free - 1)
    if need > 0 then s = math.max(s, R[need] + I) end
    if s > now + horizon then
      retryIn = math.max(1, math.ceil(s - horizon - now))
      break
    end
    redis.call('ZADD', F, s, ARGV[i])
    free = free - 1
    last = s
    srvLeft = srvLeft - 1
    dayLeft = dayLeft - 1
    waits[#waits + 1] = math.ceil(s - now)
  end
end
if a <= #ARGV then
  if #waits == 0 then
    redis.call('ZADD', KEYS[5], now, tag)
    redis.call('PEXPIRE', KEYS[5], math.ceil(I + 1000))
  else
    redis.call('ZREM', KEYS[5], tag)
  end
end
save(last)
local out = {sharing, rank, #waits, retryIn}
for i = 1, #waits do out[#out + 1] = waits[i] end
return reply(out)
`,
};
