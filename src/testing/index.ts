/**
 * `highlevel-voice-ai/testing`: a stateful fake of the Voice AI API to test code built on the
 * client against, without network or account.
 */
import { startFake, type FakeVoiceAI, type FakeVoiceAIOptions } from "./fake.js";
import { createFakeOAuthHandler, type FakeOAuth, type FakeOAuthOptions } from "./oauth/index.js";
import { oauthRoute } from "./with-oauth.js";

export type { FakeVoiceAI, FakeVoiceAIOptions } from "./fake.js";
export type { Fault } from "./faults.js";
export type { FakeRateLimitOptions } from "./rate-limit.js";
export type { FakeLocation } from "./store.js";
export type { JournalEntry } from "./context.js";

export * from "./oauth/index.js";

export interface FakeVoiceAIWithOAuthOptions extends FakeVoiceAIOptions {
  /**
   * Also serve HighLevel's OAuth endpoints (`true`, or the OAuth fake's options): rotating refresh
   * tokens, Location tokens, installed Locations, signed webhooks; the API then accepts the Location
   * access tokens they issue, while they are valid.
   */
  oauth?: boolean | FakeOAuthOptions | undefined;
}

/**
 * Starts a fake of the API: an HTTP server on 127.0.0.1 (free port) and `fake.fetch`; with
 * `oauth`, `fake.oauth` is the fake of the OAuth endpoints on the same server.
 */
export async function createFakeVoiceAI(
  options: FakeVoiceAIWithOAuthOptions = {},
): Promise<FakeVoiceAI & { readonly oauth: FakeOAuth | undefined }> {
  const { oauth: oauthOptions, ...rest } = options;
  const oauth = oauthOptions
    ? createFakeOAuthHandler({ now: rest.clock, ...(oauthOptions === true ? {} : oauthOptions) })
    : undefined;
  const fake = await startFake(rest, oauth ? [oauthRoute(oauth)] : []);
  return Object.assign(fake, { oauth });
}
