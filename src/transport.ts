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
    // A body can only be sent once: keep the original unread while retries remain.
    const hasBody = request.body !== null;

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
      const source = hasBody && retriesLeft ? request.clone() : request;
      const spare = source.body !== null ? source.clone() : undefined;
      const prepared = prepare(source, token, ctx.version, controller.signal);

      // The limiter's slot is taken last, right before sending, so that its clock matches the
      // wire's; the attempt's timeout starts after any wait in its queue.
      // No await on the fast path: nothing else runs between taking the slot and sending.
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

      let failure: FailureKind;
      let response: Response | undefined;
      try {
        response = await fetchFollowingRedirects(prepared, spare, token, ctx.version, controller.signal);
      } catch (error) {
        release?.();
        cleanup();
        if (signal.aborted) throw new APIUserAbortError(info(), signal.reason);
        failure = ctx.timedOut ? { kind: "timeout" } : { kind: classifyNetworkError(error) };
        const delay = backoffDelay(attempt);
        if (retriesLeft && isRetryable(method, failure) && fitsDeadline(delay)) {
          await pause(delay, attempt, failure);
          continue;
        }
        if (ctx.timedOut) throw new APITimeoutError(info(), ctx.timeoutMs);
        throw new APIConnectionError(info(), undefined, scrub(error, token));
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
        cleanup();
        if (signal.aborted) throw new APIUserAbortError(info(), signal.reason);
        failure = ctx.timedOut ? { kind: "timeout" } : { kind: "network" };
        const delay = backoffDelay(attempt);
        if (retriesLeft && isRetryable(method, failure) && fitsDeadline(delay)) {
          await pause(delay, attempt, failure);
          continue;
        }
        if (ctx.timedOut) throw new APITimeoutError(info(), ctx.timeoutMs);
        throw new APIConnectionError(info(), "The response body could not be read", scrub(error, token));
      }
      cleanup();

      failure = { kind: "status", status };
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
      return ctx.deadline === undefined || Date.now() + delay < ctx.deadline;
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
  function prepare(request: Request, token: string, version: string, signal: AbortSignal): Request {
    const headers = new Headers(request.headers);
    if (sameOrigin(request.url)) headers.set("Authorization", `Bearer ${token}`);
    else headers.delete("Authorization");
    if (!headers.has("Version")) headers.set("Version", version);
    if (!headers.has("Accept")) headers.set("Accept", "application/json");
    return new Request(request, { headers, signal, redirect: "manual" });
  }

  /**
   * Sends one attempt. Redirects are followed here rather than by fetch, so that the
   * Authorization header only ever goes to the API's own origin. `spare` is an unread copy of
   * the body, which a 307/308 must resend.
   */
  async function fetchFollowingRedirects(
    first: Request,
    spare: Request | undefined,
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
      const target = new URL(location, current.url).href;
      let next: Request;
      if ((response.status === 307 || response.status === 308) && spare) {
        const body = spare;
        spare = spare.clone();
        next = new Request(target, {
          method: body.method,
          headers: body.headers,
          body: body.body,
          duplex: "half",
        } as RequestInit);
      } else if (response.status === 307 || response.status === 308) {
        next = new Request(target, { method: current.method, headers: current.headers });
      } else {
        next = new Request(target, {
          method: current.method === "HEAD" ? "HEAD" : "GET",
          headers: withoutBodyHeaders(current.headers),
        });
      }
      current = prepare(next, token, version, signal);
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
