/**
 * The in-process limiter a Redis limiter falls back to while Redis is away: this process's share
 * of the quota (the limit divided by the processes Redis last saw asking, the remainder going to
 * the first of them by tag), so that the processes together stay within the limit. Its waits can be ended all at once: by close(), or by resume()
 * when Redis answers again, which sends them back to the shared window in their order.
 */
import { createRateLimiter, type RateLimiter, type RateLimiterOptions } from "../rate-limit.js";

export interface FallbackLimits {
  maxPerInterval?: number | undefined;
  intervalMs?: number | undefined;
  maxPerDay?: number | undefined;
  maxDailyWaitMs: number;
}

/** Why a wait ended: back to the shared window. */
const RESUMED = new Error("shared again");

export function createLocalFallback(
  limits: FallbackLimits,
  known: { max: number; interval: number; processes: number; rank: number },
  /** Where a wait goes on resume(). */
  shared: (key: string, signal: AbortSignal | undefined) => Promise<() => void>,
) {
  let local: RateLimiter = createRateLimiter({});
  /** The waits, each ended by close() or resume() (a set: no listener per wait on one signal). */
  const waits = new Set<AbortController>();

  return {
    /** A new local limiter, from what Redis last told. */
    start() {
      const options: RateLimiterOptions = { maxDailyWaitMs: limits.maxDailyWaitMs };
      const max = known.max || limits.maxPerInterval;
      if (max !== undefined) {
        const { processes, rank } = known;
        const share = Math.floor(max / processes) + (rank < max % processes ? 1 : 0);
        options.maxPerInterval = Math.max(1, share);
      }
      const interval = known.interval || limits.intervalMs;
      if (interval !== undefined) options.intervalMs = interval;
      if (limits.maxPerDay !== undefined) options.maxPerDay = limits.maxPerDay;
      local = createRateLimiter(options);
    },
    async acquire(key: string, signal: AbortSignal | undefined): Promise<() => void> {
      const wait = new AbortController();
      const onAbort = () => wait.abort(signal!.reason);
      if (signal?.aborted) onAbort();
      signal?.addEventListener("abort", onAbort, { once: true });
      waits.add(wait);
      try {
        return await local.acquire(key, wait.signal);
      } catch (error) {
        if (wait.signal.reason === RESUMED) return shared(key, signal);
        throw error;
      } finally {
        waits.delete(wait);
        signal?.removeEventListener("abort", onAbort);
      }
    },
    tryAcquire: (key: string) => local.tryAcquire(key),
    observe(key: string, info: Parameters<RateLimiter["observe"]>[1]) {
      // The local share stays what it is: the header's max is the whole quota.
      const { max: _whole, ...rest } = info;
      local.observe(key, rest);
    },
    penalize: (key: string, ms: number) => local.penalize(key, ms),
    /** Every wait goes back to the shared window. */
    resume() {
      for (const wait of waits) wait.abort(RESUMED);
    },
    /** Every wait fails with `reason`. */
    close(reason: unknown) {
      for (const wait of waits) wait.abort(reason);
    },
  };
}
