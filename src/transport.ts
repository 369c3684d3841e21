/**
 * The fetch function openapi-fetch sends every request through. Per attempt it waits for the
 * rate limiter, adds the credentials, applies the timeout and follows redirects; it retries
 * what may be retried and turns every failure into a typed error.
 */
import {
  APIConnectionError,
  APITimeoutError,
  APIUserAbortError,
  ConfigurationError,
  InvalidResponseError,
  apiErrorFor,
  type RequestInfo,
} from "./errors.js";
import { parseRateLimitHeaders, type RateLimiter, type RateLimitInfo } from "./rate-limit.js";
import {
  RETRYABLE_STATUSES,
  backoffDelay,
  classifyNetworkError,
  isRetryable,
  retryDelay,
  type FailureKind,
} from "./retry-policy.js";

/** Told before each retry: which attempt failed, why, and how long the client waits. */
export interface RetryEvent extends RequestInfo {
  /** The attempt that failed, starting at 1. */
  attempt: number;
  delayMs: number;
  reason: FailureKind;
}

/** Told after every response, success or error, with its rate-limit headers. */
export interface ResponseEvent extends RequestInfo {
  status: number;
  /** The rate-limit bucket (location) the request counted against. */
  locationId: string;
  rateLimit: RateLimitInfo | undefined;
}

export interface TransportConfig {
  /** `https://host[:port]`: the only origin that ever receives the Authorization header. */
  origin: string;
  getToken: () => string | Promise<string>;
  fetch: (request: Request) => Promise<Response>;
  limiter: RateLimiter | undefined;
  operationIdOf: (method: string, url: string) => string | undefined;
  onRetry: ((event: RetryEvent) => void) | undefined;
  onResponse: ((event: ResponseEvent) => void) | undefined;
  /** Told of every response's parsed rate-limit headers (cheap: no event object). */
  onRateLimit: (locationId: string, rateLimit: RateLimitInfo) => void;
}

/** Per-call settings and state shared between the caller and the transport. */
export interface CallContext {
  operationId: string | undefined;
  /** The caller's signal. */
  signal: AbortSignal | undefined;
  timeoutMs: number;
  maxRetries: number;
  /** Epoch ms by which the whole call (all attempts and waits) must be over. */
  deadline: number | undefined;
  version: string;
  /** Rate-limit bucket: the location the request is for. */
  locationId: string;
  /** The operation answers JSON: a 2xx with another content type is an InvalidResponseError. */
  expectJson: boolean;
  /** Set by the transport: stops the last attempt's timer once the caller has read the body. */
  finish?: () => void;
  /** Set by the transport: true once the last attempt's timer fired. */
  timedOut?: boolean;
  /** Set by the transport: URL and status of the 2xx response it returned. */
  url?: string;
  status?: number;
}

const MAX_REDIRECTS = 5;
/** A server that asks for a longer wait (a spent daily quota, say) gets an error, not a sleeping call. */
const MAX_RETRY_WAIT_MS = 60_000;

