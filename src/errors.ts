import type { RateLimitInfo } from "./rate-limit.js";

/** Base class of every error the client throws. */
export class VoiceAIError extends Error {
  override name = "VoiceAIError";
}

/** The client was created with options it cannot work with. Thrown before any request. */
export class ConfigurationError extends VoiceAIError {
  override name = "ConfigurationError";
}

/** A call's arguments are incomplete or invalid. Thrown before any request is sent. */
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

/** Base of the errors about an attempted request: they name it in their message and fields. */
class RequestFailure extends VoiceAIError {
  readonly operationId: string | undefined;
  readonly method: string;
  readonly url: string;
  constructor(info: RequestInfo, message: string, cause?: unknown) {
    super(
      `${message} (${info.operationId ?? info.method} ${info.url.replace(/^\w+:\/\/[^/]*/, "")})`,
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
  /** The response body: parsed JSON when it is JSON, otherwise the text. */
  readonly body: unknown;
  readonly headers: Headers;
  /** The server's messages, whether it sent `message` as a string or a list. */
  readonly messages: string[];
  readonly requestId: string | undefined;
  /** The X-RateLimit-* headers of the response. */
  readonly rateLimit: RateLimitInfo | undefined;

  constructor(facts: ResponseFacts) {
    const messages = messagesOf(facts.body);
    super(facts, [facts.status, ...messages].join(": "));
    this.status = facts.status;
    this.body = facts.body;
    this.headers = facts.headers;
    this.messages = messages;
    const { headers } = facts;
    this.requestId = headers.get("x-request-id") ?? headers.get("request-id") ?? undefined;
    this.rateLimit = facts.rateLimit;
  }
}

export class BadRequestError extends APIError {
  override name = "BadRequestError";
}
export class AuthenticationError extends APIError {
  override name = "AuthenticationError";
}
export class PermissionDeniedError extends APIError {
  override name = "PermissionDeniedError";
}
export class NotFoundError extends APIError {
  override name = "NotFoundError";
}
export class UnprocessableEntityError extends APIError {
  override name = "UnprocessableEntityError";
}
export class InternalServerError extends APIError {
  override name = "InternalServerError";
}
export class RateLimitError extends APIError {
  override name = "RateLimitError";
  /** How long the server asked the client to wait (Retry-After or the rate-limit window). */
  readonly retryAfterMs: number | undefined;
  constructor(facts: ResponseFacts, retryAfterMs: number | undefined) {
    super(facts);
    this.retryAfterMs = retryAfterMs;
  }
}

const byStatus: Record<number, typeof APIError> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  422: UnprocessableEntityError,
};

/** The error for an HTTP error response, of the class its status calls for. */
export function apiErrorFor(facts: ResponseFacts, retryAfterMs: number | undefined): APIError {
  const { status } = facts;
  if (status === 429) return new RateLimitError(facts, retryAfterMs);
  return new (byStatus[status] ?? (status >= 500 ? InternalServerError : APIError))(facts);
}

/** The request could not be completed: DNS, refused or reset connection, TLS, ... */
export class APIConnectionError extends RequestFailure {
  override name = "APIConnectionError";
}

/** An attempt took longer than `timeoutMs` (after any retries). */
export class APITimeoutError extends APIConnectionError {
  override name = "APITimeoutError";
}

/** The caller's AbortSignal fired. */
export class APIUserAbortError extends APIConnectionError {
  override name = "APIUserAbortError";
}

/** A 2xx response whose body is not the JSON the operation promises (HTML, truncated JSON, ...). */
export class InvalidResponseError extends RequestFailure {
  override name = "InvalidResponseError";
  readonly status: number;
  /** The start of the body, for diagnosis. */
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
  if (Array.isArray(message)) return message.map(String);
  // A plain-text body is a message; an HTML error page from a gateway is not.
  const text = typeof body === "string" ? body.trim().slice(0, 200) : "";
  return text && text[0] !== "<" ? [text] : [];
}
