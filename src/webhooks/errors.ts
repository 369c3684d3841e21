/** Why a webhook call is refused: a typed error with a reason, never quoting the body's values. */
import { VoiceAIError } from "../errors/index.js";

/** A webhook call that must not be trusted: bad or missing signature, replayed, stale, malformed, another app's. */
export class WebhookVerificationError extends VoiceAIError {
  static override readonly brand: string = "WebhookVerificationError";
  readonly reason: WebhookRejection;
  constructor(reason: WebhookRejection, message: string) {
    super(`Webhook rejected: ${message}`);
    this.reason = reason;
  }
}

export type WebhookRejection =
  | "missing_signature"
  | "bad_signature"
  | "legacy_signature_disabled"
  /** Not JSON, not an event object, or (WebhookPayloadError) a body that does not match its event's schema. */
  | "malformed"
  | "stale"
  | "replayed"
  /** The replay guard failed, hung or gave no boolean: whether it is a replay is unknown (retryable). */
  | "replay_check_failed"
  /** The event names another app than the one expected. */
  | "wrong_app"
  /** An app event (INSTALL, UNINSTALL, PLAN_CHANGE) without `appId`, where one is expected. */
  | "missing_app_id"
  /** No `timestamp`, with `requireTimestamp`. */
  | "missing_timestamp"
  /** No `webhookId`, with `requireWebhookId`. */
  | "missing_webhook_id";

/** One way a body breaks its event's schema: where (`executedCallActions[0].actionType`) and the rule. */
export interface PayloadViolation {
  path: string;
  rule: string;
}

/**
 * A signed body that does not match its event's schema (a missing `id`, a field of the wrong
 * type, an unknown `actionType`): `field` names the first place, `violations` every one. Values are
 * never quoted (a custom action's parameters may hold a credential). Its `reason` is `malformed`.
 */
export class WebhookPayloadError extends WebhookVerificationError {
  static override readonly brand: string = "WebhookPayloadError";
  /** The event type the body was read as (`VoiceAiCallEnd`, `INSTALL`, ...). */
  readonly eventType: string;
  /** Where the first violation is (`locationId`, `executedCallActions[0].actionParameters.messageBody`). */
  readonly field: string;
  readonly violations: readonly PayloadViolation[];
  constructor(eventType: string, violations: readonly PayloadViolation[]) {
    const first = violations[0] ?? { path: "", rule: "must be an event object" };
    const more = violations.length > 1 ? ` (and ${violations.length - 1} more)` : "";
    const where = first.path ? `${first.path}: ` : "";
    super("malformed", `the ${eventType} body does not match its schema: ${where}${first.rule}${more}`);
    this.eventType = eventType;
    this.field = first.path;
    this.violations = violations.length ? [...violations] : [first];
  }
}
