/**
 * Retries, timeouts, aborts, rate limiting and pagination through the client, on a real HTTP
 * server on 127.0.0.1: for every scenario the exact number of attempts the server saw and the
 * outcome the caller got.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  APIConnectionError,
  APITimeoutError,
  APIUserAbortError,
  InternalServerError,
  InvalidResponseError,
  QuotaExhaustedError,
  RateLimitError,
  createVoiceAIClient,
  type RetryEvent,
  type VoiceAIClientOptions,
} from "../src/index.js";
import {
  failOnUnhandledRejections,
  freePort,
  json,
  startServer,
  type Handler,
  type TestServer,
} from "./support/http-server.js";

failOnUnhandledRejections();
afterEach(() => {
  vi.restoreAllMocks();
});

const agent = { id: "a1", agentName: "Support" };

function client(baseUrl: string, options: Partial<VoiceAIClientOptions> = {}) {
  const retries: RetryEvent[] = [];
  const voiceAI = createVoiceAIClient({
    token: "test-token",
    baseUrl,
    rateLimit: false,
    onRetry: (event) => retries.push(event),
    ...options,
    locationId: options.locationId ?? "LOC",
  });
  return { voiceAI, retries };
}

/** Backoff jitter of 0: retries after connection errors and 5xx happen at once. */
function noJitter() {
  vi.spyOn(Math, "random").mockReturnValue(0);
}

