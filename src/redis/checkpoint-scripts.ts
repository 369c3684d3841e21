/**
 * The Lua scripts of the sync's checkpoint store and seen call ids. The keys of one location share
 * a hash slot (`{locationId}`), so they work on Redis Cluster: its checkpoint (JSON), its lease
 * ("fence:owner", with a PX expiry) and its fence counter (only grows).
 */
import type { Script } from "./script-runner.js";

export const CHECKPOINT_GET: Script = { name: "checkpoint-get", source: "return redis.call('GET', KEYS[1])" };

/**
 * KEYS[1] checkpoint, KEYS[2] lease; ARGV[1] value, ARGV[2] the lease "fence:owner" ('' for none).
 * Returns 0 (refused) when that lease is not the current one — or, without one, while any is.
 */
export const CHECKPOINT_SET: Script = {
  name: "checkpoint-set",
  source: `
local current = redis.call('GET', KEYS[2])
if ARGV[2] == '' then
  if current then return 0 end
elseif current ~= ARGV[2] then
  return 0
end
redis.call('SET', KEYS[1], ARGV[1])
return 1
`,
};

/** KEYS[1] lease, KEYS[2] fence; ARGV[1] ttl ms, ARGV[2] owner. Returns the new fence, or 0 when held. */
export const LEASE_TAKE: Script = {
  name: "lease-take",
  source: `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
local fence = redis.call('INCR', KEYS[2])
redis.call('SET', KEYS[1], fence .. ':' .. ARGV[2], 'PX', ARGV[1])
return fence
`,
};

/** KEYS[1] lease; ARGV[1] "fence:owner", ARGV[2] ttl ms. 1 when renewed, 0 when lost. */
export const LEASE_RENEW: Script = {
  name: "lease-renew",
  source: `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1
`,
};

/** KEYS[1] lease; ARGV[1] "fence:owner". Deletes it if still that lease. */
export const LEASE_RELEASE: Script = {
  name: "lease-release",
  source: `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
return redis.call('DEL', KEYS[1])
`,
};

export const SEEN_HAS: Script = { name: "seen-has", source: "return redis.call('EXISTS', KEYS[1])" };

/** KEYS[1] the id's key; ARGV[1] ttl ms. */
export const SEEN_ADD: Script = {
  name: "seen-add",
  source: "return redis.call('SET', KEYS[1], '1', 'PX', ARGV[1])",
};
