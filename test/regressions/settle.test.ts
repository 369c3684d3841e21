/**
 * Issue 10 §2.1 — every call settles: `timeoutMs`, `totalTimeoutMs` and the caller's signal end a
 * call whatever it waits on (a token provider that never answers, the limiter's queue, a retry
 * wait, a body that stops halfway), within bounded time, with nothing left armed, and the
 * location's next call goes through afterwards.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  APIConnectionError,
  APITimeoutError,
  APIUserAbortError,
  InternalServerError,
  type TokenContext,
} from "../../src/index.js";
import { rejectionOf } from "../rejection.js";
import { AGENT, LOC, trackTimers, clientFor, json, startServer, tick, SETTLES_WITHIN_MS } from "./helpers.js";

afterEach(() => {
  vi.restoreAllMocks();
});

const never = () => new Promise<string>(() => {});

/** How long `work` took to reject. Lower bounds below allow for timers firing a few ms early (libuv's cached loop time). */
async function timed<T>(work: Promise<T>) {
  const started = performance.now();
  const error = await rejectionOf(work);
  return { error, ms: performance.now() - started };
}

describe("a token provider that never settles", () => {
  it("is ended by timeoutMs: APITimeoutError naming one attempt, nothing sent", async () => {
    const server = await startServer((_q, res) => json(res, 200, AGENT));
    const contexts: TokenContext[] = [];
    const voiceAI = clientFor(server.baseUrl, {
      token: (ctx) => (contexts.push(ctx), never()),
      timeoutMs: 100,
      maxRetries: 0,
    });
    const { error, ms } = await timed(voiceAI.agents.get({ agentId: "a1" }));
    expect(error).toBeInstanceOf(APITimeoutError);
    expect((error as Error).message).toMatch(/1 attempt\b/);
    expect(ms).toBeGreaterThanOrEqual(80);
    expect(ms).toBeLessThan(SETTLES_WITHIN_MS);
    expect(server.requests).toHaveLength(0);
    // The provider was told the call is over, so it can stop its own work.
    expect(contexts).toHaveLength(1);
    expect(contexts[0]!.signal?.aborted).toBe(true);
  });

  it("is ended by totalTimeoutMs, and the message says which bound ran out", async () => {
    const server = await startServer((_q, res) => json(res, 200, AGENT));
    const voiceAI = clientFor(server.baseUrl, { token: never, totalTimeoutMs: 150 });
    const { error, ms } = await timed(voiceAI.agents.get({ agentId: "a1" }));
    expect(error).toBeInstanceOf(APITimeoutError);
    expect((error as Error).message).toMatch(/totalTimeoutMs/);
    expect(ms).toBeGreaterThanOrEqual(120);
    expect(ms).toBeLessThan(SETTLES_WITHIN_MS);
    expect(server.requests).toHaveLength(0);
  });

  it("is ended by the caller's signal: APIUserAbortError with the reason, not a connection error", async () => {
    const server = await startServer((_q, res) => json(res, 200, AGENT));
    const voiceAI = clientFor(server.baseUrl, { token: { getToken: never } });
    const reason = new Error("user left");
    const controller = new AbortController();
    setTimeout(() => controller.abort(reason), 80);
    const { error, ms } = await timed(voiceAI.agents.get({ agentId: "a1" }, { signal: controller.signal }));
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect(error).not.toBeInstanceOf(APIConnectionError);
    expect((error as Error).cause).toBe(reason);
    expect(ms).toBeLessThan(SETTLES_WITHIN_MS);
    expect(server.requests).toHaveLength(0);
  });

  it("does not hold the location's only slot: the next call goes through (maxConcurrency 1)", async () => {
    const server = await startServer((_q, res) => json(res, 200, AGENT));
    let calls = 0;
    const voiceAI = clientFor(server.baseUrl, {
      token: () => (++calls === 1 ? never() : "fresh-token"),
      timeoutMs: 100,
      maxRetries: 0,
      maxConcurrency: 1,
    });
    expect(await rejectionOf(voiceAI.agents.get({ agentId: "a1" }))).toBeInstanceOf(APITimeoutError);
    await expect(voiceAI.agents.get({ agentId: "a1" }, { timeoutMs: 2000 })).resolves.toEqual(AGENT);
    expect(server.requests).toHaveLength(1);
  });

  it("50 calls ended by one abort all settle, and none leaves its attempt timer armed", async () => {
    const server = await startServer((_q, res) => json(res, 200, AGENT));
    const timers = trackTimers();
    const voiceAI = clientFor(server.baseUrl, { token: never, timeoutMs: 45_678 });
    const controller = new AbortController();
    const calls = Array.from({ length: 50 }, (_, i) =>
      voiceAI.agents.get({ agentId: `a${i}` }, { signal: controller.signal }),
    );
    await tick(20);
    expect(timers.pending(45_678)).toBe(50);
    controller.abort();
    const results = await Promise.allSettled(calls);
    expect(results.every((r) => r.status === "rejected" && r.reason instanceof APIUserAbortError)).toBe(true);
    expect(timers.pending(45_678)).toBe(0);
    expect(server.requests).toHaveLength(0);
  });
});

