/**
 * The RateLimiter the client gets from `store.createLimiter()`: the shared window in Redis while
 * Redis answers; when it does not, either the in-process limiter (default, with one warning per
 * outage) or a StoreUnavailableError for every waiting and new request (`onStoreError: "fail"`).
 * The client's connection events, or else a failed command, tell that Redis is away; its `ready`
 * event, or a probe every second, that it is back.
 */
import { createRateLimiter } from "../rate-limit/limiter.js";
import { type RateLimiter } from "../rate-limit/contract.js";
import { StoreClosedError } from "./errors.js";
import { createModes } from "./limiter-modes.js";
import type { LimiterContext, RedisLimiterOptions } from "./limiter-context.js";

/** The limiter, and what the store calls on it: on close, and on the client's connection events. */
export interface RedisLimiter extends RateLimiter {
  close(): Promise<void>;
  /** The client lost its connection at `at` (performance.now()). */
  lost(at: number): void;
  /** The client is connected again. */
  back(): void;
}

export function createRedisLimiter(ctx: LimiterContext, options: RedisLimiterOptions): RedisLimiter {
  const concurrency =
    options.maxConcurrency === undefined
      ? undefined
      : createRateLimiter({
          maxPerInterval: Infinity,
          maxPerDay: Infinity,
          maxConcurrency: options.maxConcurrency,
        });
  const modes = createModes(ctx, options);
  let closed = false;

  return {
    async acquire(key, signal) {
      if (closed) throw new StoreClosedError("the Redis store was closed (store.close())");
      if (!concurrency) return modes.acquire(key, signal);
      const free = await concurrency.acquire(key, signal);
      try {
        const release = await modes.acquire(key, signal);
        return () => {
          release();
          free();
        };
      } catch (error) {
        free();
        throw error;
      }
    },
    tryAcquire: (key) => (concurrency || closed ? undefined : modes.tryAcquire(key)),
    observe: modes.observe,
    penalize: modes.penalize,
    lost: modes.lost,
    back: modes.back,
    async close() {
      closed = true;
      await modes.close();
    },
  };
}
