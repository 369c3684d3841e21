/**
 * The second audit of issue 10, on bounds and shared state: a timeout no timer can wait for is
 * refused instead of firing at once; a window the server says lasts for ages is not believed (and
 * no timer spins); `rateLimit: false` is off whatever the headers say; a hook cannot change what
 * the limiter learned; a logger whose promises reject leaves nothing unhandled.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { ConfigurationError, InvalidRequestError } from "../../src/index.js";
import { rejectionOf } from "../rejection.js";
import { AGENT, LOC, clientFor, json, startServer, tick } from "./helpers.js";

afterEach(() => {
  vi.restoreAllMocks();
});

describe("timeouts a timer cannot wait for", () => {
  it.each(["timeoutMs", "totalTimeoutMs"] as const)(
    "%s of 2^31 ms or more is refused, per client and per call",
    async (name) => {
      const server = await startServer((_q, res) => json(res, 200, AGENT));
      expect(() => clientFor(server.baseUrl, { [name]: 2 ** 31 })).toThrow(ConfigurationError);
      expect(() => clientFor(server.baseUrl, { [name]: 2 ** 31 })).toThrow(/<= 2147483647/);
      const voiceAI = clientFor(server.baseUrl, { [name]: 2 ** 31 - 1 });
      expect(await voiceAI.agents.get({ agentId: "a" })).toEqual(AGENT);
      const error = await rejectionOf(voiceAI.agents.get({ agentId: "a" }, { [name]: 1e12 }));
      expect(error).toBeInstanceOf(InvalidRequestError);
      expect(server.requests).toHaveLength(1);
    },
  );
});

describe("a window the server says lasts for ages", () => {
  it("is not believed: other calls go on, and no timer re-arms every millisecond", async () => {
    const server = await startServer((req, res) => {
      const poison = req.url!.includes("/poison");
      json(
        res,
        200,
        AGENT,
        poison ? { "x-ratelimit-interval-milliseconds": "1e15", "x-ratelimit-max": "1" } : {},
      );
    });
    // The default limiter, on: it learns from the headers.
    const voiceAI = clientFor(server.baseUrl, {
      rateLimit: { maxPerInterval: 100 },
      timeoutMs: 1000,
      maxRetries: 0,
    });
    await voiceAI.agents.get({ agentId: "poison" });
    expect(await voiceAI.agents.get({ agentId: "a", locationId: "L2" })).toEqual(AGENT);
    const armed = vi.spyOn(globalThis, "setTimeout");
    // max 1 was learned (a ceiling may be lowered), so the location's next call waits for its
    // slot: one interval of the documented 10 s, not 31,000 years; its timeout ends the wait.
    const error = await rejectionOf(voiceAI.agents.get({ agentId: "a" }));
    expect(error).toMatchObject({ name: "APITimeoutError" });
    expect(armed.mock.calls.length).toBeLessThan(20);
  });
});

describe("rateLimit: false with maxConcurrency", () => {
  it("limits the concurrency only: a spent daily quota in the headers refuses nothing", async () => {
    const server = await startServer((_q, res) =>
      json(res, 200, AGENT, { "x-ratelimit-daily-remaining": "0", "x-ratelimit-remaining": "0" }),
    );
    const voiceAI = clientFor(server.baseUrl, { rateLimit: false, maxConcurrency: 2 });
    for (let i = 0; i < 3; i++) expect(await voiceAI.agents.get({ agentId: "a" })).toEqual(AGENT);
    expect(server.requests).toHaveLength(3);
  });
});

describe("a hook and what the limiter learned", () => {
  it("onResponse cannot change the rate-limit headers the limiter and rateLimit() read", async () => {
    const server = await startServer((_q, res) =>
      json(res, 200, AGENT, { "x-ratelimit-remaining": "99", "x-ratelimit-max": "100" }),
    );
    const voiceAI = clientFor(server.baseUrl, {
      rateLimit: { maxPerInterval: 100 },
      timeoutMs: 1000,
      maxRetries: 0,
      onResponse: (event) => {
        if (event.rateLimit) (event.rateLimit as { remaining?: number }).remaining = 0;
      },
    });
    await voiceAI.agents.get({ agentId: "a" });
    expect(await voiceAI.agents.get({ agentId: "a" })).toEqual(AGENT);
    expect(voiceAI.rateLimit(LOC)).toMatchObject({ remaining: 99 });
  });
});

describe("a logger whose methods return rejecting promises", () => {
  it("changes nothing and leaves no unhandled rejection", async () => {
    const server = await startServer((_q, res, n) => (n === 1 ? json(res, 503, {}) : json(res, 200, AGENT)));
    const down = async () => {
      throw new Error("log transport down");
    };
    const voiceAI = clientFor(server.baseUrl, {
      logLevel: "debug",
      logger: { debug: down, info: down, warn: down, error: down },
    });
    expect(await voiceAI.agents.get({ agentId: "a" })).toEqual(AGENT);
    await tick(20); // an unhandled rejection would fail this file (helpers.ts)
    expect(server.requests).toHaveLength(2);
  });
});
