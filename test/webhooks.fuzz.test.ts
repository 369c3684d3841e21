/**
 * Hostile and broken VoiceAiCallEnd bodies, signed (so they reach the parser): every one ends as a
 * typed event whose fields hold the types the spec promises, or as a WebhookPayloadError naming
 * the field (400 from the handler) — never another error, a crash, a hang or a polluted prototype.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import {
  WebhookPayloadError,
  WebhookVerificationError,
  createReplayGuard,
  createWebhookHandler,
  verifyWebhook,
  type WebhookEvent,
} from "../src/webhooks/index.js";
import { createWebhookSigner } from "../src/testing/oauth/webhooks.js";

type Json = Record<string, unknown>;
const spec = parseYaml(readFileSync(path.join(import.meta.dirname, "../openapi/voice-ai.yaml"), "utf8"));
const SCHEMA: { properties: Record<string, { type?: string; $ref?: string }> } =
  spec.components.schemas.VoiceAiCallEnd;
const EXAMPLE: Json = spec.components.schemas.VoiceAiCallEnd.example;
const signer = createWebhookSigner(Date.now);
const publicKey = await signer.publicKey();

/** Verified as the raw text given (no timestamp or webhookId added): an event, or what was thrown. */
async function outcome(body: string): Promise<WebhookEvent | unknown> {
  const signed = await signer.sign(body);
  return verifyWebhook({ rawBody: signed.body, headers: signed.headers, publicKey }).catch(
    (error: unknown) => error,
  );
}
const typeOf = (value: unknown) => (Array.isArray(value) ? "array" : value === null ? "null" : typeof value);
/** The documented type of each top-level field ($refs are objects). */
const FIELD_TYPES = Object.fromEntries(
  Object.entries(SCHEMA.properties).map(([name, s]) => [name, s.type ?? "object"]),
);

/** The event keeps the spec's promise: each documented field absent or of its type. */
function expectTyped(event: WebhookEvent) {
  expect(event.type).toBe("VoiceAiCallEnd");
  if (event.type !== "VoiceAiCallEnd") return;
  for (const [name, type] of Object.entries(FIELD_TYPES)) {
    const value = (event as unknown as Json)[name];
    if (value !== undefined) expect(typeOf(value), name).toBe(type);
  }
  expect(event.id).toMatch(/^[\x21-\x7e]{1,256}$/);
  for (const action of event.executedCallActions ?? []) {
    expect(typeof action.actionName).toBe("string");
    if (action.actionParameters !== undefined) expect(typeOf(action.actionParameters)).toBe("object");
  }
}

describe("what is not a call-end object", () => {
  it.each(["", " ", "null", "true", "0", '"text"', "[]", "[{}]", "{", "{}}", "\u0000", "1e400"])(
    "%j is malformed, never another error",
    async (body) => {
      const error = await outcome(body);
      expect(error).toBeInstanceOf(WebhookVerificationError);
      expect(error).toMatchObject({ reason: "malformed" });
    },
  );

  it("an empty object or one of wrong-typed `type` names the field", async () => {
    expect(await outcome("{}")).toMatchObject({ field: "id" });
    expect(await outcome('{"type": 7}')).toMatchObject({ field: "type" });
    expect(await outcome('{"type": null}')).toMatchObject({ field: "type" });
  });
});

describe("each documented field of the wrong type", () => {
  const wrong: Record<string, unknown[]> = {
    string: [5, true, null, {}, ["a"]],
    number: ["180", null, true, {}, []],
    boolean: ["true", 0, null],
    object: ["x", 3, [], null],
    array: [{}, "x", null, 1],
  };
  const cases = Object.entries(FIELD_TYPES).flatMap(([name, type]) =>
    (wrong[type] ?? []).map((value) => [name, JSON.stringify(value)] as const),
  );
  it("covers every field of the spec's schema", () => {
    expect(Object.keys(FIELD_TYPES).sort()).toEqual(
      expect.arrayContaining(["id", "locationId", "duration", "executedCallActions", "translation"]),
    );
    expect(cases.length).toBeGreaterThan(50);
  });
  it.each(cases)("%s = %s is refused naming it", async (name, value) => {
    const body = JSON.stringify({ ...EXAMPLE, [name]: JSON.parse(value) });
    const error = await outcome(body);
    expect(error).toBeInstanceOf(WebhookPayloadError);
    expect((error as WebhookPayloadError).field).toBe(name);
  });
});

