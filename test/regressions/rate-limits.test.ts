/**
 * Issue 10 §2.2, §2.5, §2.10, §2.11 — the per-location limiter: configured limits are ceilings
 * the server's headers may only lower; a spent daily quota waits for X-RateLimit-Daily-Reset (or
 * a short re-probe), is refused as its own error with nothing sent, never a fabricated 429; waits
 * are whole milliseconds; the latest-headers cache is bounded; and after any failure the
 * location's next call goes through with maxConcurrency 1.
 */
import http from "node:http";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  APIError,
  QuotaExhaustedError,
  RateLimitError,
  VoiceAIError,
  type RetryEvent,
  type VoiceAIClientOptions,
} from "../../src/index.js";
import { rejectionOf } from "../rejection.js";
import { AGENT, LOC, clientFor, json, startServer, tick } from "./helpers.js";

afterEach(() => {
  vi.restoreAllMocks();
});

const limited = (options: Partial<VoiceAIClientOptions>) => options;

/** Largest number of arrivals within any span of `ms`. */
function busiest(times: number[], ms: number) {
  let most = 0;
  for (let i = 0; i < times.length; i++)
    most = Math.max(most, times.filter((t) => t >= times[i]! && t < times[i]! + ms).length);
  return most;
}

describe("configured limits are ceilings", () => {
  it("a server saying X-RateLimit-Max 100 does not raise a configured 2 per 400 ms", async () => {
    const server = await startServer((_q, res) =>
      json(res, 200, AGENT, { "x-ratelimit-max": "100", "x-ratelimit-remaining": "99" }),
    );
    const voiceAI = clientFor(server.baseUrl, limited({ rateLimit: { maxPerInterval: 2, intervalMs: 400 } }));
    await voiceAI.agents.get({ agentId: "warm" });
    await tick(450);
    const started = performance.now();
    await Promise.all(Array.from({ length: 6 }, (_, i) => voiceAI.agents.get({ agentId: `a${i}` })));
    expect(performance.now() - started).toBeGreaterThanOrEqual(700);
    expect(
      busiest(
        server.requests.slice(1).map((r) => r.at),
        380,
      ),
    ).toBeLessThanOrEqual(2);
  });

  it("a server saying X-RateLimit-Max 1 lowers a configured 5", async () => {
    const server = await startServer((_q, res) =>
      json(res, 200, AGENT, { "x-ratelimit-max": "1", "x-ratelimit-remaining": "0" }),
    );
    const voiceAI = clientFor(server.baseUrl, limited({ rateLimit: { maxPerInterval: 5, intervalMs: 300 } }));
    await voiceAI.agents.get({ agentId: "learn" });
    await Promise.all(Array.from({ length: 3 }, (_, i) => voiceAI.agents.get({ agentId: `a${i}` })));
    expect(
      busiest(
        server.requests.map((r) => r.at),
        280,
      ),
    ).toBe(1);
  });
});

describe("a spent daily quota", () => {
  const spent = (extra: Record<string, string>) =>
    startServer((_q, res, n) =>
      json(res, 200, AGENT, n === 1 ? { "x-ratelimit-daily-remaining": "0", ...extra } : {}),
    );

  it("waits for X-RateLimit-Daily-Reset: refused at once with nothing sent, then the location is back", async () => {
    const server = await spent({ "x-ratelimit-daily-reset": "299.4" });
    const voiceAI = clientFor(server.baseUrl, limited({ rateLimit: {} }));
    await voiceAI.agents.get({ agentId: "a1" });
    const started = performance.now();
    const error = await rejectionOf(voiceAI.agents.get({ agentId: "a2" }));
    expect(performance.now() - started).toBeLessThan(100);
    expect(error).toBeInstanceOf(QuotaExhaustedError);
    expect(error).not.toBeInstanceOf(APIError); // not a fabricated 429
    const quota = error as QuotaExhaustedError;
    expect([quota.sent, quota.scope]).toEqual([false, "daily"]);
    expect(Number.isInteger(quota.retryAfterMs)).toBe(true);
    expect(quota.retryAfterMs).toBeGreaterThan(0);
    expect(quota.retryAfterMs).toBeLessThanOrEqual(300);
    expect(server.requests).toHaveLength(1);
    await tick(quota.retryAfterMs + 30);
    await expect(voiceAI.agents.get({ agentId: "a3" })).resolves.toEqual(AGENT);
  });

  it("without a reset header is re-probed within a minute, not locked for a guessed day", async () => {
    const server = await spent({});
    const voiceAI = clientFor(server.baseUrl, limited({ rateLimit: {} }));
    await voiceAI.agents.get({ agentId: "a1" });
    const error = await rejectionOf(voiceAI.agents.get({ agentId: "a2" }));
    expect(error).toBeInstanceOf(QuotaExhaustedError);
    const { retryAfterMs } = error as QuotaExhaustedError;
    expect(Number.isInteger(retryAfterMs)).toBe(true);
    expect(retryAfterMs).toBeGreaterThan(0);
    expect(retryAfterMs).toBeLessThanOrEqual(60_000);
    expect(server.requests).toHaveLength(1);
  });

  it.each(["1e15", "1764234000"])(
    "a Daily-Reset of %s (not a wait within a day) locks no one out past a day",
    async (reset) => {
      const server = await spent({ "x-ratelimit-daily-reset": reset });
      const voiceAI = clientFor(server.baseUrl, limited({ rateLimit: {} }));
      await voiceAI.agents.get({ agentId: "a1" });
      const error = await rejectionOf(voiceAI.agents.get({ agentId: "a2" }));
      expect(error).toBeInstanceOf(QuotaExhaustedError);
      expect((error as QuotaExhaustedError).retryAfterMs).toBeLessThanOrEqual(86_400_000);
    },
  );

  it("a 429 saying the day is spent is not sent again, and says scope daily and when", async () => {
    vi.spyOn(Math, "random").mockReturnValue(0);
    const server = await startServer((_q, res) =>
      json(
        res,
        429,
        { message: "daily" },
        { "x-ratelimit-daily-remaining": "0", "x-ratelimit-daily-reset": "5000" },
      ),
    );
    const voiceAI = clientFor(server.baseUrl, limited({ rateLimit: {}, maxRetries: 3 }));
    const error = await rejectionOf(voiceAI.agents.get({ agentId: "a1" }));
    expect(error).toBeInstanceOf(VoiceAIError);
    expect((error as RateLimitError).scope).toBe("daily");
    expect((error as RateLimitError).retryAfterMs).toBeGreaterThan(4000);
    expect((error as RateLimitError).retryAfterMs).toBeLessThanOrEqual(5000);
    expect(server.requests).toHaveLength(1);
  });
});

