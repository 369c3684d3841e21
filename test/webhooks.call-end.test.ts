/**
 * VoiceAiCallEnd through `highlevel-voice-ai/webhooks`: read as the spec's typed body (narrowed by
 * `type`, its actions by `actionType`), checked against the spec's schema, and applied by the
 * handler's `onCallEnd` at most once per call ID — across redeliveries, concurrent deliveries,
 * several handlers sharing a guard, and a failed first run (retried, then applied once).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, expectTypeOf, it } from "vitest";
import { parse as parseYaml } from "yaml";
import {
  WebhookPayloadError,
  createReplayGuard,
  createWebhookHandler,
  verifyWebhook,
  type CallEndEvent,
  type CallEndSmsAction,
  type ReplayGuard,
  type WebhookEvent,
  type WebhookHandlerOptions,
} from "../src/webhooks/index.js";
import { createWebhookSigner, type SignedWebhook } from "../src/testing/oauth/webhooks.js";
import { rejectionOf } from "./rejection.js";

const spec = parseYaml(readFileSync(path.join(import.meta.dirname, "../openapi/voice-ai.yaml"), "utf8"));
/** The spec's own example of the body: what the types and checks are held to. */
const EXAMPLE: Record<string, unknown> = spec.components.schemas.VoiceAiCallEnd.example;
const signer = createWebhookSigner(Date.now);
const publicKey = await signer.publicKey();
const post = (signed: SignedWebhook) =>
  new Request("http://127.0.0.1/hooks", { method: "POST", body: signed.body, headers: signed.headers });
const call = (id: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  ...structuredClone(EXAMPLE),
  id,
  ...extra,
});
const verify = async (body: Record<string, unknown> | string) => {
  const signed = await signer.sign(body);
  return verifyWebhook({
    rawBody: signed.body,
    headers: signed.headers,
    publicKey,
    replayGuard: createReplayGuard(),
  });
};

describe("the typed event", () => {
  it("reads the spec's example as a VoiceAiCallEnd, with or without `type`, keeping unknown fields", async () => {
    for (const body of [
      call("c1"),
      call("c1", { type: "VoiceAiCallEnd" }),
      call("c1", { recordingUrl: "u" }),
    ]) {
      const event = await verify(body);
      expect(event).toMatchObject({ type: "VoiceAiCallEnd", id: "c1", locationId: "LOC123456789ABCDEF" });
      if (event.type !== "VoiceAiCallEnd") throw new Error("not narrowed");
      expectTypeOf(event).toEqualTypeOf<CallEndEvent>();
      expect(event.duration).toBe(180);
      expect(event.executedCallActions).toHaveLength(2);
    }
    expect(await verify(call("c1", { recordingUrl: "u" }))).toHaveProperty("recordingUrl", "u");
  });

  it("narrows an executed action on actionType to its parameters", async () => {
    const event = await verify(call("c2"));
    const texts: string[] = [];
    if (event.type === "VoiceAiCallEnd")
      for (const action of event.executedCallActions ?? []) {
        if (action.actionType === "SMS") {
          expectTypeOf(action).toEqualTypeOf<CallEndSmsAction>();
          texts.push(action.actionParameters?.messageBody ?? "");
        } else if (action.actionType === "CALL_TRANSFER")
          texts.push(action.actionParameters?.transferToValue ?? "");
        // @ts-expect-error an SMS has no transfer number
        else if (action.actionType === "SMS") void action.actionParameters?.transferToValue;
      }
    expect(texts).toEqual(["Your appointment is confirmed for tomorrow at 2 PM", "+12345678901"]);
  });

  it("gives onCallEnd a CallEndEvent, and WebhookEvent narrows on type", () => {
    type OnCallEnd = NonNullable<WebhookHandlerOptions["onCallEnd"]>;
    expectTypeOf<Parameters<OnCallEnd>[0]>().toEqualTypeOf<CallEndEvent>();
    expectTypeOf<Extract<WebhookEvent, { type: "VoiceAiCallEnd" }>>().toEqualTypeOf<CallEndEvent>();
    expectTypeOf<CallEndEvent["id"]>().toEqualTypeOf<string>();
    expectTypeOf<CallEndEvent["duration"]>().toEqualTypeOf<number | undefined>();
  });
});

/** A handler whose onCallEnd stores each call it runs for; `fail` makes the next run throw. */
function receiver(options: Partial<WebhookHandlerOptions> = {}) {
  const runs: CallEndEvent[] = [];
  const state = { fail: 0 };
  const handle = createWebhookHandler({
    publicKey,
    replayGuard: createReplayGuard(),
    ...options,
    async onCallEnd(event) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (state.fail > 0) {
        state.fail--;
        throw new Error("the database is down");
      }
      runs.push(event);
    },
  });
  return { handle, runs, state };
}

