/**
 * What every script of the shared rate limiter starts with. Each runs atomically in Redis on
 * Redis's clock (TIME), so processes with skewed clocks agree. The keys of a location share one
 * hash slot (`rl:{=<location>}:...`), so the scripts run on Redis Cluster too: KEYS[1] the window
 * (a sorted set of the requests whose response arrived, scored with that moment: a request counts
 * from its response, when the server has certainly counted it), KEYS[2] its state (hash: blocked,
 * srvLeft, srvUntil, dayLeft, dayEnd, probed, and the limits learned from headers: max, interval,
 * day), KEYS[3] the requests given a slot and not yet answered (sorted set scored with the slot:
 * each counts in full until its response, or for LEASE_MS if its process died), KEYS[4] the
 * processes that asked for slots within the last two intervals (scored with their last ask),
 * KEYS[5] those that got none on their last ask within the last interval. ARGV[1..3]: the
 * configured max, interval and daily limit (0: not configured): ceilings that headers may only
 * tighten; ARGV[4..5]: the max and interval this process learned from headers at any location
 * (0: none), which stand for the location's own where it has learned nothing yet (a new
 * location, or a Redis that lost its state), configured or not.
 * A script's own arguments start at ARGV[6].
 */
export const DAY_MS = 86_400_000;
/** An unanswered request stops counting this long after its slot (its process died, say). */
const LEASE_MS = 60_000;

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
  if redis.call('ZCARD', F) > 0 then redis.call('PEXPIRE', F, ttl + ${LEASE_MS}) end
end
local function reply(extra)
  local out = {math.ceil(max), math.ceil(I), math.ceil(math.max(0, blocked - now))}
  for i = 1, #extra do out[#out + 1] = extra[i] end
  return out
end
`;
