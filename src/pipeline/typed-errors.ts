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
} from "../errors/index.js";
import { parseRetryAfter } from "./retry-policy.js";
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
    throw fromReply(reply, request, call, redactor);
  };

function fromReply(reply: Reply, request: Outgoing, call: Call, redactor: Redactor): VoiceAIError {
  const { status, rateLimit } = reply;
  const info = requestInfo(request, call);
  if (status < 400) return new APIConnectionError(info, `Redirect (${status}) not followed`);
  // A server may echo what it was sent: no known token is kept in the body, the message or a header.
  const text = redactor.text(reply.text);
  const headers = new Headers();
  reply.headers.forEach((value, name) => headers.append(name, redactor.text(value)));
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return apiErrorFor(
    { ...info, status, headers, body, rateLimit },
    status === 429 ? waitOf(reply) : undefined,
  );
}

/** What a 429 says about when to come back: Retry-After, the daily reset, or the window. */
function waitOf({ headers, rateLimit }: Reply): number | undefined {
  const after = parseRetryAfter(headers.get("retry-after"));
  if (after !== undefined) return after;
  if (rateLimit?.dailyRemaining === 0) return rateLimit.dailyResetMs;
  return rateLimit?.remaining === 0 ? rateLimit.intervalMs : undefined;
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
      return new InvalidResponseError(
        info,
        details.status ?? 0,
        reason,
        redactor.text(details.snippet ?? ""),
        cause,
      );
    case "daily-quota":
      return new QuotaExhaustedError(info, reason, details.waitMs ?? 0);
    case "configuration":
      return new ConfigurationError(reason, cause === undefined ? undefined : { cause });
    default:
      return new APIConnectionError(info, reason + after, cause);
  }
}
