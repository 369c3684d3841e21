/**
 * `highlevel-voice-ai/testing`: a stateful fake of the Voice AI API to test code built on the
 * client against, without network or account.
 */
import { startFake, type FakeVoiceAI, type FakeVoiceAIOptions } from "./fake.js";

export type { FakeVoiceAI, FakeVoiceAIOptions } from "./fake.js";
export type { Fault } from "./faults.js";
export type { FakeRateLimitOptions } from "./rate-limit.js";
export type { FakeLocation } from "./store.js";
export type { JournalEntry } from "./context.js";

/** Starts a fake of the API: an HTTP server on 127.0.0.1 (free port) and `fake.fetch`. */
export function createFakeVoiceAI(options?: FakeVoiceAIOptions): Promise<FakeVoiceAI> {
  return startFake(options);
}
