/**
 * The RateLimiter the client gets from `store.createLimiter()`: the shared window in Redis while
 * Redis answers; when it does not, either the in-process limiter (default, with one warning per
 * outage) or a StoreUnavailableError for every waiting and new request (`onStoreError: "fail"`).
 * The client's connection events, or else a failed command, tell that Redis is away; its `ready`
 * event, or a probe every second, that it is back.
 */
import { createRateLimiter, type RateLimiter } from "../rate-limit.js";
import type { ScriptRunner } from "./script-runner.js";
import { StoreClosedError } from "./errors.js";
import { createModes } from "./limiter-modes.js";

export interface Logger {
  warn(...args: unknown[]): void;
}

export interface RedisLimiterOptions {
  maxPerInterval?: number | undefined;
  intervalMs?: number | undefined;
  maxPerDay?: number | undefined;
  /** Requests in flight per location in this process. */
  maxConcurrency?: number | undefined;
  maxDailyWaitMs?: number | undefined;
  logger?: Logger | undefined;
}

export interface LimiterContext {
  runner: ScriptRunner;
  prefix: string;
  onStoreError: "fallback" | "fail";
  horizonMs: number;
  probeMs: number;
  logger: Logger;
}

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
