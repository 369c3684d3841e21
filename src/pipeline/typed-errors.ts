/**
 * The one place where what went wrong becomes an error users catch: an HTTP error status becomes
 * its APIError subclass, a Failure its VoiceAIError, and every cause is scrubbed of tokens.
 */
import {
  APIConnectionError,
  APITimeoutError,
  APIUserAbortError,
  ConfigurationError,
  InvalidResponseError,
  QuotaExhaustedError,
  VoiceAIError,
  apiErrorFor,
} from "../errors.js";
import { parseRetryAfter } from "../retry-policy.js";
import { Failure } from "./failure.js";
import type { Redactor } from "./redact.js";
import { requestInfo } from "./request-info.js";
import type { Call, Outgoing, Reply, Stage } from "./types.js";

export const typedErrors =
  (redactor: Redactor): Stage =>
  (next) =>
  async (request, call) => {
    let reply: Reply;
    try {
      reply = await next(request, call);
    } catch (error) {
      throw toError(error, request, call, redactor);
    }
    if (reply.status >= 200 && reply.status < 300) return reply;
    throw fromReply(reply, request, call);
  };

function fromReply({ status, headers, rateLimit, text }: Reply, request: Outgoing, call: Call): VoiceAIError {
  const info = requestInfo(request, call);
  if (status < 400) return new APIConnectionError(info, `Redirect (${status}) not followed`);
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return apiErrorFor(
    { ...info, status, headers, body, rateLimit },
    status === 429 ? waitOf(headers) : undefined,
  );
}

/** What a 429 says about when to come back: Retry-After, the daily reset, or the window. */
function waitOf(headers: Headers): number | undefined {
  const after = parseRetryAfter(headers.get("retry-after"));
  if (after !== undefined) return after;
  const number = (name: string) => {
    const value = Number(headers.get(name) ?? NaN);
    return value >= 0 && value < Infinity ? Math.ceil(value) : undefined;
  };
  if (headers.get("x-ratelimit-daily-remaining") === "0") return number("x-ratelimit-daily-reset");
  return headers.get("x-ratelimit-remaining") === "0"
    ? number("x-ratelimit-interval-milliseconds")
    : undefined;
}

function toError(error: unknown, request: Outgoing, call: Call, redactor: Redactor): VoiceAIError {
  if (error instanceof VoiceAIError) return error;
  const info = requestInfo(request, call);
  if (!(error instanceof Failure)) {
    return new VoiceAIError("Unexpected failure", { cause: redactor.scrub(error) });
  }
  const { reason, details } = error;
  const cause = details.cause === undefined ? undefined : redactor.scrub(details.cause);
  const attempts = details.attempt ?? call.attempt;
  const after = attempts > 1 ? ` after ${attempts} attempts` : "";
  switch (error.kind) {
    case "abort":
      return new APIUserAbortError(info, reason, details.cause);
    case "timeout": {
      const seconds = ((performance.now() - call.startedAt) / 1000).toFixed(1);
      const tries = `${attempts} attempt${attempts === 1 ? "" : "s"}`;
      return new APITimeoutError(info, `${reason} (${tries} in ${seconds} s)`);
    }
    case "invalid-response":
      return new InvalidResponseError(info, details.status ?? 0, reason, details.snippet ?? "", cause);
    case "daily-quota":
      return new QuotaExhaustedError(info, reason, details.waitMs ?? 0);
    case "configuration":
      return new ConfigurationError(reason, cause === undefined ? undefined : { cause });
    default:
      return new APIConnectionError(info, reason + after, cause);
  }
}
