/**
 * The webhook endpoint as a fetch-style `(Request) => Promise<Response>` handler (workers, edge,
 * Deno, Bun; node:http and Express through `toNodeHandler` of `/oauth`): verifies each call,
 * applies INSTALL / UNINSTALL through `oauth`, runs `onCallEnd` at most once per call ID, and
 * answers so that the sender retries exactly what was not applied.
 */
import { ConfigurationError, VoiceAIError } from "../errors/index.js";
import { WebhookPayloadError, WebhookVerificationError } from "./errors.js";
import type { CallEndEvent, WebhookEvent } from "./events.js";
import type { WebhookInstallations, WebhookOutcome } from "./outcome.js";
import { MAX_BODY, readBounded } from "./read-body.js";
import { DEFAULT_REPLAY_TIMEOUT_MS, askFirstSeen, defaultReplayGuard, forgetSeen } from "./replay-guard.js";
import { checkVerifyOptions, verifyWebhook, type VerifyWebhookOptions } from "./verify.js";
import { webhookEvents } from "../../generated/webhooks.js";

export interface WebhookHandlerOptions extends Omit<VerifyWebhookOptions, "rawBody" | "headers"> {
  /**
   * Applies INSTALL / UNINSTALL to its store (`createOAuth(...)`). Its `appId` is the one events
   * are checked against (`appId` may be left out; given, it must be the same).
   */
  oauth?: WebhookInstallations | undefined;
  /**
   * Runs once per call ID for each VoiceAiCallEnd: a redelivery of a call already handled (or
   * being handled) is answered 200 `{ duplicate: true }` without running it again. If it throws,
   * the call ID is forgotten and the answer is 500, so the sender's retry runs it again.
   */
  onCallEnd?: ((event: CallEndEvent) => void | Promise<void>) | undefined;
  /** How long a handled call ID is remembered (default 7 days; a shared guard may cap it). */
  callEndTtlMs?: number | undefined;
  /** Told of every event applied, after `oauth` and `onCallEnd`. */
  onEvent?: ((event: WebhookEvent, outcome: WebhookOutcome | undefined) => void | Promise<void>) | undefined;
}

// The spec names the option that receives call ends (x-sdk-handler): a rename there fails here.
webhookEvents.VoiceAiCallEnd.handler satisfies keyof WebhookHandlerOptions;
const DEFAULT_CALL_END_TTL_MS = 7 * 86_400_000;
const STATUS: Partial<Record<WebhookVerificationError["reason"], number>> = {
  malformed: 400,
  replay_check_failed: 503,
};
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
/** The call IDs' keys in the replay guard, apart from webhook IDs. */
export const callEndKey = (callId: string) => `VoiceAiCallEnd:${callId}`;

/**
 * 200 for an event applied (or a call end already handled), 400 for a body that is not a valid
 * event (with the `field` at fault), 401 for a bad signature, another app's event or a replay, 405
 * for another method, 413 past 1 MiB, 503 when the replay guard could not be asked, 500 when
 * applying the event failed. Whenever the answer asks for a retry (500, 503), the IDs this call
 * recorded are forgotten first, so the retry is accepted.
 */
export function createWebhookHandler(
  options: WebhookHandlerOptions,
): (request: Request) => Promise<Response> {
  const { oauth, onEvent, onCallEnd, callEndTtlMs = DEFAULT_CALL_END_TTL_MS, ...verify } = options ?? {};
  checkVerifyOptions(verify);
  checkHandlerOptions(options);
  const appId = verify.appId ?? oauth?.appId;
  if (verify.appId !== undefined && oauth && oauth.appId !== verify.appId)
    throw new ConfigurationError("appId differs from oauth.appId: events are checked against one app");
  const guard = verify.replayGuard ?? defaultReplayGuard;
  const timeoutMs = verify.replayTimeoutMs ?? DEFAULT_REPLAY_TIMEOUT_MS;
  return async (request) => {
    if (request.method !== "POST") return json(405, { error: "method_not_allowed" });
    if (Number(request.headers.get("content-length") ?? 0) > MAX_BODY)
      return json(413, { error: "too_large" });
    let rawBody: Uint8Array;
    try {
      rawBody = await readBounded(request);
    } catch {
      return json(413, { error: "too_large" });
    }
    let event: WebhookEvent;
    try {
      event = await verifyWebhook({
        ...verify,
        appId,
        replayGuard: guard,
        rawBody,
        headers: request.headers,
      });
    } catch (error) {
      if (!(error instanceof WebhookVerificationError)) throw error;
      const field = error instanceof WebhookPayloadError ? { field: error.field } : {};
      return json(STATUS[error.reason] ?? 401, { error: error.reason, ...field });
    }
    // What this call recorded: forgotten again when the answer asks the sender to retry.
    const recorded = event.webhookId === undefined ? [] : [event.webhookId];
    const release = () => Promise.all(recorded.map((id) => forgetSeen(guard, id, timeoutMs)));
    try {
      if (event.type === "VoiceAiCallEnd") {
        const key = callEndKey(event.id);
        if (!(await askFirstSeen(guard, key, callEndTtlMs, timeoutMs)))
          return json(200, { ok: true, duplicate: true });
        recorded.push(key);
        await onCallEnd?.(event);
      }
      const outcome = oauth ? await oauth.handleWebhook(event) : undefined;
      await onEvent?.(event, outcome);
      return json(200, { ok: true, ...(outcome && { action: outcome.action }) });
    } catch (error) {
      await release();
      if (error instanceof WebhookVerificationError) return json(503, { error: error.reason });
      // Nothing about the failure goes back to the caller; a 500 makes a retrying sender try again.
      return json(500, { error: error instanceof VoiceAIError ? error.name : "internal_error" });
    }
  };
}

function checkHandlerOptions(options: WebhookHandlerOptions): void {
  for (const name of ["onCallEnd", "onEvent"] as const) {
    const value = options[name];
    if (value !== undefined && typeof value !== "function")
      throw new ConfigurationError(`${name} must be a function`);
  }
  const oauth = options.oauth;
  if (oauth !== undefined && (typeof oauth?.handleWebhook !== "function" || typeof oauth.appId !== "string"))
    throw new ConfigurationError("oauth must be the object createOAuth returned");
  const ttl = options.callEndTtlMs;
  if (ttl !== undefined && (!Number.isInteger(ttl) || ttl < 1000 || ttl > 365 * 86_400_000))
    throw new ConfigurationError("callEndTtlMs must be an integer from 1000 to 31536000000 (a year)");
}
