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
// The webhooks entry, whole: verification, typed events, the replay guard, the fetch-style handler.
export * from "../webhooks/index.js";
export { toNodeHandler, type NodeRequestLike, type NodeResponseLike } from "./node-handler.js";
export {
  OAuthStateError,
  ReauthorizationRequiredError,
  TokenStoreError,
  type ReauthorizationReason,
} from "./errors.js";
export type { TokenContext, TokenProvider } from "../pipeline/token-provider.js";
