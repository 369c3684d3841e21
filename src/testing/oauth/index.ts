/** The OAuth part of `highlevel-voice-ai/testing`: a fake of HighLevel's OAuth endpoints. */
export { createFakeOAuthHandler, type FakeOAuth, type FakeOAuthOptions } from "./fake-oauth.js";
export { createFakeOAuth, type FakeOAuthServer } from "./server.js";
export type { FakeInstallation, FakeLocation, FakeOAuthStats } from "./state.js";
export type { SignedWebhook, WebhookSigner } from "./webhooks.js";
export type { UninstallPayload, UninstallTarget } from "./installs.js";
