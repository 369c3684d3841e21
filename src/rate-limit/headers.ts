/** HighLevel's X-RateLimit-* response headers, parsed. */
export interface RateLimitInfo {
  limitDaily?: number;
  dailyRemaining?: number;
  /** X-RateLimit-Daily-Reset: time until the daily quota comes back. Undocumented; read as milliseconds. */
  dailyResetMs?: number;
  intervalMs?: number;
  max?: number;
  remaining?: number;
}

const HEADERS = [
  ["limitDaily", "x-ratelimit-limit-daily"],
  ["dailyRemaining", "x-ratelimit-daily-remaining"],
  ["dailyResetMs", "x-ratelimit-daily-reset"],
  ["intervalMs", "x-ratelimit-interval-milliseconds"],
  ["max", "x-ratelimit-max"],
  ["remaining", "x-ratelimit-remaining"],
] as const;

/**
 * Parses the X-RateLimit-* headers; undefined when none is present. Garbage values are ignored.
 * The result is frozen: the limiter, `onResponse` and `rateLimit()` share it, and none may change it.
 */
export function parseRateLimitHeaders(headers: Headers): RateLimitInfo | undefined {
  let info: RateLimitInfo | undefined;
  for (const [key, name] of HEADERS) {
    const value = headers.get(name);
    const n = value ? Number(value) : NaN;
    if (n >= 0 && n < Infinity) (info ??= {})[key] = Math.ceil(n);
  }
  return info && Object.freeze(info);
}
