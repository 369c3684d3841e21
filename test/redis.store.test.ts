/**
 * highlevel-voice-ai/redis in one process, against a real redis-server: the shared window with
 * both client libraries, learned limits and pauses shared between stores, key expiry and memory,
 * the token store and its lock, bad input, and what happens when Redis is not there.
 */
import { inspect } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigurationError, createVoiceAIClient, InvalidRequestError, VoiceAIError } from "../src/index.js";
import { DailyQuotaSpent } from "../src/rate-limit/contract.js";
import {
  createRedisStore,
  StoreLockLostError,
  StoreLockTimeoutError,
  StoreUnavailableError,
  type RedisClientLike,
  type RedisStore,
} from "../src/redis/index.js";
import { connect, deadClient, LIBS, type TestClient } from "./support/redis-clients.js";
import { startRedisServer, type RedisServer } from "./support/redis-server.js";
import { startWindowServer, type WindowServer } from "./support/window-server.js";
import { rejectionOf } from "./rejection.js";

let redis: RedisServer;
let api: WindowServer;
const clients: TestClient[] = [];
let n = 0;
const fresh = () => `t${n++}:`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  redis = await startRedisServer();
  api = await startWindowServer(1000, 1000);
}, 120_000);
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await api?.close();
  await redis?.stop();
});

async function client(lib: (typeof LIBS)[number]): Promise<RedisClientLike> {
  return (await connection(lib)).client;
}

async function connection(lib: (typeof LIBS)[number]): Promise<TestClient> {
  const c = await connect(lib, redis.port);
  clients.push(c);
  return c;
}

