/**
 * Redis going away and coming back, in one process with several stores (as several processes
 * would have), against a real redis-server that the test kills and restarts and a local server
 * that enforces a sliding window: each process's share while Redis is away; no request on its
 * own before the slots Redis handed out can no longer count; after a restart, no process takes
 * the whole window while the others still send on their own, and headers seen before the loss
 * are not told as news; the client's connection events notice the loss and the return at once,
 * and a blip with Redis intact costs no wait.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createVoiceAIClient } from "../src/index.js";
import { createRedisStore, type IORedisLike, type RedisStore } from "../src/redis/index.js";
import { connect, type Lib, type TestClient } from "./support/redis-clients.js";
import { startRedisServer, type RedisServer } from "./support/redis-server.js";
import { startWindowServer, type WindowServer } from "./support/window-server.js";

let redis: RedisServer;
let clients: TestClient[] = [];
let stores: RedisStore[] = [];
let n = 0;
let down = false;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const kill = async () => {
  down = true;
  await redis.kill();
};
const restart = async () => {
  await redis.restart();
  down = false;
};

beforeAll(async () => {
  redis = await startRedisServer();
}, 120_000);
afterEach(async () => {
  await Promise.all(stores.map((s) => s.close()));
  await Promise.all(clients.map((c) => c.close()));
  [stores, clients] = [[], []];
  if (down) await restart(); // running again for the next test
});
afterAll(async () => {
  await redis?.stop();
});

/** Warnings with the moment they were logged. */
function recorder() {
  const warnings: { at: number; text: string }[] = [];
  return {
    warnings,
    logger: { warn: (...args: unknown[]) => warnings.push({ at: performance.now(), text: args.join(" ") }) },
    when: (pattern: RegExp) => warnings.find((w) => pattern.test(w.text))?.at,
  };
}

/** A store over a fresh client: "plain" is an ioredis client seen through an object without events. */
async function store(lib: Lib | "plain", prefix: string, options: { timeoutMs?: number } = {}) {
  const c = await connect(lib === "plain" ? "ioredis" : lib, redis.port);
  clients.push(c);
  const plain: IORedisLike | undefined = c.ioredis && {
    evalsha: (sha, numKeys, ...args) => c.ioredis!.evalsha(sha, numKeys, ...args),
    eval: (script, numKeys, ...args) => c.ioredis!.eval(script, numKeys, ...args),
  };
  const log = recorder();
  const s = createRedisStore(lib === "plain" ? plain! : c.client, { prefix, logger: log.logger, ...options });
  stores.push(s);
  return { store: s, client: c, ...log };
}

describe("while Redis is away", () => {
  it("each process's share of the limit: the remainder goes to the first by tag, the shares add up to the limit", async () => {
    const prefix = `o${n++}:`;
    const libs = ["ioredis", "redis", "ioredis"] as const;
    // Windows and timeouts longer than a loaded 2-core machine's stalls (a few hundred ms): a stall
    // past the timeout is taken for a lost Redis, one past two intervals drops a process from the count.
    const all = await Promise.all(libs.map((lib) => store(lib, prefix, { timeoutMs: 500 })));
    const limiters = all.map((s) => s.store.createLimiter({ maxPerInterval: 10, intervalMs: 1000 }));
    // Each has asked since the others first did: they see the same processes sharing.
    for (let round = 0; round < 2; round++) for (const limiter of limiters) (await limiter.acquire("LOC"))();
    await kill();
    // Each notices, and its first slot of its own comes once the slots handed out before are gone.
    await Promise.all(limiters.map(async (limiter) => (await limiter.acquire("LOC"))()));
    const shares = limiters.map((limiter) => {
      let got = 1;
      while (limiter.tryAcquire("LOC")) got++;
      return got;
    });
    expect(shares.sort((a, b) => a - b)).toEqual([3, 3, 4]);
  });
});

