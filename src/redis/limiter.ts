/**
 * The RateLimiter the client gets from `store.createLimiter()`: the shared window in Redis while
 * Redis answers; when it does not, either the in-process limiter (default, with one warning per
 * outage) or a StoreUnavailableError for every waiting and new request (`onStoreError: "fail"`).
 * A probe every second ends the fallback when Redis is back.
 */
import { createRateLimiter, type RateLimiter, type RateLimiterOptions } from "../rate-limit.js";
import type { ScriptRunner } from "./script-runner.js";
import { StoreClosedError, StoreUnavailableError } from "./errors.js";
import { PROBE } from "./window-scripts.js";
import { createSharedWindow, type Lane } from "./shared-window.js";

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

/** The limiter, and what `store.close()` calls on it. */
export interface RedisLimiter extends RateLimiter {
  close(): Promise<void>;
}

export function createRedisLimiter(ctx: LimiterContext, options: RedisLimiterOptions): RedisLimiter {
  const finite = (n: number | undefined) => (n !== undefined && n !== Infinity ? n : 0);
  const logger = options.logger ?? ctx.logger;
  const maxDailyWait = options.maxDailyWaitMs ?? Infinity;
  /**
   * The in-process limiter while Redis is away: its share of the quota (the limit divided by the
   * processes Redis last saw asking), so that the processes together stay within the limit.
   */
  function localLimiter(): RateLimiter {
    const localOptions: RateLimiterOptions = { maxDailyWaitMs: maxDailyWait };
    const max = window.known.max || options.maxPerInterval;
    if (max !== undefined)
      localOptions.maxPerInterval = Math.max(1, Math.floor(max / window.known.processes));
    const interval = window.known.interval || options.intervalMs;
    if (interval !== undefined) localOptions.intervalMs = interval;
    if (options.maxPerDay !== undefined) localOptions.maxPerDay = options.maxPerDay;
    return createRateLimiter(localOptions);
  }
  let local: RateLimiter;
  const concurrency =
    options.maxConcurrency === undefined
      ? undefined
      : createRateLimiter({
          maxPerInterval: Infinity,
          maxPerDay: Infinity,
          maxConcurrency: options.maxConcurrency,
        });
  let shared = true;
  let closed = false;
  /** Waits in the fallback limiter, each ended by close() (a set: no listener per wait on one signal). */
  const localWaits = new Set<AbortController>();
  const localAcquire = (key: string, signal: AbortSignal | undefined) => {
    const wait = new AbortController();
    const onAbort = () => wait.abort(signal!.reason);
    if (signal?.aborted) onAbort();
    signal?.addEventListener("abort", onAbort, { once: true });
    localWaits.add(wait);
    return local.acquire(key, wait.signal).finally(() => {
      localWaits.delete(wait);
      signal?.removeEventListener("abort", onAbort);
    });
  };
  let probe: ReturnType<typeof setInterval> | undefined;

  const window = createSharedWindow({
    runner: ctx.runner,
    prefix: ctx.prefix,
    limits: [finite(options.maxPerInterval), finite(options.intervalMs), finite(options.maxPerDay)],
    maxDailyWaitMs: maxDailyWait === Infinity ? -1 : maxDailyWait,
    horizonMs: ctx.horizonMs,
    onError: failed,
  });

  function failed(error: unknown, lane: Lane) {
    const reason =
      error instanceof StoreUnavailableError
        ? error
        : new StoreUnavailableError("Redis failed", { cause: error });
    if (ctx.onStoreError === "fail") {
      for (const w of lane.queue.splice(0)) {
        w.done = true;
        w.signal?.removeEventListener("abort", w.onAbort);
        w.reject(reason);
      }
      return;
    }
    if (closed) return;
    if (shared) {
      shared = false;
      local = localLimiter();
      logger.warn(
        `highlevel-voice-ai/redis: ${reason.message}; rate limits are kept per process until Redis answers again`,
      );
      probe = setInterval(() => {
        ctx.runner.run(PROBE, [], []).then(
          () => {
            if (shared) return;
            shared = true;
            clearInterval(probe);
            logger.warn("highlevel-voice-ai/redis: Redis answers again; rate limits are shared again");
          },
          () => {},
        );
      }, ctx.probeMs);
      (probe as { unref?: () => void }).unref?.();
    }
    // Whoever waited for a shared slot waits in this process's limiter now.
    for (const w of lane.queue.splice(0)) {
      w.done = true;
      w.signal?.removeEventListener("abort", w.onAbort);
      localAcquire(lane.key, w.signal).then(w.resolve, w.reject);
    }
  }

  const acquireSlot = (key: string, signal?: AbortSignal) =>
    shared ? window.acquire(key, signal) : localAcquire(key, signal);

  return {
    async acquire(key, signal) {
      if (closed) throw new StoreClosedError("the Redis store was closed (store.close())");
      if (!concurrency) return acquireSlot(key, signal);
      const free = await concurrency.acquire(key, signal);
      try {
        const release = await acquireSlot(key, signal);
        return () => {
          release();
          free();
        };
      } catch (error) {
        free();
        throw error;
      }
    },
    tryAcquire(key) {
      return shared || concurrency || closed ? undefined : local.tryAcquire(key);
    },
    observe(key, info) {
      // The local share stays what it is: the header's max is the whole quota.
      if (shared) return window.observe(key, info);
      const { max: _whole, ...rest } = info;
      local.observe(key, rest);
    },
    penalize(key, ms) {
      if (!shared) local.penalize(key, ms);
      else window.penalize(key, ms);
    },
    async close() {
      closed = true;
      clearInterval(probe);
      const reason = new StoreClosedError("the Redis store was closed (store.close())");
      for (const wait of localWaits) wait.abort(reason);
      await window.close();
    },
  };
}
