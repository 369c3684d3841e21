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

/** Where a failed request went; every error raised after a request was attempted carries it. */
export interface RequestInfo {
  /** operationId from the spec, when the request matches one of its operations. */
  operationId: string | undefined;
  method: string;
  /** The request URL, without credentials or fragment. */
  url: string;
}

interface ResponseFacts extends RequestInfo {
  status: number;
  headers: Headers;
  body: unknown;
  rateLimit: RateLimitInfo | undefined;
}

/** The server answered with an HTTP error status. */
export class APIError extends VoiceAIError {
  override name = "APIError";
  readonly status: number;
  /** The response body: parsed JSON when it is JSON, otherwise the text. */
  readonly body: unknown;
  readonly headers: Headers;
  /** The server's messages, whether it sent `message` as a string or a list. */
  readonly messages: string[];
  readonly requestId: string | undefined;
  readonly operationId: string | undefined;
  readonly method: string;
  readonly url: string;
  /** The X-RateLimit-* headers of the response. */
  readonly rateLimit: RateLimitInfo | undefined;

  constructor(facts: ResponseFacts) {
    const messages = messagesOf(facts.body);
    const what = facts.operationId ?? `${facts.method} ${pathOf(facts.url)}`;
    super(`${facts.status} from ${what}${messages.length ? `: ${messages.join("; ")}` : ""}`);
    this.status = facts.status;
    this.body = facts.body;
    this.headers = facts.headers;
    this.messages = messages;
    this.requestId = requestIdOf(facts.headers);
    this.operationId = facts.operationId;
    this.method = facts.method;
    this.url = facts.url;
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
  /** How long the server asked the client to wait, when it said (Retry-After or the rate-limit window). */
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

/** The error class for an HTTP error response. */
export function apiErrorFor(facts: ResponseFacts, retryAfterMs: number | undefined): APIError {
  if (facts.status === 429) return new RateLimitError(facts, retryAfterMs);
  const ErrorClass = byStatus[facts.status] ?? (facts.status >= 500 ? InternalServerError : APIError);
  return new ErrorClass(facts);
}

/** The request could not be completed: DNS, refused or reset connection, TLS, ... */
export class APIConnectionError extends VoiceAIError {
  override name = "APIConnectionError";
  readonly operationId: string | undefined;
  readonly method: string;
  readonly url: string;
  constructor(info: RequestInfo, message?: string, cause?: unknown) {
    super(`${message ?? "Connection failed"}: ${info.operationId ?? info.method} ${pathOf(info.url)}`, {
      cause,
    });
    this.operationId = info.operationId;
    this.method = info.method;
    this.url = info.url;
  }
}

/** An attempt took longer than `timeoutMs` (after any retries). */
export class APITimeoutError extends APIConnectionError {
  override name = "APITimeoutError";
  constructor(info: RequestInfo, timeoutMs: number) {
    super(info, `Timed out after ${timeoutMs} ms`);
  }
}

/** The caller's AbortSignal fired. */
export class APIUserAbortError extends APIConnectionError {
  override name = "APIUserAbortError";
  constructor(info: RequestInfo, reason?: unknown) {
    super(info, "Aborted by the caller", reason);
  }
}

/** A 2xx response whose body is not the JSON the operation promises (HTML, truncated JSON, ...). */
export class InvalidResponseError extends VoiceAIError {
  override name = "InvalidResponseError";
  readonly status: number;
  readonly operationId: string | undefined;
  readonly method: string;
  readonly url: string;
  /** The start of the body, for diagnosis. */
  readonly bodySnippet: string;
  constructor(info: RequestInfo, status: number, reason: string, body: string, cause?: unknown) {
    super(`${status} from ${info.operationId ?? `${info.method} ${pathOf(info.url)}`}: ${reason}`, { cause });
    this.status = status;
    this.operationId = info.operationId;
    this.method = info.method;
    this.url = info.url;
    this.bodySnippet = body.slice(0, 200);
  }
}

function messagesOf(body: unknown): string[] {
  const message =
    body !== null && typeof body === "object" ? (body as { message?: unknown }).message : undefined;
  if (typeof message === "string") return [message];
  if (Array.isArray(message)) return message.map(String);
  // A plain-text body is a message; an HTML error page from a gateway is not.
  const text = typeof body === "string" ? body.trim() : "";
  if (text && !text.startsWith("<")) return [text.slice(0, 200)];
  return [];
}

function requestIdOf(headers: Headers): string | undefined {
  return (
    headers.get("x-request-id") ?? headers.get("request-id") ?? headers.get("x-amzn-requestid") ?? undefined
  );
}

function pathOf(url: string): string {
  const i = url.indexOf("/", url.indexOf("//") + 2);
  return i < 0 ? url : url.slice(i);
}
