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
  VoiceAIError,
  apiErrorFor,
  type RequestInfo,
} from "./errors.js";
import {
  DailyQuotaSpent,
  parseRateLimitHeaders,
  type RateLimiter,
  type RateLimitInfo,
} from "./rate-limit.js";
import {
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
  fetch: (request: Request, signal: AbortSignal) => Promise<Response>;
  limiter: RateLimiter | undefined;
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
  /** Set by the transport: the request, and the status of the 2xx response it returned. */
  request?: Request;
  status?: number;
}

const MAX_REDIRECTS = 5;
/**
 * A server that asks for a longer wait (a spent daily quota, say) gets an error, not a sleeping
 * call. The client gives its limiter the same bound for a spent daily quota.
 */
export const MAX_RETRY_WAIT_MS = 60_000;

/** Names the call's request in errors and events. */
export function requestInfo(ctx: CallContext): RequestInfo {
  const { request } = ctx;
  return { operationId: ctx.operationId, method: request?.method ?? "", url: safeUrl(request?.url ?? "") };
}

/** The call's caller aborted it. */
export const abortError = (ctx: CallContext, reason: unknown) =>
  new APIUserAbortError(requestInfo(ctx), "Aborted by the caller", reason);

/** The call's last attempt ran out of time. */
export const timeoutError = (ctx: CallContext) =>
  new APITimeoutError(requestInfo(ctx), `Timed out after ${ctx.timeoutMs} ms`);