/** Most timestamps found in any span of `ms`. */
function busiest(times: number[], ms: number): number {
  const t = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < t.length; i++) {
    while (t[i]! - t[j]! >= ms) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

describe.each(LIBS)("with %s", (lib) => {
  it("keeps any span of the interval within the limit, counting each request from its response", async () => {
    const store = createRedisStore(await client(lib), { prefix: fresh() });
    const limiter = store.createLimiter({ maxPerInterval: 5, intervalMs: 300 });
    const responses: number[] = [];
    const started = performance.now();
    await Promise.all(
      Array.from({ length: 15 }, async () => {
        const release = await limiter.acquire("LOC");
        await sleep(20); // the request's round trip
        responses.push(performance.now());
        release();
      }),
    );
    // 15 at 5 per window: the third batch goes two intervals (plus two round trips) after the first.
    expect(performance.now() - started).toBeGreaterThanOrEqual(600);
    // Sends: each response minus its round trip; none of the spans may hold more than 5 of them.
    expect(busiest(responses, 300 - 1)).toBeLessThanOrEqual(5);
    expect(store.roundTrips / 15).toBeLessThanOrEqual(2.5);
  });

  it("stores, reads and deletes token records; a lock excludes, expires, and fences writes", async () => {
    const store = createRedisStore(await client(lib), { prefix: fresh() });
    expect(await store.get("inst")).toBeUndefined();
    await store.set("inst", '{"a":1}');
    expect(await store.get("inst")).toBe('{"a":1}');
    const first = await store.lock("inst", { ttlMs: 150, waitMs: 0 });
    const busy = await rejectionOf(store.lock("inst", { ttlMs: 150, waitMs: 30 }));
    expect(busy).toBeInstanceOf(StoreLockTimeoutError);
    await store.set("inst", "by-first", { fence: first.fence });
    // The first holder stalls past its ttl; the next one takes the lock and writes.
    await sleep(200);
    const second = await store.lock("inst", { ttlMs: 1000, waitMs: 0 });
    expect(second.fence).toBeGreaterThan(first.fence);
    await store.set("inst", "by-second", { fence: second.fence });
    const late = await rejectionOf(store.set("inst", "by-first-late", { fence: first.fence }));
    expect(late).toBeInstanceOf(StoreLockLostError);
    expect(await store.get("inst")).toBe("by-second");
    await first.release(); // a no-op: the lock is the second's now
    const third = await rejectionOf(store.lock("inst", { ttlMs: 100, waitMs: 20 }));
    expect(third).toBeInstanceOf(StoreLockTimeoutError);
    await second.release();
    const fourth = await store.lock("inst", { ttlMs: 100, waitMs: 0 });
    await fourth.release();
    await store.delete("inst");
    expect(await store.get("inst")).toBeUndefined();
  });
});

describe("shared between stores (as between processes)", () => {
  it("a 429 seen through one store pauses the location for the other", async () => {
    const prefix = fresh();
    const a = createRedisStore(await client("ioredis"), { prefix }).createLimiter({
      maxPerInterval: 50,
      intervalMs: 1000,
    });
    const b = createRedisStore(await client("redis"), { prefix }).createLimiter({
      maxPerInterval: 50,
      intervalMs: 1000,
    });
    (await a.acquire("LOC"))();
    a.penalize("LOC", 400);
    await sleep(30);
    const started = performance.now();
    (await b.acquire("LOC"))();
    expect(performance.now() - started).toBeGreaterThanOrEqual(300);
  });

  it("limits learned from headers are shared at the location, and by the process everywhere; configured limits stay ceilings", async () => {
    const prefix = fresh();
    const a = createRedisStore(await client("ioredis"), { prefix }).createLimiter({});
    const b = createRedisStore(await client("ioredis"), { prefix }).createLimiter({});
    const capped = createRedisStore(await client("redis"), { prefix }).createLimiter({
      maxPerInterval: 2,
      intervalMs: 250,
    });
    a.observe("L1", { max: 3, intervalMs: 250 });
    (await a.acquire("L1"))();
    await sleep(20);
    // Another process at that location, and the same process at another one.
    for (const [limiter, location] of [
      [b, "L1"],
      [a, "L2"],
    ] as const) {
      const times: number[] = [];
      await Promise.all(
        Array.from(
          { length: 6 },
          async () => ((await limiter.acquire(location))(), times.push(performance.now())),
        ),
      );
      expect(busiest(times, 249)).toBeLessThanOrEqual(3);
      expect(Math.max(...times) - Math.min(...times)).toBeGreaterThanOrEqual(200);
    }
    // Headers announcing more do not lift a configured ceiling.
    capped.observe("L3", { max: 100, intervalMs: 100 });
    const capTimes: number[] = [];
    await Promise.all(
      Array.from(
        { length: 4 },
        async () => ((await capped.acquire("L3"))(), capTimes.push(performance.now())),
      ),
    );
    expect(busiest(capTimes, 249)).toBeLessThanOrEqual(2);
  });

  it("a location without state (new, or forgotten by a restarted Redis) takes the limits this process learned elsewhere where tighter than the configured ones", async () => {
    const limiter = createRedisStore(await client("redis"), { prefix: fresh() }).createLimiter({
      maxPerInterval: 5,
      intervalMs: 100,
    });
    limiter.observe("L1", { max: 2, intervalMs: 300 });
    (await limiter.acquire("L1"))();
    const times: number[] = [];
    await Promise.all(
      [1, 2, 3, 4].map(async () => ((await limiter.acquire("L2"))(), times.push(performance.now()))),
    );
    expect(busiest(times, 299)).toBeLessThanOrEqual(2);
    expect(Math.max(...times) - Math.min(...times)).toBeGreaterThanOrEqual(290);
  });

  it("limits unknown (none configured or learned): a location's first request goes alone", async () => {
    const limiter = createRedisStore(await client("redis"), { prefix: fresh() }).createLimiter({});
    const order: string[] = [];
    const first = limiter.acquire("NEW").then((release) => (order.push("first"), release));
    const others = Array.from({ length: 3 }, () =>
      limiter.acquire("NEW").then((r) => (order.push("other"), r)),
    );
    const release = await first;
    await sleep(150);
    expect(order).toEqual(["first"]);
    // Its response (here without headers) ends the wait: the defaults apply from then on.
    release();
    for (const r of await Promise.all(others)) r();
    expect(order).toEqual(["first", "other", "other", "other"]);
  });

  it("a spent daily quota refuses with DailyQuotaSpent; an abort ends a wait", async () => {
    const store = createRedisStore(await client("ioredis"), { prefix: fresh() });
    const limiter = store.createLimiter({ maxPerInterval: 1, intervalMs: 10_000, maxDailyWaitMs: 1000 });
    const release = await limiter.acquire("D");
    const controller = new AbortController();
    const waiting = rejectionOf(limiter.acquire("D", controller.signal));
    await sleep(50);
    controller.abort(new Error("caller gave up"));
    expect(String(await waiting)).toContain("caller gave up");
    release();
    limiter.observe("D", { dailyRemaining: 0 });
    await sleep(50);
    expect(await rejectionOf(limiter.acquire("D"))).toBeInstanceOf(DailyQuotaSpent);
  });

  it("a location's keys expire once it is idle; its memory is small", async () => {
    const prefix = fresh();
    const { client: c, ioredis: probe } = await connection("ioredis");
    const limiter = createRedisStore(c, { prefix }).createLimiter({ maxPerInterval: 5, intervalMs: 200 });
    await Promise.all(Array.from({ length: 10 }, async () => (await limiter.acquire("IDLE"))()));
    await sleep(30);
    const keys = await probe!.keys(`${prefix}rl:{=IDLE}:*`);
    expect(keys.length).toBeGreaterThanOrEqual(2);
    let bytes = 0;
    for (const key of keys) {
      expect(await probe!.pttl(key)).toBeGreaterThan(0);
      bytes += Number(await probe!.call("MEMORY", "USAGE", key));
    }
    console.log(`Redis memory of one active location (${keys.length} keys): ${bytes} B`);
    expect(bytes).toBeLessThan(4096);
    await sleep(1600);
    expect(await probe!.keys(`${prefix}rl:{=IDLE}:*`)).toEqual([]);
  });
});

describe("when Redis is not there", () => {
  it("falls back to the in-process limiter with one warning; no call hangs", async () => {
    const dead = deadClient();
    clients.push(dead);
    const warnings: unknown[] = [];
    const store = createRedisStore(dead.client, {
      timeoutMs: 200,
      logger: { warn: (m) => warnings.push(m) },
    });
    const voiceAI = createVoiceAIClient({ baseUrl: api.url, token: "t", rateLimit: { store } });
    const started = performance.now();
    const agents = await Promise.all(
      [1, 2, 3].map((i) => voiceAI.agents.get({ agentId: `fb${i}`, locationId: "FB" })),
    );
    expect(agents.map((a) => a.id)).toEqual(["fb1", "fb2", "fb3"]);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(warnings).toHaveLength(1);
    expect(String(warnings[0])).toMatch(/Redis did not answer .* within 200 ms/);
  });

  it('onStoreError: "fail" fails calls with StoreUnavailableError, sending nothing', async () => {
    const dead = deadClient();
    clients.push(dead);
    const store = createRedisStore(dead.client, { timeoutMs: 150, onStoreError: "fail" });
    const voiceAI = createVoiceAIClient({ baseUrl: api.url, token: "t", rateLimit: { store } });
    const before = api.arrivals.length;
    const error = await rejectionOf(voiceAI.agents.get({ agentId: "never", locationId: "X" }));
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect(error).toBeInstanceOf(VoiceAIError);
    expect(api.arrivals.length).toBe(before);
  });

  it("token operations fail with StoreUnavailableError in bounded time, never showing the record", async () => {
    const dead = deadClient();
    clients.push(dead);
    const store = createRedisStore(dead.client, { timeoutMs: 150 });
    const secret = "refresh-SECRET-0123456789";
    const started = performance.now();
    const error = await rejectionOf(store.set("inst", JSON.stringify({ refresh: secret })));
    expect(performance.now() - started).toBeLessThan(1000);
    expect(error).toBeInstanceOf(StoreUnavailableError);
    for (const text of [String(error), JSON.stringify(error), inspect(error, { depth: 5 }), inspect(store)]) {
      expect(text).not.toContain(secret);
    }
  });
});

describe("bad input", () => {
  it("createRedisStore refuses what it cannot use, naming it", async () => {
    const ok = await client("ioredis");
    const bad: [unknown, unknown, RegExp][] = [
      [{}, {}, /an ioredis instance or cluster, or a node-redis/],
      [null, {}, /an ioredis instance or cluster, or a node-redis/],
      [ok, { prefix: "" }, /prefix/],
      [ok, { prefix: "a\r\nb" }, /prefix/],
      [ok, { prefix: 5 }, /prefix/],
      [ok, { prefix: "{x}" }, /prefix/],
      [ok, { timeoutMs: 0 }, /timeoutMs/],
      [ok, { timeoutMs: 1.5 }, /timeoutMs/],
      [ok, { timeoutMs: "100" }, /timeoutMs/],
      [ok, { onStoreError: "ignore" }, /onStoreError/],
      [ok, { logger: {} }, /logger/],
      [ok, { prefx: "a" }, /unknown option "prefx"/],
      [ok, "a", /options must be an object/],
    ];
    for (const [c, options, message] of bad) {
      const create = () => createRedisStore(c as RedisClientLike, options as object);
      expect(create).toThrow(ConfigurationError);
      expect(create).toThrow(message);
    }
    expect(() => createVoiceAIClient({ token: "t", rateLimit: { store: {} as never } })).toThrow(
      /rateLimit.store/,
    );
  });

  it("the token store refuses bad keys, values, ttl and fences before anything is sent", async () => {
    const store = createRedisStore(await client("redis"), { prefix: fresh() });
    const sent = store.roundTrips;
    for (const key of ["", "a\r\nb", "x".repeat(513), 5, undefined, "\0"]) {
      expect(await rejectionOf(store.get(key as string))).toBeInstanceOf(InvalidRequestError);
    }
    expect(await rejectionOf(store.set("k", 5 as unknown as string))).toBeInstanceOf(InvalidRequestError);
    for (const ttlMs of [0, -1, 1.5, NaN, Infinity, "100", 2 ** 53]) {
      const error = await rejectionOf(store.lock("k", { ttlMs: ttlMs as number, waitMs: 0 }));
      expect(error).toBeInstanceOf(InvalidRequestError);
    }
    for (const fence of [0, -1, 1.5, 12345]) {
      expect(await rejectionOf(store.set("k", "v", { fence }))).toBeInstanceOf(StoreLockLostError);
    }
    expect(store.roundTrips).toBe(sent);
  });
});
