/**
 * The Lua scripts of the token store. A record is a hash: v (the serialized record) and f (the
 * fence of the last fenced write). A lock is a key holding "fence:owner" with a PX expiry, plus an
 * index key per fence naming the lock, so that a fenced write can check its lock is still held.
 */
import type { Script } from "./adapter.js";

export const TOKEN_GET: Script = { name: "token-get", source: "return redis.call('HGET', KEYS[1], 'v')" };

export const TOKEN_DELETE: Script = { name: "token-delete", source: "return redis.call('DEL', KEYS[1])" };

/**
 * KEYS[1] record; ARGV[1] value; ARGV[2] fence ('' for none), ARGV[3] its owner, ARGV[4] the
 * fence's index key. Refused (returns 0) when the lock of that fence is no longer held, or a
 * write with a later fence came first.
 */
export const TOKEN_SET: Script = {
  name: "token-set",
  source: `
local fence = tonumber(ARGV[2])
if not fence then
  redis.call('HSET', KEYS[1], 'v', ARGV[1])
  return 1
end
local lock = redis.call('GET', ARGV[4])
if not lock or redis.call('GET', lock) ~= ARGV[2] .. ':' .. ARGV[3] then return 0 end
local last = tonumber(redis.call('HGET', KEYS[1], 'f'))
if last and last > fence then return 0 end
redis.call('HSET', KEYS[1], 'v', ARGV[1], 'f', fence)
return 1
`,
};

/**
 * KEYS[1] lock, KEYS[2] fence counter; ARGV[1] ttl ms, ARGV[2] owner, ARGV[3] prefix of the fence
 * index keys. Returns {1, fence} when taken, else {0, ms until the lock expires}.
 */
export const LOCK: Script = {
  name: "lock",
  source: `
local left = redis.call('PTTL', KEYS[1])
if left ~= -2 then return {0, left} end
local fence = redis.call('INCR', KEYS[2])
redis.call('SET', KEYS[1], fence .. ':' .. ARGV[2], 'PX', ARGV[1])
redis.call('SET', ARGV[3] .. fence, KEYS[1], 'PX', ARGV[1])
return {1, fence}
`,
};

/** KEYS[1] lock; ARGV[1] "fence:owner", ARGV[2] the fence's index key. Frees the lock if still ours. */
export const UNLOCK: Script = {
  name: "unlock",
  source: `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('DEL', KEYS[1])
  redis.call('DEL', ARGV[2])
  return 1
end
return 0
`,
};
