import { apiVersions, defaultBaseUrl, type ApiVersion } from "../generated/operations.js";
import { ConfigurationError, InvalidRequestError } from "./errors.js";
import type { RateLimiterOptions } from "./rate-limit.js";
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
  rateLimit?: false | Pick<RateLimiterOptions, "maxPerInterval" | "intervalMs" | "maxPerDay"> | undefined;
  /** Most requests in flight at once (default: no limit). */
  maxConcurrency?: number | undefined;
  /** Told before every retry. */
  onRetry?: ((event: RetryEvent) => void) | undefined;
  /** Told after every response, with its parsed X-RateLimit-* headers. */
  onResponse?: ((event: ResponseEvent) => void) | undefined;
}

export interface ResolvedOptions {
  getToken: () => string | Promise<string>;
  locationId: string | undefined;
  baseUrl: string;
  origin: string;
  version: ApiVersion;
  fetch: (request: Request) => Promise<Response>;
  headers: Record<string, string>;
  timeoutMs: number;
  maxRetries: number;
  totalTimeoutMs: number | undefined;
}

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/** Checks every option before anything is sent; throws ConfigurationError naming the bad one. */
export function resolveOptions(options: VoiceAIClientOptions): ResolvedOptions {
  if (options === null || typeof options !== "object")
    throw new ConfigurationError("options must be an object");
  const { token } = options;
  let getToken: () => string | Promise<string>;
  if (typeof token === "function") getToken = token;
  else if (typeof token === "string" && token.trim() !== "") getToken = () => token;
  else throw new ConfigurationError("token is required: a non-empty string or a function that returns one");

  const locationId = options.locationId;
  if (locationId !== undefined && (typeof locationId !== "string" || locationId === "")) {
    throw new ConfigurationError("locationId must be a non-empty string when given");
  }

  let url: URL;
  try {
    url = new URL(options.baseUrl ?? defaultBaseUrl);
  } catch {
    throw new ConfigurationError(`baseUrl is not a valid URL`);
  }
  if (url.username || url.password) throw new ConfigurationError("baseUrl must not contain credentials");
  if (url.protocol !== "https:" && !(url.protocol === "http:" && LOOPBACK.test(url.hostname))) {
    throw new ConfigurationError(
      `baseUrl must use https (plain http only for loopback hosts), got ${url.protocol}`,
    );
  }
  const baseUrl = (url.origin + url.pathname).replace(/\/+$/, "");

  const headers = { ...options.headers };
  for (const name of Object.keys(headers)) {
    if (name.toLowerCase() === "authorization") {
      throw new ConfigurationError("headers must not set Authorization: pass the token as `token`");
    }
  }
  if (options.fetch !== undefined && typeof options.fetch !== "function") {
    throw new ConfigurationError("fetch must be a function");
  }

  return {
    getToken,
    locationId,
    baseUrl,
    origin: url.origin,
    version: checkVersion(options.version ?? apiVersions[0], ConfigurationError),
    // Late-bound so that a global fetch patched after creation (e.g. by a test) is used.
    fetch: options.fetch ?? ((request) => globalThis.fetch(request)),
    headers,
    timeoutMs: checkCount("timeoutMs", options.timeoutMs ?? 60_000, 1, ConfigurationError),
    maxRetries: checkCount("maxRetries", options.maxRetries ?? 2, 0, ConfigurationError),
    totalTimeoutMs:
      options.totalTimeoutMs === undefined
        ? undefined
        : checkCount("totalTimeoutMs", options.totalTimeoutMs, 1, ConfigurationError),
  };
}

type ErrorClass = typeof ConfigurationError | typeof InvalidRequestError;

export function checkVersion(version: unknown, Err: ErrorClass): ApiVersion {
  if (!(apiVersions as readonly unknown[]).includes(version)) {
    throw new Err(`version must be one of ${apiVersions.join(", ")}, got ${JSON.stringify(version)}`);
  }
  return version as ApiVersion;
}

export function checkCount(name: string, value: unknown, min: number, Err: ErrorClass): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min) {
    throw new Err(`${name} must be an integer >= ${min}, got ${JSON.stringify(value)}`);
  }
  return value;
}
