/** `highlevel-voice-ai/oauth`: OAuth for HighLevel Marketplace apps (tokens per Location, stores, webhooks). */
export { createOAuth, type OAuth, type ExchangeCodeOptions } from "./oauth.js";
export type { OAuthOptions } from "./options.js";
export type { AuthorizeUrlOptions, VerifyStateOptions } from "./authorize.js";
export type { Installation, UserType } from "./records.js";
export type {
  InstalledLocation,
  InstalledLocationsApi,
  InstalledLocationsParams,
} from "./installed-locations.js";
export type { InstalledLocationsPage } from "./http.js";
export type { ListLocationsOptions } from "./installed-list.js";
export {
  createMemoryTokenStore,
  type MemoryTokenStoreOptions,
  type StoreLock,
  type TokenStore,
} from "./token-store.js";
export { createFileTokenStore, type FileTokenStoreOptions } from "./file-store.js";
export { verifyWebhook, type VerifyWebhookOptions } from "./webhook-verify.js";
export { createReplayGuard, type ReplayGuard } from "./replay-guard.js";
export type { InstallEvent, UninstallEvent, OtherWebhookEvent, WebhookEvent } from "./webhook-events.js";
export type { WebhookOutcome } from "./webhook-actions.js";
export {
  createWebhookHandler,
  toNodeHandler,
  type NodeRequestLike,
  type NodeResponseLike,
  type WebhookHandlerOptions,
} from "./webhook-handler.js";
export { LEGACY_RSA_PUBLIC_KEY } from "./webhook-keys.js";
export {
  OAuthStateError,
  ReauthorizationRequiredError,
  TokenStoreError,
  WebhookVerificationError,
  type ReauthorizationReason,
  type WebhookRejection,
} from "./errors.js";
export type { TokenContext, TokenProvider } from "../pipeline/token-provider.js";
