/**
 * End to end: the fake as HighLevel, sending 100 call ends across 5 Locations with duplicates,
 * retries and out-of-order delivery, to a receiver built as an app would build it (node:http,
 * createWebhookHandler with onCallEnd and the app's OAuth). Its store must hold each call exactly
 * once, with the typed fields of the call the API logged.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createVoiceAIClient } from "../src/index.js";
import {
  createOAuth,
  createReplayGuard,
  createWebhookHandler,
  toNodeHandler,
  type OAuth,
} from "../src/oauth/index.js";
import { createFakeVoiceAI, type FakeVoiceAIWithOAuth, type SimulatedCall } from "../src/testing/index.js";

const LOCATIONS = ["L1", "L2", "L3", "L4", "L5"];
const CALLS = 100;
const closing: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closing.splice(0).map((close) => close()));
});

/** What the app keeps of a call: the typed fields it needs. */
interface StoredCall {
  id: string;
  locationId: string;
  agentId: string | undefined;
  duration: number | undefined;
  trialCall: boolean | undefined;
  actionTypes: string[];
  summary: string | undefined;
}

/** The app's receiver: its store fails the first write of every 7th call (the sender retries those). */
async function startReceiver(oauth: OAuth, publicKey: string) {
  const store = new Map<string, StoredCall>();
  /** Per call: onCallEnd runs begun, and writes that completed. */
  const writes = new Map<string, number>();
  const completed = new Map<string, number>();
  let seen = 0;
  const handler = createWebhookHandler({
    oauth,
    publicKey,
    replayGuard: createReplayGuard(),
    async onCallEnd(event) {
      const attempt = (writes.get(event.id) ?? 0) + 1;
      writes.set(event.id, attempt);
      if (++seen % 7 === 0 && attempt === 1) throw new Error("database busy");
      // A little latency, so that duplicates and retries overlap with the first delivery.
      await new Promise((resolve) => setTimeout(resolve, 5));
      store.set(event.id, {
        id: event.id,
        locationId: event.locationId,
        agentId: event.agentId,
        duration: event.duration,
        trialCall: event.trialCall,
        actionTypes: (event.executedCallActions ?? []).map((action) => action.actionType),
        summary: event.summary,
      });
      completed.set(event.id, (completed.get(event.id) ?? 0) + 1);
    },
  });
  const node = toNodeHandler(handler);
  const server = createServer((req, res) => void node(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  closing.push(() => new Promise((resolve) => (server.closeAllConnections(), server.close(() => resolve()))));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks`,
    store,
    writes,
    completed,
  };
}

describe("call-end events end to end", () => {
  it("100 calls, 5 Locations, duplicates, retries, out of order: each call stored exactly once", async () => {
    const fake: FakeVoiceAIWithOAuth = await createFakeVoiceAI({
      locations: LOCATIONS,
      oauth: true,
      rateLimit: false,
      webhooks: { delivery: { retries: 4, retryDelayMs: 20, duplicates: 0.3, outOfOrderMs: 100 } },
    });
    closing.push(() => fake.close());
    const oauth = createOAuth({
      clientId: fake.oauth.clientId,
      clientSecret: fake.oauth.clientSecret,
      redirectUri: "https://app.example/callback",
      baseUrl: fake.url,
    });
    // An agency installs the app on its five Locations with the scope call ends need.
    await oauth.exchangeCode(
      fake.oauth.issueCode({
        userType: "Company",
        companyId: "C1",
        approvedLocations: LOCATIONS,
        scope: "voice-ai-dashboard.readonly voice-ai-agents.readonly oauth.write",
      }),
    );
    const receiver = await startReceiver(oauth, fake.webhookPublicKey);
    fake.webhooks.register(receiver.url);

    const calls: SimulatedCall[] = [];
    for (let i = 0; i < CALLS; i++)
      calls.push(fake.simulateCall({ locationId: LOCATIONS[i % LOCATIONS.length]! }));
    const deliveries = (await Promise.all(calls.map((c) => c.delivered))).flat();
    await fake.webhooks.settled();

    const attempts = deliveries.flatMap((d) => d.attempts);
    const refused = attempts.filter((a) => a.status === 200 && JSON.parse(a.body).duplicate === true).length;
    const retried = deliveries.filter((d) => d.attempts.length > 1).length;
    const duplicates = deliveries.filter((d) => d.duplicate).length;
    const firstArrival = [...deliveries].sort((a, b) => a.attempts[0]!.startedAt - b.attempts[0]!.startedAt);
    const outOfOrder = firstArrival.filter((d, i) => i > 0 && d.seq < firstArrival[i - 1]!.seq).length;
    const storedOnce = [...receiver.completed.values()].filter((count) => count === 1).length;
    console.info(
      `call-end e2e: ${CALLS} calls, ${deliveries.length} deliveries (${duplicates} duplicates), ${attempts.length} attempts, ` +
        `${retried} retried after a 500, ${refused} duplicates refused, ${outOfOrder} out of order, ${storedOnce} stored once`,
    );

    expect(deliveries.every((d) => d.state === "delivered")).toBe(true);
    expect(receiver.store.size).toBe(CALLS);
    expect(storedOnce).toBe(CALLS);
    expect(receiver.completed.size).toBe(CALLS);
    // Each delivery but the one that stored its call was acknowledged as a duplicate.
    expect(refused).toBe(deliveries.length - CALLS);
    expect(duplicates).toBeGreaterThan(10);
    expect(retried).toBeGreaterThan(5);
    expect(outOfOrder).toBeGreaterThan(5);
    // onCallEnd ran again only after a failed write: a call written twice failed the first time.
    for (const [id, count] of receiver.writes) expect(count, id).toBeLessThanOrEqual(2);

    // The stored fields are the call's, as the fake's API logged it.
    for (const { call } of calls) {
      const stored = receiver.store.get(call.id!)!;
      expect(stored).toEqual({
        id: call.id,
        locationId: call.locationId,
        agentId: call.agentId,
        duration: call.duration,
        trialCall: call.trialCall,
        actionTypes: call.executedCallActions!.map((a) => a.actionType),
        summary: call.summary,
      });
    }
    const voiceAI = createVoiceAIClient({ token: oauth, baseUrl: fake.url });
    for (const { call } of calls.slice(0, 10)) {
      const log = await voiceAI.callLogs.get({ callId: call.id!, locationId: call.locationId! });
      expect(receiver.store.get(log.id)).toMatchObject({ agentId: log.agentId, duration: log.duration });
    }

    // The app is removed from one Location: the receiver forgets its tokens, no call end follows.
    await fake.uninstall({ locationId: "L5" }).delivered;
    expect(await oauth.installation({ locationId: "L5" })).toBeUndefined();
    expect(fake.simulateCall({ locationId: "L5" }).skipped).toBe("not_installed");
  }, 120_000);
});