describe("no window at the server exceeds the limit", () => {
  let api: WindowServer;
  beforeAll(async () => {
    // Longer than a loaded machine's stalls (see the shares above).
    api = await startWindowServer(4, 1500);
  });
  afterAll(() => api?.close());

  /** Two processes' calls at one location, Redis killed `killAt` ms in and started again `downMs` later. */
  async function run(libs: (Lib | "plain")[], calls: number, killAt: number, downMs: number) {
    api.reset();
    const prefix = `w${n++}:`;
    const all = await Promise.all(libs.map((lib) => store(lib, prefix, { timeoutMs: 500 })));
    const outage = (async () => {
      await sleep(killAt);
      await kill();
      await sleep(downMs);
      await restart();
    })();
    const results = await Promise.allSettled(
      all.flatMap(({ store: s }, p) => {
        const voiceAI = createVoiceAIClient({
          baseUrl: api.url,
          token: "t",
          maxRetries: 0,
          rateLimit: { store: s, maxPerInterval: 4, intervalMs: 1500 },
        });
        return Array.from({ length: calls }, (_, i) =>
          voiceAI.agents.get({ agentId: `${prefix}${p}-${i}`, locationId: "LOC" }),
        );
      }),
    );
    await outage;
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    expect(api.arrivals.filter((a) => a.status === 429)).toEqual([]);
    expect(api.busiestWindow("LOC")).toBeLessThanOrEqual(4);
    return all;
  }

  for (const libs of [
    ["ioredis", "redis"],
    ["plain", "plain"],
  ] as const) {
    it(`the fallback waits until the slots handed out before can no longer count (${libs.join(", ")})`, async () => {
      // Killed while the window is full, and away for longer than a command may take.
      const all = await run([...libs], 10, 1000, 1500);
      for (const { warnings } of all)
        expect(warnings.map((w) => w.text).join("\n")).toMatch(/kept per process/);
    }, 30_000);
  }

  it("after a restart, no process takes the whole window while the others still send on their own", async () => {
    const all = await run(["ioredis", "redis", "ioredis"], 12, 1200, 1500);
    for (const { warnings } of all) {
      expect(warnings.filter((w) => /kept per process/.test(w.text))).toHaveLength(1);
      expect(warnings.filter((w) => /shared again/.test(w.text))).toHaveLength(1);
    }
  }, 30_000);
});

describe("when Redis answers again", () => {
  it("headers seen while a report was stuck are not told as news once it is back", async () => {
    // A client without events: the loss is noticed when the stuck report times out.
    const { store: s, when } = await store("plain", `h${n++}:`, { timeoutMs: 200 });
    const limiter = s.createLimiter({ maxPerInterval: 3, intervalMs: 300 });
    const release = await limiter.acquire("LOC");
    await kill();
    release(); // its report waits for the dead Redis
    await sleep(20);
    limiter.observe("LOC", { max: 3, intervalMs: 300, remaining: 0 });
    await sleep(300);
    expect(when(/did not answer/)).toBeDefined();
    await restart();
    for (let i = 0; i < 30 && !when(/shared again/); i++) await sleep(100);
    expect(when(/shared again/)).toBeDefined();
    await sleep(400); // whatever that header counted has left the window
    const started = performance.now();
    (await limiter.acquire("LOC"))();
    expect(performance.now() - started).toBeLessThan(150);
  });
  it("Redis restarted before the slots handed out before can no longer count: a location it forgot hands out nothing until then", async () => {
    const { store: s, when } = await store("plain", `f${n++}:`, { timeoutMs: 200 });
    const limiter = s.createLimiter({ maxPerInterval: 3, intervalMs: 1500 });
    const releases = await Promise.all([1, 2, 3].map(() => limiter.acquire("LOC")));
    for (const release of releases) release();
    const answered = performance.now();
    await sleep(50); // their responses are told to this Redis, which then dies with them
    await kill();
    const fourth = limiter.acquire("LOC"); // its command times out: the loss is noticed
    await sleep(300);
    await restart();
    for (let i = 0; i < 20 && !when(/shared again/); i++) await sleep(100);
    expect(when(/shared again/)! - answered).toBeLessThan(1500);
    // The restarted Redis knows nothing of the three; the server counts them for an interval.
    (await fourth)();
    expect(performance.now() - answered).toBeGreaterThanOrEqual(1500);
  });
});