describe("onCallEnd, at most once per call ID", () => {
  it("redeliveries (new webhookIds, or none) are acknowledged without running it again", async () => {
    const { handle, runs } = receiver();
    const first = await handle(post(await signer.sign(call("c10"))));
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ ok: true });
    for (const body of [call("c10"), JSON.stringify(call("c10"))]) {
      const again = await handle(post(await signer.sign(body)));
      expect(again.status).toBe(200);
      expect(await again.json()).toEqual({ ok: true, duplicate: true });
    }
    expect(runs.map((e) => e.id)).toEqual(["c10"]);
  });

  it("a run that throws is answered 500 and forgotten: the retry runs it, once", async () => {
    const { handle, runs, state } = receiver();
    const signed = await signer.sign(call("c11"));
    state.fail = 1;
    const failed = await handle(post(signed));
    expect(failed.status).toBe(500);
    expect(await failed.text()).not.toContain("database");
    expect((await handle(post(signed))).status).toBe(200); // the same delivery, retried
    expect((await handle(post(await signer.sign(call("c11"))))).status).toBe(200);
    expect(runs.map((e) => e.id)).toEqual(["c11"]);
  });

  it("concurrent deliveries, and handlers sharing one guard, run it once", async () => {
    const shared = createReplayGuard();
    const workers = [receiver({ replayGuard: shared }), receiver({ replayGuard: shared })];
    const deliveries = await Promise.all(
      Array.from({ length: 8 }, async (_, i) => workers[i % 2]!.handle(post(await signer.sign(call("c12"))))),
    );
    expect(deliveries.map((r) => r.status)).toEqual(Array(8).fill(200));
    expect(workers.flatMap((w) => w.runs).map((e) => e.id)).toEqual(["c12"]);
  });

  it("a guard that cannot answer the call ID check: 503, the webhookId forgotten, the retry runs it", async () => {
    const ids = new Set<string>();
    let down = true;
    const guard: ReplayGuard = {
      async firstSeen(id) {
        if (down && id.startsWith("VoiceAiCallEnd:")) throw new Error("redis down");
        return !ids.has(id) && Boolean(ids.add(id));
      },
      async forget(id) {
        ids.delete(id);
      },
    };
    const { handle, runs } = receiver({ replayGuard: guard });
    const signed = await signer.sign(call("c13"));
    expect((await handle(post(signed))).status).toBe(503);
    expect(ids.size).toBe(0);
    down = false;
    expect((await handle(post(signed))).status).toBe(200);
    expect(runs).toHaveLength(1);
    expect([...ids].sort()).toEqual([JSON.parse(signed.body).webhookId, "VoiceAiCallEnd:c13"].sort());
  });
});

describe("bodies that do not match the schema", () => {
  const cases: [string, string, Record<string, unknown>][] = [
    ["no id", "id", call("x", { id: undefined })],
    ["no locationId", "locationId", call("x", { locationId: undefined })],
    ["an id that is a number", "id", call("x", { id: 5 })],
    ["an empty id", "id", call("", {})],
    ["a duration that is text", "duration", call("x", { duration: "180" })],
    ["a duration past the float range", "duration", call("x", { duration: 1e400 })],
    ["trialCall as a string", "trialCall", call("x", { trialCall: "false" })],
    ["actions that are no list", "executedCallActions", call("x", { executedCallActions: {} })],
    ["translation as text", "translation", call("x", { translation: "es" })],
    ["a null summary", "summary", call("x", { summary: null })],
    ["an appId that is a number", "appId", call("x", { appId: 7 })],
  ];
  const action = (patch: Record<string, unknown>, params?: Record<string, unknown>) => {
    const body = call("x");
    const [sms] = body.executedCallActions as Record<string, unknown>[];
    Object.assign(sms!, patch);
    if (params) Object.assign(sms!.actionParameters as object, params);
    return body;
  };
  cases.push(
    ["an unknown actionType", "executedCallActions[0].actionType", action({ actionType: "EMAIL" })],
    ["an action without actionName", "executedCallActions[0].actionName", action({ actionName: undefined })],
    [
      "SMS parameters of the wrong type",
      "executedCallActions[0].actionParameters.messageBody",
      action({}, { messageBody: 5 }),
    ],
    ["an _id that is a number", "executedCallActions[0]._id", action({ _id: 1 })],
  );

  it.each(cases)(
    "%s: WebhookPayloadError naming %s, answered 400, onCallEnd not run",
    async (_what, field, body) => {
      const error = await rejectionOf(verify(JSON.stringify(body)));
      expect(error).toBeInstanceOf(WebhookPayloadError);
      expect(error).toMatchObject({ reason: "malformed", field, eventType: "VoiceAiCallEnd" });
      const { handle, runs } = receiver();
      const response = await handle(post(await signer.sign(JSON.stringify(body))));
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({ error: "malformed", field });
      expect(runs).toEqual([]);
    },
  );

  it("names every violation, and quotes no value (a custom action's credential stays out)", async () => {
    const body = call("x", { duration: "long", trialCall: 1 });
    (body.executedCallActions as Record<string, unknown>[]).push({
      actionType: "CUSTOM_ACTION",
      actionName: "Check order",
      actionParameters: {
        triggerPrompt: 1,
        apiDetails: { url: "u", method: "GET", authenticationValue: "sk-secret-7f3a" },
      },
    });
    const error = (await rejectionOf(verify(body))) as WebhookPayloadError;
    expect(error.violations.map((v) => v.path)).toEqual(
      expect.arrayContaining([
        "duration",
        "trialCall",
        "executedCallActions[2].actionParameters.triggerPrompt",
      ]),
    );
    const shown = `${error.message} ${JSON.stringify(error)} ${error.stack} ${JSON.stringify(error.violations)}`;
    expect(shown).not.toContain("sk-secret-7f3a");
    expect(shown).not.toContain("long");
  });

  it("does not judge what the types do not say: lengths, patterns and formats are kept as sent", async () => {
    const body = call("x");
    const transfer = (body.executedCallActions as Record<string, unknown>[])[1]!;
    Object.assign(transfer.actionParameters as object, { transferToValue: "ext. 12" });
    transfer.executedAt = "yesterday";
    const event = await verify(body);
    expect(event).toMatchObject({ type: "VoiceAiCallEnd", id: "x" });
  });
});
