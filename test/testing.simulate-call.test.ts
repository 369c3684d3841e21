/**
 * fake.simulateCall: the call log and the VoiceAiCallEnd event describe the same call, the event is
 * signed with the key the fake exposes, and bad overrides are refused before anything is stored.
 */
import { afterEach, describe, expect, it } from "vitest";
import { validationTable } from "../generated/validation.js";
import { ConfigurationError, createVoiceAIClient } from "../src/index.js";
import { verifyWebhook } from "../src/oauth/index.js";
import { createFakeVoiceAI, type FakeVoiceAI } from "../src/testing/index.js";
import { CALL_FIELDS } from "../src/testing/calls/simulate-call.js";
import { json, startServer, type Received } from "./support/http-server.js";

const fakes: FakeVoiceAI[] = [];
afterEach(async () => {
  await Promise.all(fakes.splice(0).map((fake) => fake.close()));
});

async function setup(options: Parameters<typeof createFakeVoiceAI>[0] = {}) {
  const receiver = await startServer((_req, res) => json(res, 200, { ok: true }));
  const fake = await createFakeVoiceAI({
    locations: ["L1", "L2"],
    ...options,
    webhooks: { urls: [receiver.baseUrl + "/hook"] },
  });
  fakes.push(fake);
  const client = (locationId: string) =>
    createVoiceAIClient({ token: fake.tokenFor(locationId), locationId, baseUrl: fake.url, maxRetries: 0 });
  return { fake, receiver, client };
}

const verify = (fake: FakeVoiceAI, received: Received) =>
  verifyWebhook({
    rawBody: received.body,
    headers: received.headers as Record<string, string>,
    publicKey: fake.webhookPublicKey,
  });

