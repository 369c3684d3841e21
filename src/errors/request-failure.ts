/**
 * Errors about an attempted request that got no usable HTTP answer: connection failures,
 * timeouts, the caller's abort, a spent daily quota, and a 2xx body that is not what was promised.
 */
import { VoiceAIError } from "./base.js";
import { shorten } from "./text.js";

/** Which request failed; every error raised after a request was attempted carries it. */
export interface RequestInfo {
  /** operationId from the spec. */
  operationId: string | undefined;
  method: string;
  /** The request URL, without credentials or fragment. */
  url: string;
}

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

/** The request could not be completed: DNS, refused or reset connection, TLS, a bad redirect. */
export class APIConnectionError extends RequestFailure {
  static override readonly brand: string = "APIConnectionError";
}

/** An attempt took longer than `timeoutMs`, or the call longer than `totalTimeoutMs`. */
export class APITimeoutError extends APIConnectionError {
  static override readonly brand: string = "APITimeoutError";
}

/** The caller's AbortSignal fired; `cause` is its reason. */
export class APIUserAbortError extends RequestFailure {
  static override readonly brand: string = "APIUserAbortError";
}

/** The location's daily quota is spent: the request was not sent. */
export class QuotaExhaustedError extends RequestFailure {
  static override readonly brand: string = "QuotaExhaustedError";
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
  static override readonly brand: string = "InvalidResponseError";
  readonly status: number;
  /** The start of the body, for diagnosis (at most 200 characters). */
  readonly bodySnippet: string;
  constructor(info: RequestInfo, status: number, reason: string, body: string, cause?: unknown) {
    super(info, `${status}: ${reason}`, cause);
    this.status = status;
    this.bodySnippet = body.slice(0, 200);
  }
}
