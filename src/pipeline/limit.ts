/**
 * Takes a rate-limit slot for the call's location before sending, and gives it back on every way
 * out: the reply, a failure, an abort. The limiter learns from each reply's X-RateLimit-* headers,
 * and a 429 holds the location's other requests back for the wait it asked for.
 */
import { DailyQuotaSpent, type RateLimiter } from "../rate-limit/contract.js";
import { retryDelay } from "./retry-policy.js";
import { Failure } from "./failure.js";
import type { Stage } from "./types.js";

/** A 429 asking for longer than this is reported, not waited out by the location's other calls. */
export const MAX_RETRY_WAIT_MS = 60_000;

export const limit =
  (limiter: RateLimiter): Stage =>
  (next) =>
  async (request, call) => {
    const key = call.locationId ?? "";
    let release = limiter.tryAcquire(key);
    if (!release) {
      try {
        release = await limiter.acquire(key, call.signal);
      } catch (reason) {
        if (reason instanceof DailyQuotaSpent) {
          throw new Failure("daily-quota", "the location's daily request quota is spent; nothing was sent", {
            waitMs: Math.ceil(reason.waitMs),
          });
        }
        throw reason; // the attempt's signal fired: the timeout stage says why
      }
    }
    let reply;
    try {
      reply = await next(request, call);
    } finally {
      release();
    }
    if (reply.rateLimit) limiter.observe(key, reply.rateLimit);
    if (reply.status === 429) {
      const wait = retryDelay(call.attempt, reply.headers, 429);
      if (wait <= MAX_RETRY_WAIT_MS) limiter.penalize(key, wait);
    }
    return reply;
  };
