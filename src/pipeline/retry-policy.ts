/**
 * When and how long to wait before retrying, following openai-node: full-jitter exponential
 * backoff, Retry-After honoured, and non-idempotent requests retried only when the server
 * cannot have acted on them.
 */

export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504]);

/** Full-jitter exponential backoff: random in [0, min(capMs, baseMs * 2**(attempt-1))). attempt starts at 1 (the first retry). */
export function backoffDelay(attempt: number, random = Math.random, baseMs = 500, capMs = 8000): number {
  return random() * Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
}

/** Retry-After as seconds ("120", "1.5") or an HTTP date; returns ms >= 0, or undefined when absent/unparseable. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  // Date.parse accepts bare numbers such as "-5"; an HTTP date always has a day or month name.
  const date = /[a-z]/i.test(v) ? Date.parse(v) : NaN;
  return date === date ? Math.max(0, date - now) : undefined;
}

/** Why an attempt failed, as the transport sees it. */
export type FailureKind =
  | { kind: "status"; status: number }
  /** Connection failed before the request was sent (ECONNREFUSED, ENOTFOUND, EAI_AGAIN, ...). */
  | { kind: "connect" }
  /** Connection failed after the request may have been sent (reset mid-flight, socket closed, unknown). */
  | { kind: "network" }
  /** Our per-attempt timeout fired. */
  | { kind: "timeout" };

const IDEMPOTENT = /^(GET|HEAD|OPTIONS|PUT|PATCH|DELETE)$/i;

/**
 * Idempotent methods (GET, HEAD, OPTIONS, PUT, PATCH, DELETE) may be retried on any retryable
 * failure. Any other method (POST) only when the server cannot have acted: a 429, or "connect".
 */
export function isRetryable(method: string, failure: FailureKind): boolean {
  if (failure.kind === "status") {
    return RETRYABLE_STATUSES.has(failure.status) && (failure.status === 429 || IDEMPOTENT.test(method));
  }
  return failure.kind === "connect" || IDEMPOTENT.test(method);
}

// Codes seen before any byte of the request left: DNS, refused, unreachable, connect timeout.
const CONNECT_CODES: ReadonlySet<unknown> = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EADDRNOTAVAIL",
  "UND_ERR_CONNECT_TIMEOUT",
]);

/**
 * Classifies a thrown fetch error by the `code`s on its `cause` chain. undici (Node's fetch)
 * throws TypeError("fetch failed") with cause.code ECONNREFUSED / ENOTFOUND for a connection
 * that never opened, but UND_ERR_SOCKET ("other side closed") or ECONNRESET once the request was
 * written: those, and anything unknown (browsers give no code), may have reached the server.
 */
export function classifyNetworkError(error: unknown): "connect" | "network" {
  let e = error;
  for (let depth = 0; depth < 8 && typeof e === "object" && e !== null; depth++) {
    if (CONNECT_CODES.has((e as { code?: unknown }).code)) return "connect";
    e = (e as { cause?: unknown }).cause;
  }
  return "network";
}

/**
 * Delay before the next attempt after a response: Retry-After when present; else on a 429 with
 * X-RateLimit-Remaining "0", the X-RateLimit-Interval-Milliseconds value; else backoffDelay(attempt).
 * Not capped: a caller that will not wait that long should give up instead.
 */
export function retryDelay(
  attempt: number,
  headers: Headers | undefined,
  status: number | undefined,
  random?: () => number,
): number {
  const after = parseRetryAfter(headers?.get("retry-after"));
  if (after !== undefined) return after;
  if (status === 429 && headers?.get("x-ratelimit-remaining") === "0") {
    const interval = Number(headers.get("x-ratelimit-interval-milliseconds"));
    if (interval > 0) return interval;
  }
  return backoffDelay(attempt, random);
}