export function createTransport(config: TransportConfig) {
  const { origin, limiter } = config;

  /** Adds what every request carries; the token only for the API's own origin. */
  function authorize(request: Request, token: string, version: string): Request {
    const { headers, url } = request;
    if (url.startsWith(origin) && "/?#".includes(url[origin.length] ?? "/")) {
      headers.set("Authorization", `Bearer ${token}`);
    } else headers.delete("Authorization");
    if (!headers.has("Version")) headers.set("Version", version);
    if (!headers.has("Accept")) headers.set("Accept", "application/json");
    return request;
  }

  return async function send(request: Request, ctx: CallContext): Promise<Response> {
    const { method } = request;
    const { signal } = ctx;
    ctx.request = request;
    const info = () => requestInfo(ctx);
    const aborted = (reason: unknown) => abortError(ctx, reason);
    // Read once, so that every attempt and redirect can send it again.
    const body = request.body === null ? undefined : await request.arrayBuffer();

    for (let attempt = 1; ; attempt++) {
      const retriesLeft = attempt <= ctx.maxRetries;
      if (signal?.aborted) throw aborted(signal.reason);
      // The slot first: a request waiting in the limiter's queue has read no token and built
      // nothing, so its token is fresh when it goes. The window is timed from the response (see
      // the limiter), so nothing needs to run between taking the slot and sending.
      let release = limiter?.tryAcquire(ctx.locationId);
      if (limiter && !release) {
        try {
          release = await limiter.acquire(ctx.locationId, signal);
        } catch (reason) {
          // A spent daily quota would hold the call for hours: the limiter refuses, and the
          // caller hears it at once.
          // A shared limiter's typed failure (its store is down) is the caller's error as it is.
          if (reason instanceof VoiceAIError) throw reason;
          if (!(reason instanceof DailyQuotaSpent)) throw aborted(reason);
          const message = "the location's daily request quota is used up; nothing was sent";
          throw apiErrorFor(
            { ...info(), status: 429, headers: new Headers(), body: { message }, rateLimit: undefined },
            reason.waitMs,
          );
        }
      }
      let token: string | Promise<string>;
      try {
        token = config.getToken();
        // A plain string needs no await: the common case costs no extra turn of the event loop.
        if (typeof token !== "string") token = await token;
      } catch (error) {
        release?.();
        throw new ConfigurationError("The token provider failed", { cause: error });
      }
      if (typeof token !== "string" || !token) {
        release?.();
        throw new ConfigurationError("The token provider returned no token");
      }
      // The caller may have aborted while an async token provider ran (an OAuth refresh, say).
      if (signal?.aborted) {
        release?.();
        throw aborted(signal.reason);
      }

      // One controller per attempt, fed by the caller's signal and, once sending, the timeout.
      const controller = new AbortController();
      const wire = authorize(
        attempt === 1 && !body ? request : new Request(request, { body: body ?? null }),
        token,
        ctx.version,
      );
      const onAbort = () => controller.abort(signal!.reason);
      signal?.addEventListener("abort", onAbort);
      ctx.timedOut = false;
      // An attempt never runs past the call's deadline.
      const attemptMs = Math.min(ctx.timeoutMs, (ctx.deadline ?? Infinity) - Date.now());
      const timer = setTimeout(() => {
        ctx.timedOut = true;
        controller.abort();
      }, attemptMs);
      const cleanup = () => {
        clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
      };

      /** After an exchange failed without a status: waits and returns when it may be retried, else throws. */
      const retryOrThrow = async (
        error: unknown,
        kind: "connect" | "network",
        message = "Connection failed",
      ) => {
        cleanup();
        if (signal?.aborted) throw aborted(signal.reason);
        const failure: FailureKind = ctx.timedOut ? { kind: "timeout" } : { kind };
        const delay = backoffDelay(attempt);
        if (retriesLeft && isRetryable(method, failure) && fits(delay)) return pause(delay, attempt, failure);
        if (ctx.timedOut) throw timeoutError(ctx);
        throw new APIConnectionError(info(), message, scrub(error, token));
      };

      let response: Response;
      try {
        response = await config.fetch(wire, controller.signal);
        if (response.status > 300 && response.status < 400) {
          response = await followRedirects(response, wire, body, token, ctx.version, controller.signal);
        }
      } catch (error) {
        release?.();
        await retryOrThrow(error, classifyNetworkError(error));
        continue;
      }
      release?.();

      const { status, headers } = response;
      const rateLimit = parseRateLimitHeaders(headers);
      if (rateLimit) {
        limiter?.observe(ctx.locationId, rateLimit);
        config.onRateLimit(ctx.locationId, rateLimit);
      }
      config.onResponse?.({ ...info(), status, locationId: ctx.locationId, rateLimit });

      if (status >= 200 && status < 300) {
        const type = headers.get("content-type");
        if (ctx.expectJson && status !== 204 && type && !/json/i.test(type)) {
          const text = await response.text().catch(() => "");
          cleanup();
          throw new InvalidResponseError(info(), status, `expected JSON, got ${type.split(";")[0]}`, text);
        }
        // The timer keeps running while the caller reads the body; it calls finish() when done.
        ctx.finish = cleanup;
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
      const delay = retryDelay(attempt, headers, status);
      // Hold the location's other requests back for the wait, unless it is too long to wait out:
      // then their own 429s tell their callers at once.
      if (status === 429 && delay <= MAX_RETRY_WAIT_MS) limiter?.penalize(ctx.locationId, delay);
      if (retriesLeft && isRetryable(method, failure) && fits(delay)) {
        await pause(delay, attempt, failure);
        continue;
      }
      if (status < 400) throw new APIConnectionError(info(), `Redirect (${status}) not followed`);
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // not JSON: keep the text
      }
      throw apiErrorFor(
        { ...info(), status, headers, body: parsed, rateLimit },
        status === 429 ? delay : undefined,
      );
    }

    /** A retry may wait this long: at most a minute, and never past the call's deadline. */
    function fits(delay: number): boolean {
      return delay <= MAX_RETRY_WAIT_MS && Date.now() + delay < (ctx.deadline ?? Infinity);
    }

    /** Waits before the next attempt; an abort ends the wait, and the call, at once. */
    function pause(delay: number, attempt: number, reason: FailureKind) {
      config.onRetry?.({ ...info(), attempt, delayMs: delay, reason });
      return new Promise<void>((resolve, reject) => {
        const onAbort = () => {
          clearTimeout(timer);
          reject(aborted(signal!.reason));
        };
        const timer = setTimeout(() => {
          signal?.removeEventListener("abort", onAbort);
          resolve();
        }, delay);
        signal?.addEventListener("abort", onAbort, { once: true });
      });
    }
  };

  /**
   * Follows redirects here rather than in fetch, so that the Authorization header only ever goes
   * to the API's own origin. 307 and 308 repeat the request as it was; the others go on with a GET.
   */
  async function followRedirects(
    response: Response,
    previous: Request,
    body: ArrayBuffer | undefined,
    token: string,
    version: string,
    signal: AbortSignal,
  ): Promise<Response> {
    for (let hop = 0; hop < MAX_REDIRECTS; hop++) {
      const location = response.headers.get("location");
      if (location === null || response.status <= 300 || response.status >= 400) break;
      await response.body?.cancel();
      const same = response.status === 307 || response.status === 308;
      const headers = new Headers(previous.headers);
      if (!same) ["content-type", "content-length"].forEach((name) => headers.delete(name));
      previous = authorize(
        new Request(new URL(location, previous.url), {
          method: same || previous.method === "HEAD" ? previous.method : "GET",
          headers,
          body: same ? (body ?? null) : null,
          redirect: "manual",
        }),
        token,
        version,
      );
      response = await config.fetch(previous, signal);
    }
    return response;
  }
}

/** The URL without user info or fragment: safe to put in an error. */
export function safeUrl(url: string): string {
  return url.replace(/\/\/[^/@]*@/, "//").replace(/#.*/, "");
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
  const { code, cause } = error as Error & { code?: unknown };
  if (typeof code === "string") Object.assign(copy, { code });
  if (cause !== undefined && depth < 4) copy.cause = scrub(cause, token, depth + 1);
  return copy;
}
