/** The script that carries a process's news for a location and hands out its slots. */
import type { Script } from "./script-runner.js";
import { ASK } from "./sync-ask.js";
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
 * unanswered ones (at least one), so the quota is shared out, not raced for; as responses
 * arrive, the process that reports them gets the freed room in the same call, unless others
 * wait in line for room (sync-ask.ts): then it goes to them first, longest waiting first.
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
-- Its heartbeat first: a process that calls is not gone, whatever it held.
redis.call('ZADD', KEYS[6], now, tag)
reap()
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
${ASK}`,
};
