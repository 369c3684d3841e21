/**
 * Every error the client throws is a VoiceAIError. Those about a response carry its status, and
 * each status class narrows `status` (`NotFoundError['status']` is `404`). A caller's own abort is
 * not a connection failure, so catching APIConnectionError never catches it.
 */
import type { RateLimitInfo } from "./rate-limit.js";

export class VoiceAIError extends Error {
  override name = "VoiceAIError";
}

/** The client was created with options it cannot work with, or a token source failed. Nothing was sent. */
export class ConfigurationError extends VoiceAIError {
  override name = "ConfigurationError";
}

/** A call's arguments are incomplete or invalid. Nothing was sent. */
export class InvalidRequestError extends VoiceAIError {
  override name = "InvalidRequestError";
}

/** Which request failed; every error raised after a request was attempted carries it. */
export interface RequestInfo {
  /** operationId from the spec. */
  operationId: string | undefined;
  method: string;
  /** The request URL, without credentials or fragment. */
  url: string;
}

/** Shortens a long value for a message, keeping both ends. */
export const shorten = (text: string, max = 120) =>
  text.length <= max ? text : `${text.slice(0, max / 2 - 1)}…${text.slice(-max / 2)}`;

/** The server's id for a response, for support requests and logs. */
export const requestIdOf = (headers: Headers) =>
  headers.get("x-request-id") ?? headers.get("request-id") ?? undefined;

/** Base of the errors about an attempted request: they name it in their message and fields. */
export class RequestFailure extends VoiceAIError {
  readonly operationId: string | undefined;
  readonly method: string;
  readonly url: string;
  constructor(info: RequestInfo, message: string, cause?: unknown) {
    const path = shorten(info.url.replace(/^\w+:\/\/[^/]*/, ""));
    super(
      `${message} (${info.operationId ?? info.method} ${path})`,
      cause === undefined ? undefined : { cause },
    );
    this.operationId = info.operationId;
    this.method = info.method;
    this.url = info.url;
  }
}

export interface ResponseFacts extends RequestInfo {
  status: number;
  headers: Headers;
  body: unknown;
  rateLimit: RateLimitInfo | undefined;
}

/** The server answered with an HTTP error status. */
export class APIError extends RequestFailure {
  override name = "APIError";
  readonly status: number;
  /** The response body: parsed JSON when it is JSON, otherwise the text (its first 64 KiB). */
  readonly body: unknown;
  readonly headers: Headers;
  /** The server's messages, whether it sent `message` as a string or a list. */
  readonly messages: string[];
  readonly requestId: string | undefined;
  /** The X-RateLimit-* headers of the response. */
  readonly rateLimit: RateLimitInfo | undefined;

  constructor(facts: ResponseFacts) {
    const messages = messagesOf(facts.body);
    super(facts, shorten([facts.status, messages.join("; ")].filter(Boolean).join(": "), 500));
    this.status = facts.status;
    this.body = facts.body;
    this.headers = facts.headers;
    this.messages = messages;
    this.requestId = requestIdOf(facts.headers);
    this.rateLimit = facts.rateLimit;
  }
}

export class BadRequestError extends APIError {
  override name = "BadRequestError";
  declare readonly status: 400;
}
export class AuthenticationError extends APIError {
  override name = "AuthenticationError";
  declare readonly status: 401;
}
export class PermissionDeniedError extends APIError {
  override name = "PermissionDeniedError";
  declare readonly status: 403;
}
export class NotFoundError extends APIError {
  override name = "NotFoundError";
  declare readonly status: 404;
}
export class UnprocessableEntityError extends APIError {
  override name = "UnprocessableEntityError";
  declare readonly status: 422;
}
/** Any 5xx. */
export class InternalServerError extends APIError {
  override name = "InternalServerError";
}
/** A 429: the server refused the request for the rate limit of `scope`. */
export class RateLimitError extends APIError {
  override name = "RateLimitError";
  declare readonly status: 429;
  /** How long the server asked to wait (Retry-After, the window, or the daily reset), when it said. */
  readonly retryAfterMs: number | undefined;
  /** "daily" when the day's quota is spent (X-RateLimit-Daily-Remaining: 0), else "interval". */
  readonly scope: "interval" | "daily";
  constructor(facts: ResponseFacts, retryAfterMs: number | undefined) {
    super(facts);
    this.retryAfterMs = retryAfterMs;
    this.scope = facts.rateLimit?.dailyRemaining === 0 ? "daily" : "interval";
  }
}

const byStatus: Record<number, typeof APIError> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  422: UnprocessableEntityError,
};

/** The one factory for HTTP error responses: the class its status calls for. */
export function apiErrorFor(facts: ResponseFacts, retryAfterMs: number | undefined): APIError {
  const { status } = facts;
  if (status === 429) return new RateLimitError(facts, retryAfterMs);
  return new (byStatus[status] ?? (status >= 500 ? InternalServerError : APIError))(facts);
}

/** The request could not be completed: DNS, refused or reset connection, TLS, a bad redirect. */
export class APIConnectionError extends RequestFailure {
  override name = "APIConnectionError";
}

/** An attempt took longer than `timeoutMs`, or the call longer than `totalTimeoutMs`. */
export class APITimeoutError extends APIConnectionError {
  override name = "APITimeoutError";
}

/** The caller's AbortSignal fired; `cause` is its reason. */
export class APIUserAbortError extends RequestFailure {
  override name = "APIUserAbortError";
}

/** The location's daily quota is spent: the request was not sent. */
export class QuotaExhaustedError extends RequestFailure {
  override name = "QuotaExhaustedError";
  readonly sent = false;
  readonly scope = "daily";
  /** When the client will try the location again (the server's daily reset, or a re-probe). */
  readonly retryAfterMs: number;
  constructor(info: RequestInfo, message: string, retryAfterMs: number) {
    super(info, message);
    this.retryAfterMs = retryAfterMs;
  }
}

/** A 2xx response whose body is not the JSON the operation promises (HTML, empty, null, truncated, too big). */
export class InvalidResponseError extends RequestFailure {
  override name = "InvalidResponseError";
  readonly status: number;
  /** The start of the body, for diagnosis (at most 200 characters). */
  readonly bodySnippet: string;
  constructor(info: RequestInfo, status: number, reason: string, body: string, cause?: unknown) {
    super(info, `${status}: ${reason}`, cause);
    this.status = status;
    this.bodySnippet = body.slice(0, 200);
  }
}

function messagesOf(body: unknown): string[] {
  const message = (body as { message?: unknown } | null)?.message;
  if (typeof message === "string") return [message];
  // Validation errors may be objects (`{ property, constraints }`): shown as JSON, never thrown on.
  if (Array.isArray(message)) return message.map((m) => (typeof m === "string" ? m : asJson(m)));
  // A plain-text body is a message; an HTML error page from a gateway is not.
  const text = typeof body === "string" ? body.trim().slice(0, 200) : "";
  return text && text[0] !== "<" ? [text] : [];
}

function asJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? typeof value;
  } catch {
    return typeof value;
  }
}