describe("waits are whole milliseconds", () => {
  it.each(["0.0015", "0.2505"])("Retry-After %s gives an integer delayMs", async (after) => {
    vi.spyOn(Math, "random").mockReturnValue(0.123456);
    const server = await startServer((_q, res, n) =>
      n === 1 ? json(res, 503, {}, { "retry-after": after }) : json(res, 200, AGENT),
    );
    const retries: RetryEvent[] = [];
    await clientFor(server.baseUrl, { onRetry: (e) => retries.push(e) }).agents.get({ agentId: "a" });
    expect(retries).toHaveLength(1);
    expect(Number.isInteger(retries[0]!.delayMs)).toBe(true);
  });
});

describe("the latest rate-limit headers per location", () => {
  it("are kept for a bounded number of locations", async () => {
    const server = await startServer((_q, res) => json(res, 200, AGENT, { "x-ratelimit-remaining": "7" }));
    const voiceAI = clientFor(server.baseUrl);
    const locations = Array.from({ length: 1100 }, (_, i) => `LOC_${i}`);
    for (let i = 0; i < locations.length; i += 100) {
      await Promise.all(
        locations.slice(i, i + 100).map((locationId) => voiceAI.agents.get({ agentId: "a", locationId })),
      );
    }
    expect(voiceAI.rateLimit("LOC_1099")).toEqual({ remaining: 7 });
    expect(voiceAI.rateLimit("LOC_0")).toBeUndefined();
    const kept = locations.filter((l) => voiceAI.rateLimit(l) !== undefined).length;
    expect(kept).toBeLessThanOrEqual(1000);
  }, 20_000);
});

describe("after any failure the location's next call goes through (maxConcurrency 1)", () => {
  type Fail = (req: http.IncomingMessage, res: http.ServerResponse) => void;
  const failures: [string, Fail, Partial<VoiceAIClientOptions>][] = [
    ["a reset", (req) => req.socket.destroy(), {}],
    ["a 500", (_q, res) => json(res, 500, {}), {}],
    ["a 404", (_q, res) => json(res, 404, {}), {}],
    ["a 429 asking for 50 ms", (_q, res) => json(res, 429, {}, { "retry-after": "0.05" }), {}],
    [
      "an HTML 200",
      (_q, res) => (res.writeHead(200, { "content-type": "text/html" }), res.end("<html>")),
      {},
    ],
    ["a bad gzip body", (_q, res) => (res.writeHead(200, { "content-encoding": "gzip" }), res.end("{}")), {}],
    ["a hang (timeout)", () => {}, { timeoutMs: 100 }],
    [
      "a throwing onResponse",
      (_q, res) => json(res, 500, {}),
      {
        onResponse: () => {
          throw new Error("x");
        },
      },
    ],
  ];

  it.each(failures)("%s", async (_name, fail, options) => {
    const server = await startServer((req, res, n) => (n === 1 ? fail(req, res) : json(res, 200, AGENT)));
    const voiceAI = clientFor(server.baseUrl, { maxConcurrency: 1, maxRetries: 0, ...options });
    await voiceAI.agents.get({ agentId: "first" }).catch(() => {});
    await expect(voiceAI.agents.get({ agentId: "next" }, { timeoutMs: 2000 })).resolves.toEqual(AGENT);
    expect(server.requests.at(-1)!.url).toBe(`/voice-ai/agents/next?locationId=${LOC}`);
  });

  it("an aborted call", async () => {
    const server = await startServer((_q, res, n) => (n === 1 ? undefined : json(res, 200, AGENT)));
    const voiceAI = clientFor(server.baseUrl, { maxConcurrency: 1 });
    await voiceAI.agents.get({ agentId: "first" }, { signal: AbortSignal.timeout(80) }).catch(() => {});
    await expect(voiceAI.agents.get({ agentId: "next" }, { timeoutMs: 2000 })).resolves.toEqual(AGENT);
  });
});
