/**
 * The pipeline every request goes through, composed here in one visible place. src/client/invoke.ts
 * builds the request (its URL with openapi-fetch's serializers) and hands it to `send`; the
 * stages, outermost first:
 *
 *   typedErrors  the one place failures and error statuses become the errors users catch
 *   retry        sends again what may be sent again; owns the attempt count and the backoff waits
 *   timeout      one signal per attempt (caller, timeoutMs, totalTimeoutMs) that ends every wait below
 *   limit        a rate-limit slot for the location, given back on every way out
 *   authorize    the location's token and the common headers; one re-send after a 401 it can refresh
 *   observe      onResponse, the latest rate-limit headers, debug logs — per exchange on the wire
 *   readBody     the body, read inside the attempt and only as far as it is kept
 *   redirects    followed by hand, so credentials only go to the API's origin
 *   sendOnWire   fetch
 *
 * Retry sits outside timeout so every attempt gets a fresh timer; timeout sits outside limit and
 * authorize so a long queue or a hung token provider cannot hold a call past its bounds.
 */
import type { Log } from "../logging/logger.js";
import type { RateLimiter } from "../rate-limit/contract.js";
import type { RateLimitInfo } from "../rate-limit/headers.js";
import { authorize } from "./auth.js";
import { sendOnWire, type FetchLike } from "./fetch.js";
import { limit } from "./limit.js";
import { observe, type ResponseEvent } from "./observe.js";
import { readBody } from "./read-body.js";
import type { Redactor } from "./redact.js";
import { followRedirects } from "./redirects.js";
import { retry, type RetryEvent } from "./retry.js";
import { timeout } from "./timeout.js";
import type { Tokens } from "./tokens.js";
import { typedErrors } from "./typed-errors.js";
import type { Send, Stage } from "./types.js";

export interface PipelineConfig {
  /** `https://host[:port]`: the only origin that ever receives the Authorization header. */
  origin: string;
  fetch: FetchLike;
  /** The fetch is the caller's own, which may ignore the signal: its waits are raced with it. */
  guardFetch: boolean;
  tokens: Tokens;
  redactor: Redactor;
  limiter: RateLimiter | undefined;
  log: Log;
  onRetry: (event: RetryEvent) => void;
  onResponse: ((event: ResponseEvent) => void) | undefined;
  record: (locationId: string, info: RateLimitInfo) => void;
}

export function createPipeline(config: PipelineConfig): Send {
  const { origin, limiter, log } = config;
  const stages: Stage[] = [
    typedErrors(config.redactor),
    retry(config.onRetry),
    timeout,
    ...(limiter ? [limit(limiter)] : []),
    authorize(config.tokens, origin, config.redactor),
    observe({ log, onResponse: config.onResponse, record: config.record }),
  ];
  const wire = followRedirects(origin)(sendOnWire(config.fetch, config.guardFetch));
  return stages.reduceRight<Send>((next, stage) => stage(next), readBody(wire, config.guardFetch));
}

/**
 * The same pipeline without a rate limit or credentials, for requests that carry their own (the
 * OAuth endpoints): typedErrors → retry → timeout → readBody → redirects → fetch.
 */
export function createBarePipeline(
  config: Pick<PipelineConfig, "origin" | "fetch" | "redactor" | "onRetry">,
): Send {
  // Always guarded: the OAuth entry's fetch may be the caller's.
  const wire = followRedirects(config.origin)(sendOnWire(config.fetch, true));
  const stages: Stage[] = [typedErrors(config.redactor), retry(config.onRetry), timeout];
  return stages.reduceRight<Send>((next, stage) => stage(next), readBody(wire, true));
}