describe("the client's connection events", () => {
  for (const lib of ["ioredis", "redis"] as const) {
    it(`${lib}: a lost connection is noticed at once, and its return ends the fallback without waiting for the probe`, async () => {
      const { store: s, when } = await store(lib, `e${n++}:`, { timeoutMs: 5000 });
      const limiter = s.createLimiter({ maxPerInterval: 5, intervalMs: 100 });
      (await limiter.acquire("LOC"))();
      const killed = performance.now();
      await kill();
      await sleep(100);
      const lost = when(/Redis connection lost; rate limits are kept per process/);
      expect(lost! - killed).toBeLessThan(300);
      await restart();
      // The probe runs a second after the loss; the client's `ready` comes sooner.
      await sleep(800);
      expect(when(/shared again/)! - lost!).toBeLessThan(900);
      // Shared again: the next slots come from Redis.
      const before = s.roundTrips;
      (await limiter.acquire("LOC"))();
      expect(s.roundTrips).toBeGreaterThan(before);
    });
  }

  it("a blip of the connection with Redis intact costs no drain", async () => {
    const { store: s, client, when } = await store("ioredis", `b${n++}:`);
    const limiter = s.createLimiter({ maxPerInterval: 5, intervalMs: 1000 });
    (await limiter.acquire("LOC"))();
    client.ioredis!.disconnect(true); // closes the connection and reconnects at once
    await sleep(300);
    expect(when(/kept per process/)).toBeDefined();
    expect(when(/shared again/)).toBeDefined();
    const started = performance.now();
    (await limiter.acquire("LOC"))();
    expect(performance.now() - started).toBeLessThan(200);
  });

  it("Redis restarted at once: the loss is noticed all the same, and a location it forgot hands out nothing for an interval", async () => {
    const { store: s, when } = await store("ioredis", `f${n++}:`);
    const limiter = s.createLimiter({ maxPerInterval: 3, intervalMs: 500 });
    const releases = await Promise.all([1, 2, 3].map(() => limiter.acquire("LOC")));
    for (const release of releases) release();
    const answered = performance.now();
    await kill();
    await restart();
    await sleep(100);
    expect(when(/shared again/)).toBeDefined();
    // The restarted Redis knows nothing of the three; the server counts them for an interval.
    (await limiter.acquire("LOC"))();
    expect(performance.now() - answered).toBeGreaterThanOrEqual(500);
  });
});

describe("limits learned from headers", () => {
  it("after a loss, the fallback waits out a learned 1 s window by that interval, not the 10 s default", async () => {
    const api = await startWindowServer(5, 1000);
    try {
      const prefix = `l${n++}:`;
      const { store: s } = await store("ioredis", prefix, { timeoutMs: 200 });
      // Nothing configured: the first call goes alone, its headers teach 5 per 1 s.
      const voiceAI = createVoiceAIClient({
        baseUrl: api.url,
        token: "t",
        maxRetries: 0,
        rateLimit: { store: s },
      });
      for (let i = 0; i < 6; i++) await voiceAI.agents.get({ agentId: `${prefix}a${i}`, locationId: "LOC" });
      const killedAt = performance.now();
      await kill();
      const agents = await Promise.all(
        [0, 1, 2].map((i) => voiceAI.agents.get({ agentId: `${prefix}b${i}`, locationId: "LOC" })),
      );
      const waited = performance.now() - killedAt;
      console.log(`learned 1 s window: the fallback's first calls ${Math.round(waited)} ms after the loss`);
      expect(agents).toHaveLength(3);
      // What was handed out before can count for at most one interval ahead plus one interval.
      expect(waited).toBeLessThan(2 * 1000 + 1500);
      expect(api.arrivals.filter((a) => a.status === 429)).toEqual([]);
    } finally {
      await api.close();
    }
  }, 40_000);
});
