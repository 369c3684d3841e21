/**
 * The RateLimiter the client gets from `store.createLimiter()`: the shared window in Redis while
 * Redis answers; when it does not, either the in-process limiter (default, with one warning per
 * outage) or a StoreUnavailableError for every waiting and new request (`onStoreError: "fail"`).
 * A probe every second ends the fallback when Redis is back.
 */
import { createRateLimiter, type RateLimiter } from "../rate-limit.js";
import type { ScriptRunner } from "./script-runner.js";
import { StoreClosedError, StoreUnavailableError } from "./errors.js";
import { PROBE } from "./window-scripts.js";
import { createLocalFallback } from "./local-fallback.js";
import { createSharedWindow, type Lane } from "./shared-window.js";

/** Longest wait between Redis answering again and sharing again. */
const MAX_RESUME_DELAY_MS = 10_000;

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
  let probe: ReturnType<typeof setInterval> | undefined;
  let resuming: ReturnType<typeof setTimeout> | undefined;

  const window = createSharedWindow({
    runner: ctx.runner,
    prefix: ctx.prefix,
    limits: [finite(options.maxPerInterval), finite(options.intervalMs), finite(options.maxPerDay)],
    maxDailyWaitMs: maxDailyWait === Infinity ? -1 : maxDailyWait,
    horizonMs: ctx.horizonMs,
    onError: failed,
  });
  const local = createLocalFallback(
    { ...options, maxDailyWaitMs: maxDailyWait },
    window.known,
    (key, signal) => acquireSlot(key, signal),
  );

  /**
   * Redis answers again. Sharing resumes one interval later, when what this process sent on its
   * own has left the server's window (a restarted Redis knows nothing of it); then the requests
   * waiting here go back to the shared window, in their order.
   */
  function answered() {
    if (shared || resuming || closed) return;
    clearInterval(probe);
    resuming = setTimeout(
      () => {
        resuming = undefined;
        shared = true;
        logger.warn("highlevel-voice-ai/redis: Redis answers again; rate limits are shared again");
        local.resume();
      },
      Math.min(window.known.interval || options.intervalMs || 0, MAX_RESUME_DELAY_MS),
    );
  }

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
      local.start();
      logger.warn(
        `highlevel-voice-ai/redis: ${reason.message}; rate limits are kept per process until Redis answers again`,
      );
      probe = setInterval(() => ctx.runner.run(PROBE, [], []).then(answered, () => {}), ctx.probeMs);
      (probe as { unref?: () => void }).unref?.();
    }
    // Whoever waited for a shared slot waits in this process's limiter now.
    for (const w of lane.queue.splice(0)) {
      w.done = true;
      w.signal?.removeEventListener("abort", w.onAbort);
      local.acquire(lane.key, w.signal).then(w.resolve, w.reject);
    }
  }

  const acquireSlot = (key: string, signal?: AbortSignal) =>
    shared ? window.acquire(key, signal) : local.acquire(key, signal);

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
      if (shared) window.observe(key, info);
      else local.observe(key, info);
    },
    penalize(key, ms) {
      if (!shared) local.penalize(key, ms);
      else window.penalize(key, ms);
    },
    async close() {
      closed = true;
      clearInterval(probe);
      clearTimeout(resuming);
      local.close(new StoreClosedError("the Redis store was closed (store.close())"));
      await window.close();
    },
  };
}