describe("fake.simulateCall", () => {
  it("stores a call log the API returns with the event's id and fields, and sends the event signed", async () => {
    const { fake, receiver, client } = await setup();
    const agentId = (await client("L2").agents.list()).agents[1]!.id;
    const { call, log, skipped, delivered } = fake.simulateCall({ locationId: "L2", agentId });
    expect(skipped).toBeUndefined();
    const [delivery] = await delivered;
    expect(delivery).toMatchObject({ state: "delivered", status: 200, callId: call.id, locationId: "L2" });

    const fromApi = await client("L2").callLogs.get({ callId: call.id! });
    expect(fromApi).toEqual(log);
    expect((await client("L2").callLogs.list({ pageSize: 1 })).callLogs[0]!.id).toBe(call.id);
    // Another location does not see it.
    expect((await client("L1").callLogs.list({ pageSize: 50 })).callLogs.map((l) => l.id)).not.toContain(
      call.id,
    );

    // The same call: every field the two share is equal; actions' `_id` is the log's `actionId`.
    expect(call.agentId).toBe(agentId);
    for (const field of [
      "id",
      "agentId",
      "contactId",
      "fromNumber",
      "createdAt",
      "duration",
      "summary",
      "transcript",
      "messageId",
      "trialCall",
    ] as const)
      expect(call[field], field).toEqual(fromApi[field]);
    expect(call.executedCallActions!.map(({ _id, ...rest }) => ({ actionId: _id, ...rest }))).toEqual(
      fromApi.executedCallActions,
    );
    expect(call.locationId).toBe("L2");

    // As received: signed with the fake's key, with type, appId, timestamp and webhookId around the fields.
    expect(receiver.requests).toHaveLength(1);
    const event = await verify(fake, receiver.requests[0]!);
    expect(event.webhookId).toBe(delivery!.webhookId);
    expect(event.appId).toBe("fakeapp");
    const body = JSON.parse(receiver.requests[0]!.body);
    expect(body).toEqual({
      ...call,
      type: "VoiceAiCallEnd",
      appId: "fakeapp",
      timestamp: expect.any(String),
      webhookId: delivery!.webhookId,
    });
    expect(receiver.requests[0]!.headers["content-type"]).toBe("application/json");
  });

  it("runs the agent's own actions, and a default call ended on the fake's clock", async () => {
    const now = Date.UTC(2026, 2, 1, 9);
    const { fake, client } = await setup({ clock: () => now, agents: 1 });
    const agent = (await client("L1").agents.list()).agents[0]!;
    const ids = new Set(agent.actions.map((a) => a.id));
    const calls = Array.from({ length: 8 }, () => fake.simulateCall({ locationId: "L1" }).call);
    for (const call of calls) {
      expect(call.agentId).toBe(agent.id);
      expect(Date.parse(call.createdAt!) + call.duration! * 1000).toBe(now);
      for (const action of call.executedCallActions!) expect(ids.has(action._id!)).toBe(true);
    }
    expect(calls.some((c) => c.executedCallActions!.length > 0)).toBe(true);
    expect(new Set(calls.map((c) => c.id)).size).toBe(8);
  });

  it("applies overrides to the log and the event alike", async () => {
    const { fake, client } = await setup();
    const { call } = fake.simulateCall({
      locationId: "L1",
      id: "call-given-1",
      duration: 42.5,
      trialCall: true,
      createdAt: "2026-01-02T03:04:05.000Z",
      extractedData: { plan: "gold" },
      translation: { transcript: "hola", language: "es" },
      executedCallActions: [
        {
          _id: "act1",
          actionType: "CALL_TRANSFER",
          actionName: "To sales",
          description: "Sales line",
          actionParameters: {
            triggerPrompt: "sales",
            transferToType: "number",
            transferToValue: "+15550001111",
            triggerMessage: "One moment",
          },
        },
      ],
    });
    const log = await client("L1").callLogs.get({ callId: "call-given-1" });
    expect(log).toMatchObject({
      id: "call-given-1",
      duration: 42.5,
      trialCall: true,
      createdAt: "2026-01-02T03:04:05.000Z",
      extractedData: { plan: "gold" },
      translation: { enabled: true, language: "es" },
    });
    expect(log.executedCallActions).toEqual([
      {
        actionId: "act1",
        actionType: "CALL_TRANSFER",
        actionName: "To sales",
        actionParameters: {
          triggerPrompt: "sales",
          transferToType: "number",
          transferToValue: "+15550001111",
          triggerMessage: "One moment",
        },
      },
    ]);
    expect(call.translation).toEqual({ transcript: "hola", language: "es" });
    expect(call.executedCallActions![0]).toMatchObject({ _id: "act1", description: "Sales line" });
    // Filtered by the API like any log: a trial call, of January 2.
    const trials = await client("L1").callLogs.list({ callType: "TRIAL", pageSize: 50 });
    expect(trials.callLogs.map((l) => l.id)).toContain("call-given-1");
  });

  it("refuses bad overrides with a message naming the field, and stores nothing", async () => {
    const { fake, receiver } = await setup();
    const before = (
      await fake
        .fetch(`${fake.url}/voice-ai/dashboard/call-logs?locationId=L1&pageSize=1`, {
          headers: { authorization: `Bearer ${fake.tokenFor("L1")}`, version: "2021-04-15" },
        })
        .then((r) => r.json())
    ).total;
    const cases: [unknown, RegExp][] = [
      [{ locationId: "NOPE" }, /no location "NOPE"/],
      [{}, /no location undefined/],
      [null, /give an object/],
      [[], /give an object/],
      [{ locationId: "L1", agentId: "missing" }, /agentId names no agent/],
      [{ locationId: "L1", colour: "red" }, /colour is not a field/],
      [JSON.parse('{"locationId":"L1","__proto__":{"x":1}}'), /__proto__ is not a field/],
      [{ locationId: "L1", duration: "long" }, /duration: /],
      [{ locationId: "L1", duration: 10n }, /duration: /],
      [{ locationId: "L1", trialCall: "yes" }, /trialCall: /],
      [{ locationId: "L1", extractedData: [] }, /extractedData: /],
      [{ locationId: "L1", createdAt: "yesterday" }, /createdAt/],
      [{ locationId: "L1", id: "../x" }, /id must be/],
      [{ locationId: "L1", id: "" }, /id must be/],
      [
        { locationId: "L1", translation: { transcript: 1, language: "es" } },
        /translation\.transcript: must be a string/,
      ],
      [{ locationId: "L1", executedCallActions: {} }, /^simulateCall: executedCallActions: /],
      [
        { locationId: "L1", executedCallActions: [{ actionType: "TELEPORT", actionName: "x" }] },
        /executedCallActions\[0\]/,
      ],
      [
        { locationId: "L1", executedCallActions: [{ _id: 5, actionType: "SMS", actionName: "x" }] },
        /executedCallActions\[0\]\._id/,
      ],
    ];
    for (const [options, message] of cases) {
      let error: unknown;
      try {
        fake.simulateCall(options as never);
      } catch (caught) {
        error = caught;
      }
      expect(
        error,
        JSON.stringify(options, (_k, v) => (typeof v === "bigint" ? `${v}n` : v)),
      ).toBeInstanceOf(ConfigurationError);
      expect((error as Error).message).toMatch(message);
    }
    const given = fake.simulateCall({ locationId: "L1", id: "twice" });
    expect(() => fake.simulateCall({ locationId: "L1", id: "twice" })).toThrow(/exists already/);
    await given.delivered;
    const after = (
      await fake
        .fetch(`${fake.url}/voice-ai/dashboard/call-logs?locationId=L1&pageSize=1`, {
          headers: { authorization: `Bearer ${fake.tokenFor("L1")}`, version: "2021-04-15" },
        })
        .then((r) => r.json())
    ).total;
    expect(after).toBe(before + 1);
    expect(receiver.requests).toHaveLength(1);
  });

  it("without URLs, stores the call and says why nothing was sent; reset() forgets simulated calls", async () => {
    const fake = await createFakeVoiceAI({ listen: false });
    fakes.push(fake);
    const { call, skipped, delivered } = fake.simulateCall({ locationId: "LOC1" });
    expect(skipped).toBe("no_webhook_urls");
    expect(await delivered).toEqual([]);
    const client = createVoiceAIClient({
      token: fake.tokenFor("LOC1"),
      locationId: "LOC1",
      fetch: fake.fetch,
      maxRetries: 0,
    });
    expect((await client.callLogs.get({ callId: call.id! })).id).toBe(call.id);
    fake.reset();
    await expect(client.callLogs.get({ callId: call.id! })).rejects.toThrow(/not found/i);
    await fake.close();
    expect(() => fake.simulateCall({ locationId: "LOC1" })).toThrow(/closed/);
  });

  it("CALL_FIELDS are the call-log fields the event shares (the spec's schema)", () => {
    const log = Object.keys(validationTable.schemas.CallLog!.properties!);
    expect(
      [...CALL_FIELDS]
        .filter((f) => f !== "translation" && f !== "executedCallActions")
        .every((f) => log.includes(f)),
    ).toBe(true);
  });
});
