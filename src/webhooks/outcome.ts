/**
 * What applying an event did, as the `/oauth` entry's `oauth.handleWebhook` reports it. Declared
 * here so the handler (which takes any `oauth` of this shape) needs nothing of that entry.
 */
import type { WebhookEvent } from "./events.js";

export type WebhookOutcome =
  /** A Location token was minted from the agency's token and stored. */
  | { action: "minted"; locationId: string; companyId: string }
  /**
   * The Location was recorded as covered by its agency; its token is minted on first use. `mintError`
   * names why minting now failed (the event is still accepted: a retried delivery would be a replay).
   */
  | { action: "recorded"; locationId: string; companyId: string; mintError?: string }
  /** The Location already holds tokens of its own (a Location-level install): left as it is. */
  | { action: "kept"; locationId: string }
  /** Stored installations were deleted. */
  | { action: "deleted"; locationId: string | undefined; companyId: string | undefined; count: number }
  /** Nothing to do for this event. */
  | { action: "ignored"; reason: string };

/** What the handler needs of `createOAuth(...)`: the app's ID, and INSTALL / UNINSTALL applied to its store. */
export interface WebhookInstallations {
  readonly appId: string;
  handleWebhook(event: WebhookEvent): Promise<WebhookOutcome>;
}
