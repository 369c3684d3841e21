/**
 * `highlevel-voice-ai/testing`: a stateful fake of the Voice AI API to test code built on the
 * client against, without network or account; it also sends the webhooks HighLevel would.
 */
import {
  composeFake,
  type FakeVoiceAI,
  type FakeVoiceAIWithOAuth,
  type FakeVoiceAIWithOAuthOptions,
} from "./create.js";
import type { FakeOAuth, FakeOAuthOptions } from "./oauth/index.js";

export type { FakeVoiceAIOptions } from "./fake-options.js";
export type { FakeVoiceAICore } from "./fake.js";
export type {
  FakeVoiceAI,
  FakeVoiceAIWithOAuth,
  FakeVoiceAIWithOAuthOptions,
  SimulatedCall,
} from "./create.js";
export type { SimulateCallOptions } from "./calls/simulate-call.js";
export type {
  DeliveryAttempt,
  FakeWebhookOptions,
  FakeWebhooks,
  WebhookDelivery,
  WebhookDeliveryOptions,
} from "./webhooks/types.js";
export { startFakeServer, type FakeServerHandle, type FakeServerOptions } from "./serve/serve.js";
export type { Fault } from "./faults.js";
export type { FakeRateLimitOptions } from "./rate-limit.js";
export type { FakeLocation } from "./store.js";
export type { JournalEntry } from "./context.js";

export * from "./oauth/index.js";

/**
 * Starts a fake of the API: an HTTP server on 127.0.0.1 (free port) and `fake.fetch`; with
 * `oauth`, `fake.oauth` is the fake of the OAuth endpoints on the same server.
 */
export function createFakeVoiceAI(
  options: FakeVoiceAIWithOAuthOptions & { oauth: true | FakeOAuthOptions },
): Promise<FakeVoiceAIWithOAuth>;
export function createFakeVoiceAI(
  options?: FakeVoiceAIWithOAuthOptions,
): Promise<FakeVoiceAI & { readonly oauth: FakeOAuth | undefined }>;
export async function createFakeVoiceAI(
  options: FakeVoiceAIWithOAuthOptions = {},
): Promise<FakeVoiceAI & { readonly oauth: FakeOAuth | undefined }> {
  return composeFake(options);
}
