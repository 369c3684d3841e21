/**
 * The typed forms of app webhook events: a union on `type` — INSTALL, UNINSTALL, VoiceAiCallEnd,
 * and OTHER for every other event, passed through unchecked.
 */
import type { VoiceAiCallEndEvent } from "../../generated/models.js";

/** What every event carries: how it was verified, and the envelope fields checked. */
export interface WebhookEventBase {
  /** Which header's signature was checked. */
  signature: "ed25519" | "rsa";
  appId: string | undefined;
  /** ISO 8601, when the payload carries one (checked against the replay window). */
  timestamp: string | undefined;
  /** When the payload carries one (checked for duplicates). */
  webhookId: string | undefined;
}

/** The app was installed on a Location (with `locationId`) or on an agency (without). */
export interface InstallEvent extends WebhookEventBase {
  type: "INSTALL";
  companyId: string | undefined;
  locationId: string | undefined;
  userId: string | undefined;
  planId: string | undefined;
  companyName: string | undefined;
  isWhitelabelCompany: boolean | undefined;
  whitelabelDetails: { domain?: string; logoUrl?: string } | undefined;
  trial: { onTrial?: boolean; trialDuration?: number; trialStartDate?: string } | undefined;
}

/** The app was removed from a Location (`locationId`) or from an agency (`companyId` only). */
export interface UninstallEvent extends WebhookEventBase {
  type: "UNINSTALL";
  companyId: string | undefined;
  locationId: string | undefined;
}

/**
 * A Voice AI call ended: the body of the spec's `VoiceAiCallEnd` webhook, checked against its
 * schema, with `id` and `locationId` present (the handler de-duplicates by the call `id`). A body
 * whose `type` is `VoiceAiCallEnd`, or that has no `type` (the published schema lists none), is
 * read as one. Fields the schema does not list are kept as they came.
 */
export interface CallEndEvent
  extends WebhookEventBase, Omit<VoiceAiCallEndEvent, "type" | "id" | "locationId"> {
  type: "VoiceAiCallEnd";
  /** ID of the call, the same as the call-logs API's: a redelivery carries the same one. */
  id: string;
  /** ID of the location (sub-account) of the call. */
  locationId: string;
}

/** Any other event type: passed through, its payload unchecked. */
export interface OtherWebhookEvent extends WebhookEventBase {
  type: "OTHER";
  /** The payload's own `type`, e.g. "PLAN_CHANGE". */
  eventType: string;
  payload: unknown;
}

export type WebhookEvent = InstallEvent | UninstallEvent | CallEndEvent | OtherWebhookEvent;

/** The event's name as HighLevel sends it: `INSTALL`, `VoiceAiCallEnd`, `PLAN_CHANGE`, ... */
export const eventName = (event: WebhookEvent): string =>
  event.type === "OTHER" ? event.eventType : event.type;
