/**
 * `npm run demo`: starts the fake Voice AI API of highlevel-voice-ai/testing in this process
 * (on 127.0.0.1, a free port), runs examples/quickstart.ts against it, and stops the fake. No
 * mock server to download, no Java: every answer comes from the fake's state, so what the
 * example prints is what the API would answer.
 *
 * `npm run demo -- --live` runs the example against the real API instead
 * (GHL_TOKEN and GHL_LOCATION_ID must be set; the example says so if they are not).
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createFakeVoiceAI, type FakeVoiceAI } from "../src/testing/index.js";

const quickstart = pathToFileURL(path.resolve(import.meta.dirname, "../examples/quickstart.ts")).href;
const live = process.argv.includes("--live");
const startedAt = performance.now();
const LOCATION = "LOC123456789ABCDEF";
/** HighLevel allows 100 requests per 10 s; the demo's fake, 100 per second, to keep the demo short. */
const RATE_LIMIT = { max: 100, intervalMs: 1000 };

let fake: FakeVoiceAI | undefined;
try {
  if (!live) {
    fake = await createFakeVoiceAI({
      locations: [{ id: LOCATION, name: "Acme Dental" }],
      agents: 2,
      callLogs: 120,
      rateLimit: RATE_LIMIT,
    });
    console.log(
      `Fake Voice AI API (highlevel-voice-ai/testing) at ${fake.url}: one location with 2 agents and 120 call\n` +
        `logs; its burst window is ${RATE_LIMIT.max} requests per ${RATE_LIMIT.intervalMs / 1000} s (HighLevel's: per 10 s).\n`,
    );
    process.env.GHL_TOKEN = fake.tokenFor(LOCATION);
    process.env.GHL_LOCATION_ID = LOCATION;
    process.env.VOICE_AI_BASE_URL = fake.url;
  }
  // The example runs to its end while being imported (top-level await) and sets process.exitCode.
  await import(quickstart);
} catch (error) {
  console.error(`\nThe demo could not run: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await fake?.close();
}

const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
const code = Number(process.exitCode ?? 0);
console.log(`\nDemo ${code === 0 ? "finished" : `failed (exit code ${code})`} in ${seconds} s in all.`);
process.exit(code);