describe("429 Too Many Requests", () => {
  it("waits Retry-After given in seconds, then succeeds on the second attempt", async () => {
    const server = await startServer((_req, res, n) =>
      n === 1 ? json(res, 429, { message: "slow down" }, { "retry-after": "1" }) : json(res, 200, agent),
    );
    const { voiceAI, retries } = client(server.baseUrl);
    const started = performance.now();
    await expect(voiceAI.agents.get({ agentId: "a1" })).resolves.toEqual(agent);
    expect(server.requests).toHaveLength(2);
    expect(performance.now() - started).toBeGreaterThanOrEqual(990);
    expect(retries).toEqual([
      expect.objectContaining({ attempt: 1, delayMs: 1000, reason: { kind: "status", status: 429 } }),
    ]);
  });

  it("waits Retry-After given as an HTTP date", async () => {
    const server = await startServer((_req, res, n) =>
      n === 1
        ? json(res, 429, {}, { "retry-after": new Date(Date.now() + 1500).toUTCString() })
        : json(res, 200, agent),
    );
    const { voiceAI, retries } = client(server.baseUrl);
    await expect(voiceAI.agents.get({ agentId: "a1" })).resolves.toEqual(agent);
    expect(server.requests).toHaveLength(2);
    // An HTTP date has whole seconds: the wait is between 0.5 and 1.5 s.
    expect(retries[0]!.delayMs).toBeGreaterThan(400);
    expect(retries[0]!.delayMs).toBeLessThanOrEqual(1500);
    expect(server.requests[1]!.at - server.requests[0]!.at).toBeGreaterThanOrEqual(retries[0]!.delayMs - 10);
  });

  it("without Retry-After, waits out the rate-limit window when X-RateLimit-Remaining is 0", async () => {
    const limits = {
      "x-ratelimit-remaining": "0",
      "x-ratelimit-interval-milliseconds": "300",
      "x-ratelimit-max": "100",
    };
    const server = await startServer((_req, res, n) =>
      n === 1 ? json(res, 429, {}, limits) : json(res, 200, agent),
    );
    const { voiceAI, retries } = client(server.baseUrl);
    await expect(voiceAI.agents.get({ agentId: "a1" })).resolves.toEqual(agent);
    expect(server.requests).toHaveLength(2);
    expect(retries[0]!.delayMs).toBe(300);
    expect(server.requests[1]!.at - server.requests[0]!.at).toBeGreaterThanOrEqual(295);
  });

  it("retries a POST: the server did not act on it", async () => {
    const server = await startServer((_req, res, n) =>
      n === 1 ? json(res, 429, {}, { "retry-after": "0" }) : json(res, 201, agent),
    );
    const { voiceAI } = client(server.baseUrl);
    await expect(voiceAI.agents.create({ body: { agentName: "Support" } })).resolves.toEqual(agent);
    expect(server.requests.map((r) => r.method)).toEqual(["POST", "POST"]);
  });

  it("does not sleep through a wait of more than a minute: the caller gets retryAfterMs at once", async () => {
    const server = await startServer((_req, res) =>
      json(res, 429, { message: "daily limit" }, { "retry-after": "3600" }),
    );
    const { voiceAI, retries } = client(server.baseUrl);
    const started = performance.now();
    const error = await voiceAI.agents.get({ agentId: "a1" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(3_600_000);
    expect(performance.now() - started).toBeLessThan(500);
    expect(server.requests).toHaveLength(1);
    expect(retries).toEqual([]);
  });

  it("gives up after maxRetries with a RateLimitError carrying retryAfterMs", async () => {
    const server = await startServer((_req, res) =>
      json(res, 429, { message: "limit" }, { "retry-after": "0" }),
    );
    const { voiceAI, retries } = client(server.baseUrl, { maxRetries: 2 });
    const error = await voiceAI.agents.get({ agentId: "a1" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(0);
    expect(server.requests).toHaveLength(3);
    expect(retries.map((r) => r.attempt)).toEqual([1, 2]);
  });
});

describe("server errors", () => {
  it("retries a GET after 503 and succeeds on the second attempt", async () => {
    noJitter();
    const server = await startServer((_req, res, n) =>
      n === 1 ? json(res, 503, {}) : json(res, 200, agent),
    );
    const { voiceAI } = client(server.baseUrl);
    await expect(voiceAI.agents.get({ agentId: "a1" })).resolves.toEqual(agent);
    expect(server.requests).toHaveLength(2);
  });

  it("sends a POST that got a 500 only once", async () => {
    noJitter();
    const server = await startServer((_req, res) => json(res, 500, { message: "boom" }));
    const { voiceAI, retries } = client(server.baseUrl);
    await expect(voiceAI.agents.create({ body: { agentName: "x" } })).rejects.toBeInstanceOf(
      InternalServerError,
    );
    expect(server.requests).toHaveLength(1);
    expect(retries).toEqual([]);
  });

  it("retries an HTML 502 from a gateway, then reports it with the text body", async () => {
    noJitter();
    const server = await startServer((_req, res) => {
      res.writeHead(502, { "content-type": "text/html" });
      res.end("<html><body>502 Bad Gateway</body></html>");
    });
    const { voiceAI } = client(server.baseUrl);
    const error = await voiceAI.agents.get({ agentId: "a1" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InternalServerError);
    expect((error as InternalServerError).status).toBe(502);
    expect((error as InternalServerError).body).toContain("502 Bad Gateway");
    expect(server.requests).toHaveLength(3);
  });

  it("does not retry a 2xx with truncated JSON: InvalidResponseError after one attempt", async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end('{"id": "a1", "agentName": "Sup');
    });
    const { voiceAI } = client(server.baseUrl);
    await expect(voiceAI.agents.get({ agentId: "a1" })).rejects.toBeInstanceOf(InvalidResponseError);
    expect(server.requests).toHaveLength(1);
  });

  it("resolves a 204 with no body to undefined", async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(204);
      res.end();
    });
    const { voiceAI } = client(server.baseUrl);
    await expect(voiceAI.agents.delete({ agentId: "a1" })).resolves.toBeUndefined();
    expect(server.requests).toHaveLength(1);
  });
});

