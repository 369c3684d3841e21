/**
 * The client's options, checked once at creation: a bad or unknown option throws a
 * ConfigurationError naming it, before anything is sent.
 */
import { apiVersions, defaultBaseUrl, type ApiVersion } from "../../generated/operations.js";
import { checkCount, checkHeaders, checkKeys, checkMs, checkText, checkVersion } from "../request/checks.js";
import { ConfigurationError } from "../errors/index.js";
import type { Logger, LogLevel } from "../logging/logger.js";
import type { ResponseEvent } from "../pipeline/observe.js";
import type { RetryEvent } from "../pipeline/retry.js";
import type { TokenSource } from "../pipeline/tokens.js";
import { PACKAGE, VERSION } from "./version.js";
import type { RateLimiterOptions, RateLimitStore } from "../rate-limit/contract.js";

export type { RateLimitStore, TokenSource };

export interface VoiceAIClientOptions {
  /**
   * Private Integration Token or OAuth access token of a sub-account; or a function, or a provider
   * object (`getToken`, optional `invalidate`), asked for every request with its location.
   */
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
  /** Bound on one attempt in ms — its rate-limit wait, token, exchange and body (default 60 000). */
  timeoutMs?: number | undefined;
  /** Retries after the first attempt (default 2). */
  maxRetries?: number | undefined;
  /** Bound on a whole call in ms, retries and waits included (default: none). */
  totalTimeoutMs?: number | undefined;
  /** Largest success body read, in bytes (default 16 MiB); a larger one is an InvalidResponseError. */
  maxResponseBytes?: number | undefined;
  /**
   * Client-side rate limiting per location, on by default with HighLevel's limits (100 requests
   * per 10 s, 200 000 per day). Limits given here are ceilings: the server's headers may only
   * lower them. `false` turns it off.
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
  /** Told before every retry. A hook that throws is logged and changes nothing. */
  onRetry?: ((event: RetryEvent) => void) | undefined;
  /** Told after every response, with its parsed X-RateLimit-* headers. */
  onResponse?: ((event: ResponseEvent) => void) | undefined;
  /** Where the client logs (default: console): any object with debug, info, warn and error. */
  logger?: Logger | undefined;
  /** Least severe level logged (default "warn"): debug logs every attempt, warn every retry. */
  logLevel?: LogLevel | undefined;
  /**
   * Your app, named before the package in every request's User-Agent (`my-app/1.4.0`, giving
   * `my-app/1.4.0 highlevel-voice-ai/0.1.0`), so that HighLevel support can trace your calls.
   */
  appName?: string | undefined;
}

const KNOWN = new Set<string>([
  "token",
  "locationId",
  "baseUrl",
  "version",
  "fetch",
  "headers",
  "timeoutMs",
  "maxRetries",
  "totalTimeoutMs",
  "maxResponseBytes",
  "rateLimit",
  "maxConcurrency",
  "onRetry",
  "onResponse",
  "logger",
  "logLevel",
  "appName",
] satisfies (keyof VoiceAIClientOptions)[]);

export interface ResolvedOptions {
  locationId: string | undefined;
  baseUrl: string;
  origin: string;
  version: ApiVersion;
  headers: Record<string, string>;
  timeoutMs: number;
  maxRetries: number;
  totalTimeoutMs: number | undefined;
  maxResponseBytes: number;
  fetch: (url: string, init: RequestInit) => Promise<Response>;
}

const fail = (message: string): never => {
  throw new ConfigurationError(message);
};

/** Checks every option but the token, limits and hooks (checked where they are used). */
export function resolveOptions(options: VoiceAIClientOptions): ResolvedOptions {
  if (typeof options !== "object" || options === null) fail("options are required");
  checkKeys(options, KNOWN, "option", ConfigurationError);
  const { locationId, fetch } = options;
  if (locationId !== undefined) checkText("locationId", locationId, ConfigurationError);
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
  const headers = checkHeaders(options.headers, "headers", ConfigurationError);
  // The package names itself in every request, after the app; a User-Agent header replaces both.
  const { appName: app = "" } = options;
  const own = Object.keys(headers).some((name) => /^user-agent$/i.test(name));
  if (typeof app != "string" || !/^[ -~]{0,100}$/.test(app) || (own && app))
    fail("appName must be at most 100 printable ASCII characters, without a User-Agent header");
  if (!own) headers["user-agent"] = `${app && app + " "}${PACKAGE}/${VERSION}`;
  if (fetch !== undefined && typeof fetch !== "function") fail("fetch must be a function");
  return {
    locationId,
    baseUrl: (url.origin + url.pathname).replace(/\/+$/, ""),
    origin: url.origin,
    version: checkVersion(options.version ?? apiVersions[0], ConfigurationError),
    headers,
    timeoutMs: checkMs("timeoutMs", options.timeoutMs ?? 60_000, ConfigurationError),
    maxRetries: checkCount("maxRetries", options.maxRetries ?? 2, 0, ConfigurationError),
    totalTimeoutMs: checkMs("totalTimeoutMs", options.totalTimeoutMs, ConfigurationError),
    maxResponseBytes: checkCount(
      "maxResponseBytes",
      options.maxResponseBytes ?? 16 << 20,
      1,
      ConfigurationError,
    ),
    // Late-bound, so that a global fetch patched after creation (by a test, say) is used.
    fetch: fetch ? (url, init) => fetch(new Request(url, init)) : (url, init) => globalThis.fetch(url, init),
  };
}
