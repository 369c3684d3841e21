/**
 * End to end: the fake as HighLevel sends 100 call ends across 5 Locations, with duplicates,
 * retries and out-of-order delivery, to the app's receiver as users build it
 * (examples/call-end-receiver.ts: node:http, createWebhookHandler with onCallEnd, a call store).
 * Its store must hold each call exactly once, with the typed fields of the call the API logged.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import type { VoiceAiCallEndEvent } from "../generated/models.js";
import { createVoiceAIClient } from "../src/index.js";
import { createOAuth, createReplayGuard } from "../src/oauth/index.js";
import { createFakeVoiceAI, type SimulatedCall } from "../src/testing/index.js";
import {
  createCallEndReceiver,
  createMemoryCallStore,
  type CallStore,
  type StoredCall,
} from "../examples/call-end-receiver.js";

const LOCATIONS = ["L1", "L2", "L3", "L4", "L5"];
const CALLS = 100;
const closing: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closing.splice(0).map((close) => close()));
});

/**
 * The example's memory store, down for the first write of every 7th call (the receiver answers 500
 * and the fake retries), and counting the writes that went through per call.
 */
function flakyStore() {
  const inner = createMemoryCallStore();
  const writes = new Map<string, number>();
  let seen = 0;
  const store: CallStore = {
    async insertOnce(call) {
      const attempt = ++seen;
      // A little latency, so that duplicates and retries overlap with the first delivery.
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (attempt % 7 === 0 && !writes.has(call.callId)) {
        writes.set(call.callId, 0);
        throw new Error("database busy");
      }
      writes.set(call.callId, (writes.get(call.callId) ?? 0) + 1);
      return inner.insertOnce(call);
    },
    all: () => inner.all(),
  };
  return { store, writes };
}

/** What the example should store for a call, worked out from the event the fake sent. */
function expected(call: VoiceAiCallEndEvent): StoredCall {
  const actions = call.executedCallActions ?? [];
  return {
    callId: call.id!,
    locationId: call.locationId!,
    agentId: call.agentId,
    contactId: call.contactId,
    durationSeconds: call.duration,
    summary: call.summary,
    trialCall: call.trialCall ?? false,
    transferredTo: actions.flatMap((a) =>
      a.actionType === "CALL_TRANSFER" ? [a.actionParameters!.transferToValue] : [],
    ),
    textsSent: actions.flatMap((a) => (a.actionType === "SMS" ? [a.actionParameters!.messageBody] : [])),
  };
}

describe("call-end events end to end", () => {
  it("100 calls, 5 Locations, duplicates, retries, out of order: the example stores each call exactly once", async () => {
    const fake = await createFakeVoiceAI({
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
    // An agency installs the app on its five Locations, with the scope call ends need.
    await oauth.exchangeCode(
      fake.oauth.issueCode({
        userType: "Company",
        companyId: "C1",
        approvedLocations: LOCATIONS,
        scope: "voice-ai-dashboard.readonly voice-ai-agents.readonly oauth.write",
      }),
    );

    const { store, writes } = flakyStore();
    const receiver = createCallEndReceiver({
      publicKey: fake.webhookPublicKey,
      appId: fake.oauth.appId,
      store,
      replayGuard: createReplayGuard(),
    });
    const server = createServer((req, res) => void receiver.node(req, res));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    closing.push(
      () => new Promise((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
    );
    fake.webhooks.register(`http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks`);

    const calls: SimulatedCall[] = [];
    for (let i = 0; i < CALLS; i++)
      calls.push(fake.simulateCall({ locationId: LOCATIONS[i % LOCATIONS.length]! }));
    const deliveries = (await Promise.all(calls.map((c) => c.delivered))).flat();
    await fake.webhooks.settled();

    const attempts = deliveries.flatMap((d) => d.attempts);
    const refused = attempts.filter((a) => a.status === 200 && JSON.parse(a.body).duplicate === true).length;
    const retried = deliveries.filter((d) => d.attempts.length > 1).length;
    const duplicates = deliveries.filter((d) => d.duplicate).length;
    const byStart = [...deliveries].sort((a, b) => a.attempts[0]!.startedAt - b.attempts[0]!.startedAt);
    const outOfOrder = byStart.filter((d, i) => i > 0 && d.seq < byStart[i - 1]!.seq).length;
    const stored = await store.all();
    const storedOnce = [...writes.values()].filter((count) => count === 1).length;
    console.info(
      `call-end e2e: ${CALLS} calls, ${deliveries.length} deliveries (${duplicates} duplicates), ` +
        `${attempts.length} attempts, ${retried} retried after a 500, ${refused} duplicates refused, ` +
        `${outOfOrder} out of order, ${storedOnce} stored once`,
    );

    expect(deliveries.every((d) => d.state === "delivered")).toBe(true);
    // onCallEnd wrote each call once: a redelivery never reached the store again.
    expect(storedOnce).toBe(CALLS);
    expect(writes.size).toBe(CALLS);
    expect(stored).toHaveLength(CALLS);
    // Each delivery but the one that stored its call was acknowledged as a duplicate.
    expect(refused).toBe(deliveries.length - CALLS);
    expect(duplicates).toBeGreaterThan(10);
    expect(retried).toBeGreaterThan(5);
    expect(outOfOrder).toBeGreaterThan(5);

    // The stored fields are the call's (actions narrowed by type), as the fake's API logged it.
    const byId = new Map(stored.map((s) => [s.callId, s]));
    for (const { call } of calls) expect(byId.get(call.id!)).toEqual(expected(call));
    expect(stored.some((s) => s.transferredTo.length > 0) && stored.some((s) => s.textsSent.length > 0)).toBe(
      true,
    );
    const voiceAI = createVoiceAIClient({ token: oauth, baseUrl: fake.url });
    for (const { call } of calls.slice(0, 10)) {
      const log = await voiceAI.callLogs.get({ callId: call.id!, locationId: call.locationId! });
      expect(byId.get(log.id)).toMatchObject({
        agentId: log.agentId,
        durationSeconds: log.duration,
        summary: log.summary,
      });
    }

    // The app is removed from one Location: the receiver is told, and no call end follows.
    const uninstalled = await fake.uninstall({ locationId: "L5" }).delivered;
    expect(uninstalled.length).toBeGreaterThan(0); // with duplicates: 0.3, maybe twice
    expect(uninstalled.every((d) => d.type === "UNINSTALL" && d.status === 200)).toBe(true);
    expect(fake.simulateCall({ locationId: "L5" }).skipped).toBe("not_installed");
  }, 120_000);
});
