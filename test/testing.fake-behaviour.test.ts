/**
 * The fake's rate limits, injected faults, determinism and reset, and the client of this
 * package running against it, over HTTP and through `fake.fetch`.
 */
import { describe, expect, it } from "vitest";
import {
  APIConnectionError,
  APIUserAbortError,
  ConfigurationError,
  InternalServerError,
  NotFoundError,
  RateLimitError,
  createVoiceAIClient,
} from "../src/index.js";
import type { FakeContext, FakeRouteHandler } from "../src/testing/context.js";
import { startFake } from "../src/testing/fake.js";
import { createFakeVoiceAI } from "../src/testing/index.js";
import { withValidation } from "../src/validate/index.js";
import { rejectionOf } from "./rejection.js";
import { NOW, expectConformingResponses, send, useFake } from "./support/fake-helpers.js";

const LIST = "/voice-ai/agents?locationId=LOC1";

describe("rate limits", () => {
  it("reports X-RateLimit-* on every answer and refuses past the burst window, per location", async () => {
    let now = NOW;
    const fake = await useFake({
      locations: ["LOC1", "LOC2"],
      clock: () => now,
      rateLimit: { max: 3, intervalMs: 1000 },
    });
    const statuses = [];
    for (let i = 0; i < 4; i++) {
      const answer = await send(fake, "GET", LIST);
      statuses.push(`${answer.status}/${answer.headers.get("x-ratelimit-remaining")}`);
      expect(answer.headers.get("x-ratelimit-max")).toBe("3");
      expect(answer.headers.get("x-ratelimit-interval-milliseconds")).toBe("1000");
      expect(answer.headers.get("x-ratelimit-limit-daily")).toBe("200000");
    }
    expect(statuses).toEqual(["200/2", "200/1", "200/0", "429/0"]);
    expect((await send(fake, "GET", "/voice-ai/agents?locationId=LOC2", { location: "LOC2" })).status).toBe(
      200,
    );
    expect((await send(fake, "GET", LIST, { token: "nope" })).headers.get("x-ratelimit-remaining")).toBe("3");
    now += 1000;
    const next = await send(fake, "GET", LIST);
    expect([
      next.status,
      next.headers.get("x-ratelimit-remaining"),
      next.headers.get("x-ratelimit-daily-remaining"),
    ]).toEqual([200, "2", "199996"]);
  });

  it("refuses past the daily quota until the day ends, with Retry-After when asked", async () => {
    let now = NOW;
    const fake = await useFake({
      clock: () => now,
      rateLimit: { max: 100, daily: 2, retryAfter: true, intervalMs: 1000 },
    });
    await send(fake, "GET", LIST);
    await send(fake, "GET", LIST);
    const refused = await send(fake, "GET", LIST);
    expect(refused.status).toBe(429);
    expect(refused.body).toEqual({ statusCode: 429, message: "Too Many Requests" });
    expect(refused.headers.get("x-ratelimit-daily-remaining")).toBe("0");
    expect(refused.headers.get("retry-after")).toBe(String(12 * 3600));
    now += 12 * 3600 * 1000;
    expect((await send(fake, "GET", LIST)).status).toBe(200);
  });

  it("absorbs a burst through the client: 150 reads, no error, the wait the window takes", async () => {
    const fake = await useFake({ clock: Date.now, rateLimit: { max: 50, intervalMs: 300 } });
    const voiceAI = createVoiceAIClient({
      token: fake.tokenFor("LOC1"),
      locationId: "LOC1",
      baseUrl: fake.url,
    });
    await voiceAI.agents.list(); // learns the fake's window from the headers
    const started = performance.now();
    const results = await Promise.allSettled(
      Array.from({ length: 150 }, () => voiceAI.agents.list({ pageSize: 1 })),
    );
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    expect(performance.now() - started).toBeGreaterThanOrEqual(2 * 300 - 50);
    expect(fake.requests.filter((r) => r.status === 429).length).toBeLessThanOrEqual(5);
  });
});

