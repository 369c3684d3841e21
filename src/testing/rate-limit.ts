/**
 * Rate limits as HighLevel enforces them, per app and location: at most `max` requests in a
 * burst window of `intervalMs` (100 per 10 s) and `daily` a day (200,000, the day in UTC). Every
 * response reports them in the X-RateLimit-* headers; a request past either is answered 429.
 */
import { ConfigurationError } from "../errors/index.js";

export interface FakeRateLimitOptions {
  /** Requests per burst window; default 100. */
  max?: number;
  /** Length of the burst window in ms; default 10,000. */
  intervalMs?: number;
  /** Requests per day; default 200,000. */
  daily?: number;
  /** Send `Retry-After` (seconds to the window's end) with a 429; default false (HighLevel documents none). */
  retryAfter?: boolean;
}

interface Usage {
  windowStart: number;
  inWindow: number;
  day: number;
  today: number;
}

const DAY = 86_400_000;

export class RateLimits {
  readonly #max: number;
  readonly #intervalMs: number;
  readonly #daily: number;
  readonly #retryAfter: boolean;
  readonly #enabled: boolean;
  readonly #usage = new Map<string, Usage>();

  constructor(
    options: FakeRateLimitOptions | false | undefined,
    private readonly clock: () => number,
  ) {
    const given = options || {};
    this.#enabled = options !== false;
    this.#max = count("rateLimit.max", given.max, 100);
    this.#intervalMs = count("rateLimit.intervalMs", given.intervalMs, 10_000);
    this.#daily = count("rateLimit.daily", given.daily, 200_000);
    this.#retryAfter = given.retryAfter === true;
  }

  /** Counts a request of `key`; `allowed` false when it is over a limit (it is then not counted). */
  take(key: string): { allowed: boolean; headers: Record<string, string> } {
    const usage = this.#current(key);
    const allowed = !this.#enabled || (usage.inWindow < this.#max && usage.today < this.#daily);
    if (allowed) {
      usage.inWindow++;
      usage.today++;
    }
    const headers = this.#headers(usage);
    if (!allowed && this.#retryAfter) {
      const waitMs =
        usage.today >= this.#daily
          ? DAY - (this.clock() % DAY)
          : usage.windowStart + this.#intervalMs - this.clock();
      headers["Retry-After"] = String(Math.max(1, Math.ceil(waitMs / 1000)));
    }
    return { allowed, headers };
  }

  /** The headers of `key` without counting a request. */
  headers(key: string): Record<string, string> {
    return this.#headers(this.#current(key));
  }

  reset(): void {
    this.#usage.clear();
  }

  #current(key: string): Usage {
    const now = this.clock();
    let usage = this.#usage.get(key);
    if (!usage)
      this.#usage.set(key, (usage = { windowStart: now, inWindow: 0, day: Math.floor(now / DAY), today: 0 }));
    if (now - usage.windowStart >= this.#intervalMs) Object.assign(usage, { windowStart: now, inWindow: 0 });
    if (Math.floor(now / DAY) !== usage.day) Object.assign(usage, { day: Math.floor(now / DAY), today: 0 });
    return usage;
  }

  #headers(usage: Usage): Record<string, string> {
    return {
      "X-RateLimit-Limit-Daily": String(this.#daily),
      "X-RateLimit-Daily-Remaining": String(Math.max(0, this.#daily - usage.today)),
      "X-RateLimit-Interval-Milliseconds": String(this.#intervalMs),
      "X-RateLimit-Max": String(this.#max),
      "X-RateLimit-Remaining": String(Math.max(0, this.#max - usage.inWindow)),
    };
  }
}

function count(name: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 1)
    throw new ConfigurationError(`${name} must be a positive integer`);
  return value;
}
