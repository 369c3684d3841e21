/**
 * The `rateLimit` and `maxConcurrency` options as a limiter: the in-process one by default, or the
 * one a shared store builds (`rateLimit: { store }`, e.g. highlevel-voice-ai/redis).
 */
import { ConfigurationError } from "../errors/index.js";
import { checkCount } from "../request/checks.js";
import type { VoiceAIClientOptions } from "../client/options.js";
import type { RateLimiter } from "./contract.js";
import { createRateLimiter } from "./limiter.js";

const LIMITS = ["maxPerInterval", "intervalMs", "maxPerDay"];

export function limiterFor({ rateLimit, maxConcurrency }: VoiceAIClientOptions): RateLimiter | undefined {
  if (
    rateLimit !== undefined &&
    rateLimit !== false &&
    (typeof rateLimit !== "object" || rateLimit === null)
  ) {
    throw new ConfigurationError("rateLimit must be false or an object");
  }
  const { store, ...limits } =
    rateLimit === false ? { maxPerInterval: Infinity, maxPerDay: Infinity } : { ...rateLimit };
  for (const [name, value] of Object.entries(limits)) {
    if (!LIMITS.includes(name))
      throw new ConfigurationError(`unknown option "rateLimit.${name.slice(0, 60)}"`);
    if (value !== Infinity) checkCount(`rateLimit.${name}`, value, 1, ConfigurationError);
  }
  checkCount("maxConcurrency", maxConcurrency, 1, ConfigurationError);
  if (store !== undefined && typeof store?.createLimiter !== "function") {
    throw new ConfigurationError("rateLimit.store needs createLimiter (createRedisStore)");
  }
  if (rateLimit === false) {
    if (maxConcurrency === undefined) return undefined;
    // Off means off: only the concurrency is limited, whatever the server's headers or 429s say.
    const limiter = createRateLimiter({ ...limits, maxConcurrency });
    return { ...limiter, observe() {}, penalize() {} };
  }
  // A spent daily quota is refused at once, never waited for (maxDailyWaitMs 0).
  const options = { ...limits, maxConcurrency, maxDailyWaitMs: 0 };
  return store ? store.createLimiter(options) : createRateLimiter(options);
}
