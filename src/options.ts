import { apiVersions, defaultBaseUrl, type ApiVersion } from "../generated/operations.js";
import { ConfigurationError, InvalidRequestError } from "./errors.js";
import type { RateLimiter, RateLimiterOptions } from "./rate-limit.js";
import type { ResponseEvent, RetryEvent } from "./transport.js";

/** A token, or a function that returns the current one (OAuth tokens rotate); it is called for every request. */
export type TokenSource = string | (() => string | Promise<string>);

export interface VoiceAIClientOptions {
  /** Private Integration Token or OAuth access token of a sub-account. */
  token: TokenSource;
  /** Default location: filled into every operation that takes `locationId` when a call omits it. */
  locationId?: string | undefined;
  /** Default https://services.leadconnectorhq.com. Must be https, except for loopback hosts. */
  baseUrl?: string | undefined;
  /** The `Version` header (default "2021-04-15"); a call can override it. */
  version?: ApiVersion | undefined;
  /** A fetch implementation (default: globalThis.fetch). */
  fetch?: ((request: Request) => Promise<Response>) | undefined;
  /** Headers added to every request. */
  headers?: Record<string, string> | undefined;
  /** Timeout of one attempt in ms (default 60 000). */
  timeoutMs?: number | undefined;
  /** Retries after the first attempt (default 2). */
  maxRetries?: number | undefined;
  /** Bound on a whole call in ms, retries and waits included (default: none). */
  totalTimeoutMs?: number | undefined;
  /**
   * Client-side rate limiting per location, on by default with HighLevel's limits
   * (100 requests per 10 s, 200 000 per day); learns the real limits from the responses.
   * `false` turns it off.
   */
  rateLimit?:
    | false
    | (Pick<RateLimiterOptions, "maxPerInterval" | "intervalMs" | "maxPerDay"> & {
        /** Shares the limits between processes (`createRedisStore` of highlevel-voice-ai/redis). */
        store?: RateLimitStore | undefined;
      })
    | undefined;
  /** Most requests in flight at once per location (default: no limit). */
  maxConcurrency?: number | undefined;
  /** Told before every retry. */
  onRetry?: ((event: RetryEvent) => void) | undefined;
  /** Told after every response, with its parsed X-RateLimit-* headers. */
  onResponse?: ((event: ResponseEvent) => void) | undefined;
}

/** Builds the limiter a client uses instead of its in-process one (highlevel-voice-ai/redis). */
export interface RateLimitStore {
  createLimiter(
    options: Pick<RateLimiterOptions, "maxPerInterval" | "intervalMs" | "maxPerDay" | "maxDailyWaitMs"> & {
      maxConcurrency?: number | undefined;
    },
  ): RateLimiter;
}

export interface ResolvedOptions {
  getToken: () => string | Promise<string>;
  locationId: string | undefined;
  baseUrl: string;
  origin: string;
  version: ApiVersion;
  /** Sends a request under an abort signal. */
  fetch: (request: Request, signal: AbortSignal) => Promise<Response>;
  headers: Record<string, string>;
  timeoutMs: number;
  maxRetries: number;
  totalTimeoutMs: number | undefined;
}

type ErrorClass = typeof ConfigurationError | typeof InvalidRequestError;

/** Checks every option before anything is sent; throws ConfigurationError naming the bad one. */
export function resolveOptions(options: VoiceAIClientOptions): ResolvedOptions {
  const fail = (message: string): never => {
    throw new ConfigurationError(message);
  };
  const { token, locationId, fetch } = options ?? fail("options are required");
  const getToken =
    typeof token === "function"
      ? token
      : typeof token === "string" && token.trim()
        ? () => token
        : fail("token is required: a non-empty string or a function returning one");
  if (locationId !== undefined && (typeof locationId !== "string" || !locationId)) {
    fail("locationId must be a non-empty string");
  }
  let url: URL;
  try {
    url = new URL(options.baseUrl ?? defaultBaseUrl);
  } catch {
    return fail("baseUrl is not a valid URL");
  }
  if (url.username || url.password) fail("baseUrl must not contain credentials");
  // Plain http only where nothing leaves the machine.
  if (
    url.protocol !== "https:" &&
    !(url.protocol === "http:" && /^(localhost|127\.[\d.]+|\[::1\])$/.test(url.hostname))
  ) {
    fail(`baseUrl must use https (http only for loopback hosts), got ${url.protocol}`);
  }
  const headers = { ...options.headers };
  if (Object.keys(headers).some((name) => name.toLowerCase() === "authorization")) {
    fail("headers must not set Authorization: pass the token as `token`");
  }
  if (fetch !== undefined && typeof fetch !== "function") fail("fetch must be a function");
  return {
    getToken,
    locationId,
    baseUrl: (url.origin + url.pathname).replace(/\/+$/, ""),
    origin: url.origin,
    version: checkVersion(options.version ?? apiVersions[0], ConfigurationError),
    // The global fetch takes the signal beside the request: a signal inside a Request costs a
    // copy of it (~17 µs on Node 20). A custom fetch gets one Request that carries everything.
    // Late-bound, so that a global fetch patched after creation (by a test, say) is used.
    fetch: fetch
      ? (request, signal) => fetch(new Request(request, { signal }))
      : (request, signal) => globalThis.fetch(request, { signal }),
    headers,
    timeoutMs: checkCount("timeoutMs", options.timeoutMs ?? 60_000, 1, ConfigurationError),
    maxRetries: checkCount("maxRetries", options.maxRetries ?? 2, 0, ConfigurationError),
    totalTimeoutMs: checkCount("totalTimeoutMs", options.totalTimeoutMs, 1, ConfigurationError),
  };
}

export function checkVersion(version: unknown, Err: ErrorClass): ApiVersion {
  if (!(apiVersions as readonly unknown[]).includes(version)) {
    throw new Err(`version must be one of ${apiVersions.join(", ")}, got ${JSON.stringify(version)}`);
  }
  return version as ApiVersion;
}

/** An integer >= min, or undefined when not given. */
export function checkCount<T extends number | undefined>(
  name: string,
  value: T,
  min: number,
  Err: ErrorClass,
): T {
  if (value !== undefined && !(Number.isInteger(value) && value >= min)) {
    throw new Err(`${name} must be an integer >= ${min}, got ${JSON.stringify(value)}`);
  }
  return value;
}