describe("the limiter's queue", () => {
  it("a queued call times out without sending; after the holder ends, the next call goes", async () => {
    const server = await startServer((_q, res, n) => {
      if (n > 1) json(res, 200, AGENT); // the first request is held until the server closes
    });
    const voiceAI = clientFor(server.baseUrl, { maxConcurrency: 1, maxRetries: 0 });
    const holder = new AbortController();
    const held = rejectionOf(voiceAI.agents.get({ agentId: "held" }, { signal: holder.signal }));
    while (server.requests.length === 0) await tick(5);
    const { error, ms } = await timed(voiceAI.agents.get({ agentId: "queued" }, { timeoutMs: 120 }));
    expect(error).toBeInstanceOf(APITimeoutError);
    expect(ms).toBeLessThan(SETTLES_WITHIN_MS);
    expect(server.requests.map((r) => r.url)).toEqual([`/voice-ai/agents/held?locationId=${LOC}`]);
    holder.abort();
    expect(await held).toBeInstanceOf(APIUserAbortError);
    await expect(voiceAI.agents.get({ agentId: "next" })).resolves.toEqual(AGENT);
    expect(server.requests).toHaveLength(2);
  });
});

describe("a retry wait", () => {
  it("is cut short by the caller's abort", async () => {
    const server = await startServer((_q, res) => json(res, 503, {}, { "retry-after": "5" }));
    const voiceAI = clientFor(server.baseUrl);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 150);
    const { error, ms } = await timed(voiceAI.agents.get({ agentId: "a1" }, { signal: controller.signal }));
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect(ms).toBeLessThan(SETTLES_WITHIN_MS);
    expect(server.requests).toHaveLength(1);
  });

  it("is not started when it would end past totalTimeoutMs: the 503 is reported at once", async () => {
    const server = await startServer((_q, res) =>
      json(res, 503, { message: "busy" }, { "retry-after": "5" }),
    );
    const voiceAI = clientFor(server.baseUrl, { totalTimeoutMs: 1000 });
    const { error, ms } = await timed(voiceAI.agents.get({ agentId: "a1" }));
    expect(error).toBeInstanceOf(InternalServerError);
    expect(ms).toBeLessThan(SETTLES_WITHIN_MS);
    expect(server.requests).toHaveLength(1);
  });
});

describe("a body that stops halfway", () => {
  const halfBody = (_q: unknown, res: import("node:http").ServerResponse) => {
    res.writeHead(200, { "content-type": "application/json", "content-length": "1000" });
    res.write('{"id":"agent-1","agentName":"');
  };

  it("is ended by timeoutMs, and each GET attempt is counted in the message", async () => {
    vi.spyOn(Math, "random").mockReturnValue(0);
    const server = await startServer(halfBody);
    const voiceAI = clientFor(server.baseUrl, { timeoutMs: 150, maxRetries: 1 });
    const { error, ms } = await timed(voiceAI.agents.get({ agentId: "a1" }));
    expect(error).toBeInstanceOf(APITimeoutError);
    expect((error as Error).message).toMatch(/2 attempts/);
    expect((error as Error).message).toMatch(/\d+\.\d s/);
    expect(ms).toBeGreaterThanOrEqual(250);
    expect(ms).toBeLessThan(SETTLES_WITHIN_MS);
    expect(server.requests).toHaveLength(2);
  });

  it("a POST that times out is not sent again", async () => {
    const server = await startServer(halfBody);
    const voiceAI = clientFor(server.baseUrl, { timeoutMs: 150, maxRetries: 3 });
    const { error } = await timed(voiceAI.agents.create({ body: { agentName: "x" } }));
    expect(error).toBeInstanceOf(APITimeoutError);
    expect(server.requests).toHaveLength(1);
  });

  it("is ended by the caller's abort", async () => {
    const server = await startServer(halfBody);
    const voiceAI = clientFor(server.baseUrl);
    const { error, ms } = await timed(
      voiceAI.agents.get({ agentId: "a1" }, { signal: AbortSignal.timeout(100) }),
    );
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect(ms).toBeLessThan(SETTLES_WITHIN_MS);
  });
});

describe("a server that resets every connection", () => {
  it("GET: retried maxRetries times, then an APIConnectionError saying how many attempts", async () => {
    vi.spyOn(Math, "random").mockReturnValue(0);
    const server = await startServer((req) => req.socket.destroy());
    const voiceAI = clientFor(server.baseUrl, { maxRetries: 2 });
    const { error, ms } = await timed(voiceAI.agents.get({ agentId: "a1" }));
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(error).not.toBeInstanceOf(APITimeoutError);
    expect((error as Error).message).toMatch(/3 attempts/);
    expect(server.requests).toHaveLength(3);
    expect(ms).toBeLessThan(SETTLES_WITHIN_MS);
  });
});
