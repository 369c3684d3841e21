/**
 * The server answered with an HTTP error status: one class per status the API documents, each
 * narrowing `status` (`NotFoundError['status']` is `404`), built by one factory.
 */
import type { RateLimitInfo } from "../rate-limit/headers.js";
import { RequestFailure, type RequestInfo } from "./request-failure.js";
import { requestIdOf, shorten } from "./text.js";

export interface ResponseFacts extends RequestInfo {
  status: number;
  headers: Headers;
  body: unknown;
  rateLimit: RateLimitInfo | undefined;
}

/** The server answered with an HTTP error status. */
export class APIError extends RequestFailure {
  static override readonly brand: string = "APIError";
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
  static override readonly brand: string = "BadRequestError";
  declare readonly status: 400;
}
export class AuthenticationError extends APIError {
  static override readonly brand: string = "AuthenticationError";
  declare readonly status: 401;
}
export class PermissionDeniedError extends APIError {
  static override readonly brand: string = "PermissionDeniedError";
  declare readonly status: 403;
}
export class NotFoundError extends APIError {
  static override readonly brand: string = "NotFoundError";
  declare readonly status: 404;
}
export class UnprocessableEntityError extends APIError {
  static override readonly brand: string = "UnprocessableEntityError";
  declare readonly status: 422;
}
/** Any 5xx. */
export class InternalServerError extends APIError {
  static override readonly brand: string = "InternalServerError";
}
/** A 429: the server refused the request for the rate limit of `scope`. */
export class RateLimitError extends APIError {
  static override readonly brand: string = "RateLimitError";
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
