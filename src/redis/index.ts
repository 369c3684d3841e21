/**
 * `highlevel-voice-ai/redis`: rate limits and OAuth tokens shared by several processes through
 * Redis (ioredis or node-redis). Nothing here is part of the core entry.
 */
export { createRedisStore, type RedisStore, type RedisStoreOptions } from "./store.js";
export type { IORedisLike, NodeRedisLike, RedisClientLike } from "./adapter.js";
export type { Logger, RedisLimiterOptions } from "./limiter-context.js";
export type { StoreLock, TokenStore } from "./token-store.js";
export {
  StoreClosedError,
  StoreLockLostError,
  StoreLockTimeoutError,
  StoreUnavailableError,
} from "./errors.js";
export {
  createRedisCheckpointStore,
  createRedisSeenCallIds,
  type RedisSyncStoreOptions,
} from "./checkpoints.js";