describe("hostile values", () => {
  it("__proto__ and constructor keys are kept as data, and pollute nothing", async () => {
    const body =
      `{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}, ` +
      `${JSON.stringify(EXAMPLE).slice(1, -1)}, "extractedData": {"__proto__": {"polluted": true}}}`;
    const event = await outcome(body);
    expectTyped(event as WebhookEvent);
    expect(Object.getPrototypeOf(event)).toBe(Object.prototype);
    expect(({} as Json)["polluted"]).toBeUndefined();
    expect((event as Json)["polluted"]).toBeUndefined();
    for (const tag of ["__proto__", "constructor", "toString", "hasOwnProperty"]) {
      const actions = [{ actionType: tag, actionName: "x" }];
      const error = await outcome(JSON.stringify({ ...EXAMPLE, executedCallActions: actions }));
      expect(error, tag).toMatchObject({ field: "executedCallActions[0].actionType" });
    }
  });

  it("ids with CR/LF, spaces, or past 256 characters are refused; huge and deep free-form data is fine", async () => {
    for (const id of ["a\r\nb", "a b", "x".repeat(257), "é"]) {
      expect(await outcome(JSON.stringify({ ...EXAMPLE, id })), JSON.stringify(id)).toMatchObject({
        field: "id",
      });
    }
    const deep = "[".repeat(100_000) + "]".repeat(100_000);
    const nested = `{${JSON.stringify(EXAMPLE).slice(1, -1)}, "extractedData": {"x": ${deep}}}`;
    expectTyped((await outcome(nested)) as WebhookEvent);
    const long = JSON.stringify({ ...EXAMPLE, transcript: "t".repeat(1_000_000) });
    expectTyped((await outcome(long)) as WebhookEvent);
    const many = { ...EXAMPLE, executedCallActions: Array.from({ length: 20_000 }, () => ({})) };
    const started = performance.now();
    const error = (await outcome(JSON.stringify(many))) as WebhookPayloadError;
    expect(error.field).toBe("executedCallActions[0].actionType");
    expect(error.violations).toHaveLength(20_000);
    expect(error.message.length).toBeLessThan(300);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it("a body past 1 MiB is refused before parsing: malformed by hand, 413 from the handler", async () => {
    const huge = JSON.stringify({ ...EXAMPLE, transcript: "t".repeat(1_100_000) });
    expect(await outcome(huge)).toMatchObject({ reason: "malformed" });
    const handle = createWebhookHandler({ publicKey, replayGuard: createReplayGuard() });
    const signed = await signer.sign(huge);
    const response = await handle(new Request("http://127.0.0.1/", { method: "POST", ...signed }));
    expect(response.status).toBe(413);
  });
});

describe("random bodies (seeded)", () => {
  /** mulberry32: the same bodies on every run. */
  function random(seed: number) {
    return () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  const next = random(21);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const anyValue = (depth = 0): unknown =>
    pick([
      () => pick(["", "x", "a\nb", "__proto__", "VoiceAiCallEnd", "SMS", "\u202e", "0"]),
      () => pick([0, -1, 1.5, 1e308, -0, 2 ** 53 + 1]),
      () => pick([true, false, null]),
      () => (depth > 2 ? [] : Array.from({ length: Math.floor(next() * 3) }, () => anyValue(depth + 1))),
      () =>
        depth > 2
          ? {}
          : Object.fromEntries(
              Array.from({ length: Math.floor(next() * 3) }, () => [
                pick(["actionType", "actionName", "actionParameters", "__proto__", "x", "messageBody"]),
                anyValue(depth + 1),
              ]),
            ),
    ])();

  it("500 mutations of the example: a typed event or a WebhookPayloadError naming a mutated field", async () => {
    const handle = createWebhookHandler({ publicKey, replayGuard: createReplayGuard(), onCallEnd: () => {} });
    const statuses = new Map<number, number>();
    for (let i = 0; i < 500; i++) {
      const body: Json = structuredClone(EXAMPLE);
      const mutated: string[] = [];
      for (let k = 0; k < 1 + Math.floor(next() * 3); k++) {
        const name = pick([...Object.keys(FIELD_TYPES), "unknownField", "appId", "timestamp"]);
        body[name] = anyValue();
        mutated.push(name);
      }
      body.id = `call-${i}`; // distinct calls: none is acknowledged as a duplicate
      if (mutated.includes("id")) body.id = anyValue();
      const result = await outcome(JSON.stringify(body));
      if (result instanceof WebhookPayloadError) {
        expect(mutated, result.message).toContain(result.field.split(/[.[]/)[0]);
      } else if (result instanceof WebhookVerificationError) {
        expect(result.reason).toMatch(/^(malformed|stale)$/); // a random `timestamp`
      } else if ((result as WebhookEvent).type === "OTHER") {
        expect(mutated).toContain("type"); // another event's name: passed through as OTHER
      } else expectTyped(result as WebhookEvent);
      const signed = await signer.sign(JSON.stringify(body));
      const response = await handle(new Request("http://127.0.0.1/", { method: "POST", ...signed }));
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
    }
    expect(
      [...statuses.keys()].every((s) => [200, 400, 401].includes(s)),
      JSON.stringify([...statuses]),
    ).toBe(true);
    // The mutations must reach both outcomes, or the test proves nothing.
    expect(statuses.get(200)).toBeGreaterThan(20);
    expect(statuses.get(400)).toBeGreaterThan(20);
  });
});