export function createTransport(config: TransportConfig) {
  const { origin, limiter } = config;

  return async function send(request: Request, ctx: CallContext): Promise<Response> {
    const method = request.method;
    const info = (): RequestInfo => ({
      operationId: ctx.operationId ?? config.operationIdOf(method, request.url),
      method,
      url: safeUrl(request.url),
    });
    const signal = ctx.signal ?? request.signal;
    // Read once, so that every attempt and redirect can send it again.
    const body = request.body === null ? undefined : await request.arrayBuffer();

    for (let attempt = 1; ; attempt++) {
      const retriesLeft = attempt <= ctx.maxRetries;
      if (signal.aborted) throw new APIUserAbortError(info(), signal.reason);
      let token: string;
      try {
        token = await config.getToken();
      } catch (error) {
        throw new ConfigurationError("The token provider failed", { cause: error });
      }
      if (typeof token !== "string" || token === "") {
        throw new ConfigurationError("The token provider returned no token");
      }
      // One controller per attempt, fed by the caller's signal and, once sending, the timeout.
      const controller = new AbortController();
      const onAbort = () => controller.abort(signal.reason);
      signal.addEventListener("abort", onAbort);
      const prepared = prepare(request, body, token, ctx.version, controller.signal);

      // The limiter's slot is taken last, right before sending, so that its clock matches the
      // wire's; no await on the fast path, so nothing else runs in between. The attempt's
      // timeout starts after any wait in the limiter's queue.
      let release = limiter?.tryAcquire(ctx.locationId);
      if (limiter && !release) {
        try {
          release = await limiter.acquire(ctx.locationId, signal);
        } catch (reason) {
          signal.removeEventListener("abort", onAbort);
          throw new APIUserAbortError(info(), reason);
        }
      }
      ctx.timedOut = false;
      // An attempt never runs past the call's deadline.
      const attemptMs =
        ctx.deadline === undefined ? ctx.timeoutMs : Math.min(ctx.timeoutMs, ctx.deadline - Date.now());
      const timer = setTimeout(() => {
        ctx.timedOut = true;
        controller.abort(new DOMException(`timed out after ${ctx.timeoutMs} ms`, "TimeoutError"));
      }, attemptMs);
      const cleanup = () => {
        clearTimeout(timer);
        signal.removeEventListener("abort", onAbort);
      };

      /** After an exchange failed without a status: waits and returns when it may be retried, else throws. */
      const retryOrThrow = async (error: unknown, kind: "connect" | "network", message?: string) => {
        cleanup();
        if (signal.aborted) throw new APIUserAbortError(info(), signal.reason);
        const failure: FailureKind = ctx.timedOut ? { kind: "timeout" } : { kind };
        const delay = backoffDelay(attempt);
        if (retriesLeft && isRetryable(method, failure) && fitsDeadline(delay))
          return pause(delay, attempt, failure);
        if (ctx.timedOut) throw new APITimeoutError(info(), ctx.timeoutMs);
        throw new APIConnectionError(info(), message, scrub(error, token));
      };

      let response: Response;
      try {
        response = await fetchFollowingRedirects(prepared, body, token, ctx.version, controller.signal);
      } catch (error) {
        release?.();
        await retryOrThrow(error, classifyNetworkError(error));
        continue;
      }
      release?.();

      const rateLimit = parseRateLimitHeaders(response.headers);
      if (rateLimit) {
        limiter?.observe(ctx.locationId, rateLimit);
        config.onRateLimit(ctx.locationId, rateLimit);
      }
      config.onResponse?.({ ...info(), status: response.status, locationId: ctx.locationId, rateLimit });

      const status = response.status;
      if (status >= 200 && status < 300) {
        const type = response.headers.get("content-type");
        if (ctx.expectJson && status !== 204 && type !== null && !/json/i.test(type)) {
          const text = await response.text().catch(() => "");
          cleanup();
          throw new InvalidResponseError(info(), status, `expected JSON, got ${type.split(";")[0]}`, text);
        }
        // The timer keeps running while the caller reads the body; it calls finish() when done.
        ctx.finish = cleanup;
        ctx.url = request.url;
        ctx.status = status;
        return response;
      }

      let text: string;
      try {
        text = await response.text();
      } catch (error) {
        await retryOrThrow(error, "network", "The response body could not be read");
        continue;
      }
      cleanup();

      const failure: FailureKind = { kind: "status", status };
      const delay = retryDelay(attempt, response.headers, status);
      if (status === 429 && limiter) limiter.penalize(ctx.locationId, delay);
      if (
        retriesLeft &&
        RETRYABLE_STATUSES.has(status) &&
        isRetryable(method, failure) &&
        fitsDeadline(delay)
      ) {
        await pause(delay, attempt, failure);
        continue;
      }
      if (status >= 300 && status < 400) {
        throw new APIConnectionError(info(), `Unfollowed redirect (${status})`);
      }
      throw apiErrorFor(
        { ...info(), status, headers: response.headers, body: parseBody(text), rateLimit },
        status === 429 ? delay : undefined,
      );
    }

    function fitsDeadline(delay: number): boolean {
      return delay <= MAX_RETRY_WAIT_MS && (ctx.deadline === undefined || Date.now() + delay < ctx.deadline);
    }

    /** Waits before the next attempt; an abort ends the wait, and the call, at once. */
    async function pause(delay: number, attempt: number, reason: FailureKind) {
      config.onRetry?.({ ...info(), attempt, delayMs: delay, reason });
      await new Promise<void>((resolve, reject) => {
        const done = () => {
          clearTimeout(timer);
          signal.removeEventListener("abort", onAbort);
        };
        const onAbort = () => {
          done();
          reject(new APIUserAbortError(info(), signal.reason));
        };
        const timer = setTimeout(() => {
          done();
          resolve();
        }, delay);
        signal.addEventListener("abort", onAbort);
      });
    }
  };

  /** The request as it goes on the wire: credentials only for the API's own origin. */
  function prepare(
    request: Request,
    body: ArrayBuffer | undefined,
    token: string,
    version: string,
    signal: AbortSignal,
  ): Request {
    const headers = new Headers(request.headers);
    if (sameOrigin(request.url)) headers.set("Authorization", `Bearer ${token}`);
    else headers.delete("Authorization");
    if (!headers.has("Version")) headers.set("Version", version);
    if (!headers.has("Accept")) headers.set("Accept", "application/json");
    return new Request(request, { headers, signal, redirect: "manual", body: body ?? null });
  }

  /**
   * Sends one attempt. Redirects are followed here rather than by fetch, so that the
   * Authorization header only ever goes to the API's own origin.
   */
  async function fetchFollowingRedirects(
    first: Request,
    body: ArrayBuffer | undefined,
    token: string,
    version: string,
    signal: AbortSignal,
  ): Promise<Response> {
    let current = first;
    for (let hop = 0; ; hop++) {
      const response = await config.fetch(current);
      const location = response.headers.get("location");
      if (response.status < 300 || response.status >= 400 || location === null || hop === MAX_REDIRECTS) {
        return response;
      }
      await response.body?.cancel();
      // 307 and 308 repeat the request as it was; the others continue with a GET.
      const same = response.status === 307 || response.status === 308;
      const next = new Request(new URL(location, current.url).href, {
        method: same ? current.method : current.method === "HEAD" ? "HEAD" : "GET",
        headers: same ? current.headers : withoutBodyHeaders(current.headers),
      });
      current = prepare(next, same ? body : undefined, token, version, signal);
    }
  }

  function sameOrigin(url: string): boolean {
    return url.startsWith(origin) && (url.length === origin.length || "/?#".includes(url[origin.length]!));
  }
}

function withoutBodyHeaders(headers: Headers): Headers {
  const copy = new Headers(headers);
  copy.delete("content-type");
  copy.delete("content-length");
  return copy;
}

function parseBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The URL without user info or fragment: safe to put in an error. */
export function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = "";
    u.password = "";
    u.hash = "";
    return u.href;
  } catch {
    return "";
  }
}

/**
 * A copy of a fetch error that cannot carry the token: only its name, code and (redacted)
 * message and stack are kept, recursively through `cause`. A custom fetch may attach the
 * request, with its Authorization header, to what it throws.
 */
function scrub(error: unknown, token: string, depth = 0): unknown {
  const redact = (text: string) => text.split(token).join("[redacted]");
  if (!(error instanceof Error)) return redact(String(error));
  const copy = new Error(redact(error.message));
  copy.name = error.name;
  copy.stack = redact(error.stack ?? "");
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string") Object.assign(copy, { code });
  if (error.cause !== undefined && depth < 4) copy.cause = scrub(error.cause, token, depth + 1);
  return copy;
}