describe("failNext", () => {
  it("answers a status once, for the operation named only", async () => {
    const fake = await useFake();
    fake.failNext({ operationId: "getAgent", status: 503 });
    expect((await send(fake, "GET", LIST)).status).toBe(200);
    const agentId = (await send(fake, "GET", LIST)).body.agents[0].id;
    const failed = await send(fake, "GET", `/voice-ai/agents/${agentId}?locationId=LOC1`);
    expect(failed.status).toBe(503);
    expect(failed.body).toEqual({
      statusCode: 503,
      message: "Service Unavailable",
      error: "Service Unavailable",
    });
    expect(failed.headers.get("x-ratelimit-max")).toBe("100");
    expect((await send(fake, "GET", `/voice-ai/agents/${agentId}?locationId=LOC1`)).status).toBe(200);
  });

  it("lets the client retry through 503s and 429s with Retry-After", async () => {
    const fake = await useFake({ clock: Date.now });
    const voiceAI = createVoiceAIClient({
      token: fake.tokenFor("LOC1"),
      locationId: "LOC1",
      baseUrl: fake.url,
      fetch: fake.fetch,
    });
    fake.failNext({ status: 503 });
    fake.failNext({ status: 429, headers: { "Retry-After": "0" } });
    expect((await voiceAI.agents.list()).total).toBe(2);
    expect(fake.requests.map((r) => r.status)).toEqual([503, 429, 200]);
    fake.failNext({ status: 500, times: 3 });
    expect(await rejectionOf(voiceAI.agents.list())).toBeInstanceOf(InternalServerError);
    fake.failNext({ status: 429, times: 3, headers: { "Retry-After": "0" } });
    expect(await rejectionOf(voiceAI.agents.list())).toBeInstanceOf(RateLimitError);
  });

  it("resets the connection: over HTTP and through fake.fetch", async () => {
    const fake = await useFake();
    for (const fetch of [undefined, fake.fetch]) {
      const voiceAI = createVoiceAIClient({
        token: fake.tokenFor("LOC1"),
        locationId: "LOC1",
        baseUrl: fake.url,
        maxRetries: 0,
        ...(fetch && { fetch }),
      });
      fake.failNext({ operationId: "listAgents", reset: true });
      expect(await rejectionOf(voiceAI.agents.list())).toBeInstanceOf(APIConnectionError);
      expect((await voiceAI.agents.list()).total).toBe(2);
    }
    expect(fake.requests.map((r) => r.status)).toEqual([0, 200, 0, 200]);
  });

  it("delays an answer, and an abort ends the wait", async () => {
    const fake = await useFake();
    fake.failNext({ delayMs: 150 });
    const started = performance.now();
    expect((await send(fake, "GET", LIST)).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    fake.failNext({ delayMs: 5000 });
    const voiceAI = createVoiceAIClient({
      token: fake.tokenFor("LOC1"),
      locationId: "LOC1",
      baseUrl: fake.url,
      fetch: fake.fetch,
    });
    const aborted = voiceAI.agents.list({}, { signal: AbortSignal.timeout(50) });
    expect(await rejectionOf(aborted)).toBeInstanceOf(APIUserAbortError);
  });

  it.each([
    [{}],
    [{ status: 99 }],
    [{ operationId: "nope", status: 500 }],
    [{ delayMs: -1 }],
    [{ status: 500, times: 0 }],
  ])("refuses %j", async (fault) => {
    const fake = await useFake({ listen: false });
    expect(() => fake.failNext(fault)).toThrow(ConfigurationError);
  });

  it("a custom body that breaks the spec is caught by the conformance check", async () => {
    const fake = await createFakeVoiceAI({ listen: false, clock: () => NOW });
    fake.failNext({ status: 503, body: { statusCode: 503, oops: true } });
    await send(fake, "GET", LIST);
    expect(() => expectConformingResponses(fake)).toThrow(/oops: unknown field/);
  });
});

describe("determinism and reset", () => {
  async function session(seed: number) {
    const fake = await useFake({ seed, callLogs: 30, listen: false });
    const voiceAI = createVoiceAIClient({
      token: fake.tokenFor("LOC1"),
      locationId: "LOC1",
      baseUrl: fake.url,
      fetch: fake.fetch,
    });
    const agent = await voiceAI.agents.create({ body: { agentName: "A" } });
    const logs = await voiceAI.callLogs.list({ pageSize: 50 });
    return { fake, agent, logs, token: fake.tokenFor("LOC1") };
  }

  it("the same seed and clock give the same ids, data and tokens; another seed others", async () => {
    const [a, b, c] = await Promise.all([session(7), session(7), session(8)]);
    expect(b.agent).toEqual(a.agent);
    expect(b.logs).toEqual(a.logs);
    expect(b.token).toBe(a.token);
    expect(c.agent.id).not.toBe(a.agent.id);
    expect(c.logs).not.toEqual(a.logs);
  });

  it("reset() returns to the seeded state and clears journal and faults", async () => {
    const { fake, agent, logs } = await session(3);
    fake.failNext({ status: 500 });
    fake.reset();
    expect(fake.requests).toEqual([]);
    const voiceAI = createVoiceAIClient({
      token: fake.tokenFor("LOC1"),
      locationId: "LOC1",
      baseUrl: fake.url,
      fetch: fake.fetch,
    });
    expect(await rejectionOf(voiceAI.agents.get({ agentId: agent.id }))).toBeInstanceOf(NotFoundError);
    expect(await voiceAI.callLogs.list({ pageSize: 50 })).toEqual(logs);
    expect((await voiceAI.agents.create({ body: { agentName: "A" } })).id).toBe(agent.id);
  });
});

describe("the client of this package against the fake", () => {
  it("pages through every call log once, and agrees with the fake's validation", async () => {
    const fake = await useFake({ callLogs: 120 });
    const voiceAI = withValidation(
      createVoiceAIClient({ token: fake.tokenFor("LOC1"), locationId: "LOC1", baseUrl: fake.url }),
    );
    const ids = new Set<string>();
    for await (const log of voiceAI.callLogs.listAll({ callType: "LIVE" })) ids.add(log.id);
    const live = await voiceAI.callLogs.list({ callType: "LIVE", pageSize: 1 });
    expect(ids.size).toBe(live.total);
    const body: Record<string, unknown> = { agentName: "x".repeat(41) };
    const plain = createVoiceAIClient({
      token: fake.tokenFor("LOC1"),
      locationId: "LOC1",
      baseUrl: fake.url,
    });
    const fromFake = await rejectionOf(plain.agents.create({ body }));
    const fromClient = await rejectionOf(voiceAI.agents.create({ body }));
    expect((fromFake as { messages: string[] }).messages).toEqual(["body.agentName: at most 40 characters"]);
    expect((fromClient as Error).message).toContain("body.agentName: at most 40 characters");
  });
});

describe("extra routes (how the OAuth endpoints mount)", () => {
  it("a handler answers its own paths first, issues tokens the API accepts, and is reset with the fake", async () => {
    let resets = 0;
    const issue: FakeRouteHandler = Object.assign(
      async (request: Request, ctx: FakeContext) => {
        if (new URL(request.url).pathname !== "/oauth/token") return undefined;
        ctx.tokens.add("issued-token", { locationId: "LOC1", expiresAt: ctx.clock() + 1000 });
        return Response.json({ access_token: "issued-token" });
      },
      { reset: () => void resets++ },
    );
    let now = NOW;
    const { fake } = await startFake({ listen: false, clock: () => now }, { handlers: [issue] });
    try {
      expect((await send(fake, "GET", LIST, { token: "issued-token" })).status).toBe(401);
      expect(await (await fake.fetch(`${fake.url}/oauth/token`, { method: "POST" })).json()).toEqual({
        access_token: "issued-token",
      });
      expect((await send(fake, "GET", LIST, { token: "issued-token" })).status).toBe(200);
      now += 1000;
      expect((await send(fake, "GET", LIST, { token: "issued-token" })).status).toBe(401);
      fake.reset();
      expect(resets).toBe(1);
      expect(fake.requests).toEqual([]);
    } finally {
      await fake.close();
    }
  });
});
