/**
 * The Lua scripts of the token store. Keys of one record share a hash slot (`{key}`), so that they
 * work on Redis Cluster: KEYS[1] the record, a hash of v (the serialized record), f (the fence of
 * the last fenced write) and n (the last fence given out: fences only grow, a deleted record
 * keeps it); KEYS[2] its lock, "fence:owner" with a PX expiry.
 */
import type { Script } from "./script-runner.js";

export const TOKEN_GET: Script = { name: "token-get", source: "return redis.call('HGET', KEYS[1], 'v')" };

/**
 * KEYS[1] record, KEYS[2] its lock. With no lock held the whole hash goes (its last fence too:
 * a later holder's writes are told apart by their owner, checked with the lock), so that nothing
 * is left behind of an installation deleted; with one held, only the value.
 */
export const TOKEN_DELETE: Script = {
  name: "token-delete",
  source: `
if redis.call('EXISTS', KEYS[2]) == 0 then return redis.call('DEL', KEYS[1]) end
return redis.call('HDEL', KEYS[1], 'v', 'f')
`,
};

/**
 * KEYS[1] record, KEYS[2] lock; ARGV[1] value; ARGV[2] fence ('' for none), ARGV[3] its owner.
 * Refused (returns 0) when the lock of that fence is no longer held, or a write with a later
 * fence came first.
 */
export const TOKEN_SET: Script = {
  name: "token-set",
  source: `
local fence = tonumber(ARGV[2])
if not fence then
  redis.call('HSET', KEYS[1], 'v', ARGV[1])
  return 1
end
if redis.call('GET', KEYS[2]) ~= ARGV[2] .. ':' .. ARGV[3] then return 0 end
local last = tonumber(redis.call('HGET', KEYS[1], 'f'))
if last and last > fence then return 0 end
redis.call('HSET', KEYS[1], 'v', ARGV[1], 'f', fence)
return 1
`,
};

/**
 * KEYS[1] lock, KEYS[2] record; ARGV[1] ttl ms, ARGV[2] owner. Returns {1, fence} when taken,
 * else {0, ms until the lock expires}: how long a waiter that hears of no release may sleep.
 * With ARGV[3] (the channel that wakes the waiters) and ARGV[4] (the record's name): gives up the
 * lock if ARGV[2] holds it, for a call that got no reply. The same script as the call, so that
 * Redis has it whenever it ran that call late.
 */
export const LOCK: Script = {
  name: "lock",
  source: `
if ARGV[3] then
  local held = redis.call('GET', KEYS[1])
  if held and string.sub(held, -#ARGV[2] - 1) == ':' .. ARGV[2] then
    redis.call('DEL', KEYS[1])
    redis.call('PUBLISH', ARGV[3], ARGV[4])
  end
  return {0, 0}
end
local left = redis.call('PTTL', KEYS[1])
if left ~= -2 then return {0, left} end
local fence = redis.call('HINCRBY', KEYS[2], 'n', 1)
redis.call('SET', KEYS[1], fence .. ':' .. ARGV[2], 'PX', ARGV[1])
return {1, fence}
`,
};

/**
 * KEYS[1] lock; ARGV[1] "fence:owner", ARGV[2] the channel that wakes the waiters, ARGV[3] the
 * record's name they wait for. Frees the lock if still ours.
 */
export const UNLOCK: Script = {
  name: "unlock",
  source: `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('DEL', KEYS[1])
  redis.call('PUBLISH', ARGV[2], ARGV[3])
  return 1
end
return 0
`,
};
