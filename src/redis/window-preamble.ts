/**
 * What every script of the shared rate limiter starts with. Each runs atomically in Redis on Redis's clock
 * (TIME), so processes with skewed clocks agree. Keys of a location: KEYS[1] the window (a sorted
 * set of the requests whose response arrived, scored with that moment: a request counts from its
 * response, when the server has certainly counted it), KEYS[2] its state (hash: blocked, srvLeft,
 * srvUntil, dayLeft, dayEnd), KEYS[4] the requests given a slot and not yet answered (sorted set
 * scored with the slot: each counts in full until its response, or for LEASE_MS if its process
 * died), KEYS[5] the processes that asked for slots within the last interval, KEYS[6] those of
 * them that got none on their last ask; KEYS[3] the limits
 * learned from headers, shared by all locations (the app's policy). ARGV[1..3]: the configured
 * max, interval and daily limit (0: not configured): ceilings that headers may only tighten.
 */
export const DAY_MS = 86_400_000;
/** An unanswered request stops counting this long after its slot (its process died, say). */
const LEASE_MS = 60_000;

export const PREAMBLE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local W, S, P, F = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local pol = redis.call('HMGET', P, 'max', 'interval', 'day')
local function limit(cfg, learned, default, pick)
  cfg = tonumber(cfg)
  learned = tonumber(learned)
  if cfg > 0 then
    if learned then return pick(cfg, learned) end
    return cfg
  end
  return learned or default
end
local max = limit(ARGV[1], pol[1], 100, math.min)
local I = limit(ARGV[2], pol[2], 10000, math.max)
local perDay = limit(ARGV[3], pol[3], 200000, math.min)
local st = redis.call('HMGET', S, 'blocked', 'srvLeft', 'srvUntil', 'dayLeft', 'dayEnd')
local blocked = tonumber(st[1]) or 0
local srvLeft = tonumber(st[2]) or 0
local srvUntil = tonumber(st[3]) or 0
local dayLeft = tonumber(st[4])
local dayEnd = tonumber(st[5]) or 0
if not dayLeft or dayEnd <= now then
  dayLeft = perDay
  dayEnd = now + ${DAY_MS}
end
-- Entries that left the window: the server lets a request in exactly one interval after another.
redis.call('ZREMRANGEBYSCORE', W, '-inf', now - I)
redis.call('ZREMRANGEBYSCORE', F, '-inf', now - ${LEASE_MS})
local function save(upto)
  redis.call('HSET', S, 'blocked', blocked, 'srvLeft', srvLeft, 'srvUntil', srvUntil,
    'dayLeft', dayLeft, 'dayEnd', dayEnd)
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