describe("connection failures", () => {
  /** A server whose first request gets its connection reset after the request was read. */
  const resetFirst: Handler = (req, res, n) => (n === 1 ? req.socket.destroy() : json(res, 200, agent));

  it("retries a GET whose connection was reset mid-flight", async () => {
    noJitter();
    const server = await startServer(resetFirst);
    const { voiceAI, retries } = client(server.baseUrl);
    await expect(voiceAI.agents.get({ agentId: "a1" })).resolves.toEqual(agent);
    expect(server.requests).toHaveLength(2);
    expect(retries[0]!.reason).toEqual({ kind: "network" });
  });

  it("does not retry a POST whose connection was reset: the server may have acted", async () => {
    noJitter();
    const server = await startServer(resetFirst);
    const { voiceAI, retries } = client(server.baseUrl);
    const error = await voiceAI.agents.create({ body: { agentName: "x" } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIConnectionError);
    expect((error as APIConnectionError).cause).toBeDefined();
    expect(server.requests).toHaveLength(1);
    expect(retries).toEqual([]);
  });

  it("retries a POST whose connection was refused: nothing was sent", async () => {
    // Jitter 0.5: the retry waits 250 ms, time for the server to come up on the refused port.
    vi.spyOn(Math, "random").mockReturnValue(0.5);
    const port = await freePort();
    const reasons: unknown[] = [];
    let server: Promise<TestServer> | undefined;
    const { voiceAI } = client(`http://127.0.0.1:${port}`, {
      onRetry: (event) => {
        reasons.push(event.reason);
        server ??= startServer((_req, res) => json(res, 201, agent), port);
      },
    });
    await expect(voiceAI.agents.create({ body: { agentName: "x" } })).resolves.toEqual(agent);
    expect(reasons).toEqual([{ kind: "connect" }]);
    expect((await server!).requests).toHaveLength(1);
  });
});

describe("timeouts and aborts", () => {
  const slow: Handler = (_req, res) => setTimeout(() => json(res, 200, agent), 400);

  it("times out each attempt of a GET and retries it: APITimeoutError after 3 attempts", async () => {
    noJitter();
    const server = await startServer(slow);
    const { voiceAI, retries } = client(server.baseUrl, { timeoutMs: 100 });
    const started = performance.now();
    await expect(voiceAI.agents.get({ agentId: "a1" })).rejects.toBeInstanceOf(APITimeoutError);
    expect(server.requests).toHaveLength(3);
    expect(retries.map((r) => r.reason)).toEqual([{ kind: "timeout" }, { kind: "timeout" }]);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it("does not retry a timed-out POST", async () => {
    const server = await startServer(slow);
    const { voiceAI } = client(server.baseUrl, { timeoutMs: 100 });
    await expect(voiceAI.agents.create({ body: { agentName: "x" } })).rejects.toBeInstanceOf(APITimeoutError);
    expect(server.requests).toHaveLength(1);
  });

  it("a per-call timeoutMs overrides the client's", async () => {
    const server = await startServer(slow);
    const { voiceAI } = client(server.baseUrl, { timeoutMs: 10_000, maxRetries: 0 });
    await expect(voiceAI.agents.get({ agentId: "a1" }, { timeoutMs: 50 })).rejects.toBeInstanceOf(
      APITimeoutError,
    );
  });

  it("ends the call at once when the caller aborts while waiting for the response", async () => {
    const server = await startServer(slow);
    const { voiceAI } = client(server.baseUrl);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const started = performance.now();
    const error = await voiceAI.agents
      .get({ agentId: "a1" }, { signal: controller.signal })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect(error).not.toBeInstanceOf(APITimeoutError);
    expect(performance.now() - started).toBeLessThan(300);
    expect(server.requests).toHaveLength(1);
  });

  it("ends the call at once when the caller aborts during a backoff wait", async () => {
    const server = await startServer((_req, res) => json(res, 503, {}, { "retry-after": "5" }));
    const { voiceAI, retries } = client(server.baseUrl);
    const controller = new AbortController();
    const call = voiceAI.agents.get({ agentId: "a1" }, { signal: controller.signal });
    while (retries.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const abortedAt = performance.now();
    controller.abort();
    await expect(call).rejects.toBeInstanceOf(APIUserAbortError);
    expect(performance.now() - abortedAt).toBeLessThan(100);
    expect(server.requests).toHaveLength(1);
  });

  it("ends the call without sending when the caller aborts while an async token provider runs", async () => {
    const server = await startServer((_req, res) => json(res, 200, agent));
    const { voiceAI } = client(server.baseUrl, {
      rateLimit: {},
      token: () => new Promise<string>((resolve) => setTimeout(() => resolve("fresh-token"), 200)),
    });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const started = performance.now();
    await expect(voiceAI.agents.get({ agentId: "a1" }, { signal: controller.signal })).rejects.toBeInstanceOf(
      APIUserAbortError,
    );
    expect(performance.now() - started).toBeLessThan(400);
    expect(server.requests).toHaveLength(0);
  });

  it("does not start a retry wait that would end past totalTimeoutMs", async () => {
    const server = await startServer((_req, res) =>
      json(res, 503, { message: "down" }, { "retry-after": "5" }),
    );
    const { voiceAI } = client(server.baseUrl, { totalTimeoutMs: 1000 });
    const started = performance.now();
    await expect(voiceAI.agents.get({ agentId: "a1" })).rejects.toBeInstanceOf(InternalServerError);
    expect(performance.now() - started).toBeLessThan(500);
    expect(server.requests).toHaveLength(1);
  });
});

describe("client-side rate limiting", () => {
  it("never sends more than the window's quota in any window", async () => {
    const server = await startServer((_req, res) => json(res, 200, agent));
    const sentAt: number[] = [];
    const { voiceAI } = client(server.baseUrl, {
      rateLimit: { maxPerInterval: 5, intervalMs: 200 },
      fetch: (request) => {
        sentAt.push(performance.now());
        return fetch(request);
      },
    });
    const started = performance.now();
    await Promise.all(Array.from({ length: 23 }, (_, i) => voiceAI.agents.get({ agentId: `a${i}` })));
    expect(sentAt).toHaveLength(23);
    // Any 6 consecutive sends span at least one window (less a scheduling millisecond).
    for (let i = 5; i < sentAt.length; i++) expect(sentAt[i]! - sentAt[i - 5]!).toBeGreaterThanOrEqual(199);
    // ...and the limiter does not hold requests back much longer than it must: 4 full windows.
    expect(performance.now() - started).toBeLessThan(4 * 200 + 300);
    expect(server.requests).toHaveLength(23);
  });

  it("learns a smaller window from X-RateLimit-* headers", async () => {
    const limits = {
      "x-ratelimit-max": "3",
      "x-ratelimit-interval-milliseconds": "300",
      "x-ratelimit-remaining": "2",
    };
    const server = await startServer((_req, res) => json(res, 200, agent, limits));
    const { voiceAI } = client(server.baseUrl, { rateLimit: {} });
    await voiceAI.agents.get({ agentId: "first" });
    await Promise.all(Array.from({ length: 6 }, (_, i) => voiceAI.agents.get({ agentId: `a${i}` })));
    const at = server.requests.map((r) => r.at);
    for (let i = 3; i < at.length; i++) expect(at[i]! - at[i - 3]!).toBeGreaterThanOrEqual(290);
  });

  it("keeps at most maxConcurrency requests in flight", async () => {
    let inFlight = 0;
    let most = 0;
    const server = await startServer((_req, res) => {
      inFlight++;
      most = Math.max(most, inFlight);
      setTimeout(() => {
        inFlight--;
        json(res, 200, agent);
      }, 20);
    });
    const { voiceAI } = client(server.baseUrl, { maxConcurrency: 3 });
    await Promise.all(Array.from({ length: 12 }, (_, i) => voiceAI.agents.get({ agentId: `a${i}` })));
    expect(server.requests).toHaveLength(12);
    expect(most).toBe(3);
  });

  it("reports a spent daily quota at once with a QuotaExhaustedError, sending nothing", async () => {
    const server = await startServer((_req, res) => json(res, 200, agent));
    const { voiceAI } = client(server.baseUrl, { rateLimit: { maxPerDay: 2 } });
    await voiceAI.agents.get({ agentId: "a1" });
    await voiceAI.agents.get({ agentId: "a2" });
    const started = performance.now();
    const error = await voiceAI.agents.get({ agentId: "a3" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QuotaExhaustedError);
    expect(error).not.toBeInstanceOf(RateLimitError); // not a fabricated 429
    expect((error as QuotaExhaustedError).message).toMatch(/daily/);
    expect((error as QuotaExhaustedError).sent).toBe(false);
    expect((error as QuotaExhaustedError).retryAfterMs).toBeGreaterThan(86_000_000);
    expect(performance.now() - started).toBeLessThan(100);
    expect(server.requests).toHaveLength(2);
  });

  it("refuses the calls already queued when the daily quota runs out under them", async () => {
    const server = await startServer((_req, res) => setTimeout(() => json(res, 200, agent), 20));
    const { voiceAI } = client(server.baseUrl, { rateLimit: { maxPerDay: 2 }, maxConcurrency: 1 });
    const started = performance.now();
    const outcomes = await Promise.allSettled(
      Array.from({ length: 5 }, (_, i) => voiceAI.agents.get({ agentId: `a${i}` })),
    );
    expect(outcomes.map((o) => o.status)).toEqual([
      "fulfilled",
      "fulfilled",
      "rejected",
      "rejected",
      "rejected",
    ]);
    for (const outcome of outcomes.slice(2)) {
      const error = (outcome as PromiseRejectedResult).reason as QuotaExhaustedError;
      expect(error).toBeInstanceOf(QuotaExhaustedError);
      expect(error.message).toMatch(/daily/);
      expect(error.retryAfterMs).toBeGreaterThan(86_000_000);
    }
    expect(performance.now() - started).toBeLessThan(1000);
    expect(server.requests).toHaveLength(2);
  });

  it("limits each location separately", async () => {
    const server = await startServer((_req, res) => json(res, 200, agent));
    const { voiceAI } = client(server.baseUrl, { rateLimit: { maxPerInterval: 2, intervalMs: 10_000 } });
    const started = performance.now();
    await Promise.all(
      ["L1", "L2", "L3"].flatMap((locationId) =>
        [1, 2].map((i) => voiceAI.agents.get({ agentId: `a${i}`, locationId })),
      ),
    );
    expect(performance.now() - started).toBeLessThan(1000);
    expect(server.requests).toHaveLength(6);
  });
});

describe("pagination", () => {
  /** A list server over `items`, answering like HighLevel's page-based lists. */
  function listServer(items: () => { id: string }[]) {
    return startServer((req, res) => {
      const url = new URL(req.url!, "http://x");
      const page = Number(url.searchParams.get("page"));
      const pageSize = Number(url.searchParams.get("pageSize"));
      const all = items();
      json(res, 200, {
        total: all.length,
        page,
        pageSize,
        agents: all.slice((page - 1) * pageSize, page * pageSize),
      });
    });
  }
  const ids = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `a${i}` }));
  async function collect(iterable: AsyncIterable<{ id: string }>) {
    const out: string[] = [];
    for await (const item of iterable) out.push(item.id);
    return out;
  }

  it.each([
    ["no items", 0, 1],
    ["one short page", 7, 1],
    ["exactly two full pages", 100, 2],
    ["many pages", 260, 6],
  ])("%s: every item once, with the minimum of requests", async (_name, count, requests) => {
    const server = await listServer(() => ids(count));
    const { voiceAI } = client(server.baseUrl);
    const seen = await collect(voiceAI.agents.listAll());
    expect(seen).toEqual(ids(count).map((a) => a.id));
    expect(server.requests).toHaveLength(requests);
    expect(server.requests[0]!.url).toContain("page=1&pageSize=50");
  });

  it("sends no further request after a break", async () => {
    const server = await listServer(() => ids(500));
    const { voiceAI } = client(server.baseUrl);
    for await (const item of voiceAI.agents.listAll({ pageSize: 10 })) {
      expect(item.id).toBe("a0");
      break;
    }
    expect(server.requests).toHaveLength(1);
  });

  it("yields an item once when an insertion shifts it onto the next page", async () => {
    let list = ids(6);
    const server = await listServer(() => list);
    const { voiceAI } = client(server.baseUrl);
    const seen: string[] = [];
    for await (const item of voiceAI.agents.listAll({ pageSize: 3 })) {
      seen.push(item.id);
      // After the first page was read, a new agent appears at the head of the list.
      if (seen.length === 3) list = [{ id: "new" }, ...list];
    }
    expect(seen).toEqual(["a0", "a1", "a2", "a3", "a4", "a5"]);
  });

  it("pages with total, through listPages", async () => {
    const server = await listServer(() => ids(120));
    const { voiceAI } = client(server.baseUrl);
    const pages: [number, number][] = [];
    for await (const page of voiceAI.agents.listPages({ pageSize: 50 }))
      pages.push([page.items.length, page.total]);
    expect(pages).toEqual([
      [50, 120],
      [50, 120],
      [20, 120],
    ]);
  });
});
