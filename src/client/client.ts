/**
 * createVoiceAIClient: checks the options, builds the pipeline once, and exposes it as the
 * generated methods (`agents.get`, ...) and as `raw` (calls by method and path).
 */
import { createInvoke } from "./invoke.js";
import { createLog, safeHook } from "../logging/logger.js";
import { buildMethods } from "./methods.js";
import { resolveOptions, type VoiceAIClientOptions } from "./options.js";
import { createPipeline } from "../pipeline/index.js";
import type { ResponseEvent } from "../pipeline/observe.js";
import { createRedactor } from "../pipeline/redact.js";
import type { RetryEvent } from "../pipeline/retry.js";
import { createTokens } from "../pipeline/tokens.js";
import { buildRaw } from "./raw.js";
import { limiterFor } from "../rate-limit/option.js";
import type { RateLimitInfo } from "../rate-limit/headers.js";
import { ownCopy } from "../request/own.js";
import { assertClient } from "./shape.js";
import type { VoiceAIClient } from "./voice-ai-client.js";

/** Latest rate-limit headers are kept for this many locations; the oldest are dropped. */
const LATEST_KEPT = 1000;

/** Creates a client. Every option is checked here: a bad one throws ConfigurationError. */
export function createVoiceAIClient<const O extends VoiceAIClientOptions>(
  options: O,
): VoiceAIClient<O extends { locationId: string } ? true : false> {
  options = ownCopy(options); // what Object.prototype holds is not an option
  const config = resolveOptions(options);
  const log = createLog(options.logger, options.logLevel ?? "warn");
  const redactor = createRedactor();
  const tokens = createTokens(options.token, redactor);
  const onRetry = safeHook<RetryEvent>("onRetry", options.onRetry, log, redactor.text);
  const onResponse = safeHook<ResponseEvent>("onResponse", options.onResponse, log, redactor.text);
  const latest = new Map<string, RateLimitInfo>();

  const send = createPipeline({
    origin: config.origin,
    fetch: config.fetch,
    // The caller's own fetch may ignore the signal.
    guardFetch: options.fetch !== undefined,
    tokens,
    redactor,
    limiter: limiterFor(options),
    log,
    onRetry: (event) => {
      log.warn?.("retrying", event);
      onRetry?.(event);
    },
    onResponse,
    record: (locationId, info) => {
      latest.delete(locationId);
      latest.set(locationId, info);
      if (latest.size > LATEST_KEPT) latest.delete(latest.keys().next().value!);
    },
  });
  const invoke = createInvoke(send, config);

  const client = {
    ...buildMethods(invoke, config.locationId),
    raw: buildRaw(invoke, config.locationId),
    rateLimit: (locationId?: string) => latest.get(locationId ?? config.locationId ?? ""),
  };
  assertClient(client);
  return Object.freeze(client);
}
