/**
 * What every script of the shared rate limiter starts with. Each runs atomically in Redis on
 * Redis's clock (TIME), so processes with skewed clocks agree. The keys of a location share one
 * hash slot (`rl:{=<location>}:...`), so the scripts run on Redis Cluster too: KEYS[1] the window
 * (a sorted set of the requests whose response arrived, scored with that moment: a request counts
 * from its response, when the server has certainly counted it), KEYS[2] its state (hash: blocked,
 * srvLeft, srvUntil, dayLeft, dayEnd, probed, and the limits learned from headers: max, interval,
 * day), KEYS[3] the requests given a slot and not yet answered (sorted set scored with the slot:
 * each counts in full until its response, or until its process is gone, see reap), KEYS[4] the
 * processes that asked for slots within the last two intervals (scored with their last ask),
 * KEYS[5] those that asked and got none since (scored with when they began to wait: the line
 * that the fair share serves first), KEYS[6] each process's last call (its heartbeat while it
 * holds slots). ARGV[1..3]: the
 * configured max, interval and daily limit (0: not configured): ceilings that headers may only
 * tighten; ARGV[4..5]: the max and interval this process learned from headers at any location
 * (0: none), which stand for the location's own where it has learned nothing yet (a new
 * location, or a Redis that lost its state), configured or not.
 * A script's own arguments start at ARGV[6].
 */
export const DAY_MS = 86_400_000;
/** An unanswered request stops counting this long after its slot whatever happens (a process without heartbeats). */
const LEASE_MS = 60_000;
/** A process silent for this long (half the location's interval, within these bounds) is gone. */
const MIN_LAPSE_MS = 2000;
const MAX_LAPSE_MS = 30_000;
/** How long a process holding slots may stay silent before it is taken for gone, by the interval. */
export const lapseMs = (intervalMs: number) => Math.min(Math.max(intervalMs / 2, MIN_LAPSE_MS), MAX_LAPSE_MS);

export const PREAMBLE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local W, S, F = KEYS[1], KEYS[2], KEYS[3]
local st = redis.call('HMGET', S, 'blocked', 'srvLeft', 'srvUntil', 'dayLeft', 'dayEnd', 'probed',
  'max', 'interval', 'day')
local hintMax, hintI = tonumber(ARGV[4]) or 0, tonumber(ARGV[5]) or 0
local function limit(cfg, learned, hint, default, pick)
  cfg = tonumber(cfg)
  learned = tonumber(learned)
  if not learned and hint > 0 then learned = hint end
  if cfg > 0 then
    if learned then return pick(cfg, learned) end
    return cfg
  end
  return learned or default
end
local max, I
local function limits()
  max = limit(ARGV[1], st[7], hintMax, 100, math.min)
  I = limit(ARGV[2], st[8], hintI, 10000, math.max)
end
limits()
local perDay = limit(ARGV[3], st[9], 0, 200000, math.min)
local blocked = tonumber(st[1]) or 0
local srvLeft = tonumber(st[2]) or 0
local srvUntil = tonumber(st[3]) or 0
local dayLeft = tonumber(st[4])
local dayEnd = tonumber(st[5]) or 0
local probed = tonumber(st[6]) or 0
if not dayLeft or dayEnd <= now then
  dayLeft = perDay
  dayEnd = now + ${DAY_MS}
end
-- Entries that left the window: the server lets a request in exactly one interval after another.
redis.call('ZREMRANGEBYSCORE', W, '-inf', now - I)
redis.call('ZREMRANGEBYSCORE', F, '-inf', now - ${LEASE_MS})
local function save(upto)
  redis.call('HSET', S, 'blocked', blocked, 'srvLeft', srvLeft, 'srvUntil', srvUntil,
    'dayLeft', dayLeft, 'dayEnd', dayEnd, 'probed', probed)
  -- Idle locations vanish: the keys live one interval past their last use.
  local ttl = math.ceil(math.max(upto, blocked, srvUntil, now) - now + I + 1000)
  redis.call('PEXPIRE', S, ttl)
  redis.call('PEXPIRE', W, ttl)
  -- Heartbeats matter while slots are held, no longer.
  if redis.call('ZCARD', F) > 0 then
    redis.call('PEXPIRE', F, ttl + ${LEASE_MS})
    redis.call('PEXPIRE', KEYS[6], ttl + ${LEASE_MS})
  else
    redis.call('DEL', KEYS[6])
  end
end
-- Processes gone (KEYS[6] holds each one's last call; it calls at least every quarter lapse while
-- it holds slots): their slots still to come are given back; those they may have used count as
-- answered at the end of the lapse (after it they sent nothing). A process never seen there (of
-- an older version) is left to the lease.
local function reap()
  local H = KEYS[6]
  local lapse = math.min(math.max(I / 2, ${MIN_LAPSE_MS}), ${MAX_LAPSE_MS})
  redis.call('ZREMRANGEBYSCORE', H, '-inf', now - ${LEASE_MS})
  local beats = {}
  local held = redis.call('ZRANGE', F, 0, -1, 'WITHSCORES')
  for i = 1, #held, 2 do
    local tag = string.match(held[i], '^(.-)%.')
    if tag and beats[tag] == nil then beats[tag] = tonumber(redis.call('ZSCORE', H, tag)) or false end
    local last = tag and beats[tag]
    if last and last < now - lapse then
      redis.call('ZREM', F, held[i])
      local gone = last + lapse
      if tonumber(held[i + 1]) > gone then
        dayLeft = dayLeft + 1
        srvLeft = srvLeft + 1
      elseif gone > now - I then
        redis.call('ZADD', W, gone, held[i])
      end
    end
  end
end
local function reply(extra)
  local out = {math.ceil(max), math.ceil(I), math.ceil(math.max(0, blocked - now))}
  for i = 1, #extra do out[#out + 1] = extra[i] end
  return out
end
`;
