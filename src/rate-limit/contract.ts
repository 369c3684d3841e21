/**
 * What the pipeline's limit stage needs from a rate limiter: the in-process one (rate-limit.ts)
 * and a shared one (a Redis store) implement it alike.
 */
import type { RateLimitInfo } from "./headers.js";

export interface RateLimiterOptions {
  /** Sends allowed in any span of `intervalMs` per key; default 100 (learned from X-RateLimit-Max). */
  maxPerInterval?: number | undefined;
  /** Default 10 000 (learned from X-RateLimit-Interval-Milliseconds). */
  intervalMs?: number | undefined;
  /** Sends per key per day; default 200 000 (learned from X-RateLimit-Limit-Daily). */
  maxPerDay?: number | undefined;
  /** Requests in flight per key; default Infinity. */
  maxConcurrency?: number | undefined;
  /** Longest wait for a spent daily quota; default Infinity. Longer: acquire rejects with DailyQuotaSpent. */
  maxDailyWaitMs?: number | undefined;
  now?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

export interface RateLimiter {
  /**
   * Waits (FIFO per key) until a request for `key` may go, then reserves a slot. Rejects with
   * signal.reason on abort, or a DailyQuotaSpent. Resolves to the release function to call when
   * the response arrives (or the request failed): it frees the concurrency slot.
   */
  acquire(key: string, signal?: AbortSignal): Promise<() => void>;
  /** The synchronous fast path of acquire: a release function when a slot is free now. */
  tryAcquire(key: string): (() => void) | undefined;
  /** Learns from a response's X-RateLimit-* headers. */
  observe(key: string, info: RateLimitInfo): void;
  /** A 429 happened: nothing is sent for `key` for `ms`. */
  penalize(key: string, ms: number): void;
}

/** Why acquire refused: the key's daily quota is spent, and comes back only in `waitMs`. */
export class DailyQuotaSpent {
  constructor(readonly waitMs: number) {}
}

/** Builds the limiter a client uses instead of its in-process one (highlevel-voice-ai/redis). */
export interface RateLimitStore {
  createLimiter(
    options: Pick<RateLimiterOptions, "maxPerInterval" | "intervalMs" | "maxPerDay" | "maxDailyWaitMs"> & {
      maxConcurrency?: number | undefined;
    },
  ): RateLimiter;
}
