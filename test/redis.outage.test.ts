/**
 * Redis going away and coming back, in one process with several stores (as several processes
 * would have), against a real redis-server that the test kills and restarts: each process's
 * share while Redis is away.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createRedisStore, type IORedisLike, type RedisStore } from "../src/redis/index.js";
import { connect, type Lib, type TestClient } from "./support/redis-clients.js";
import { startRedisServer, type RedisServer } from "./support/redis-server.js";

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
    const all = await Promise.all(libs.map((lib) => store(lib, prefix, { timeoutMs: 200 })));
    const limiters = all.map((s) => s.store.createLimiter({ maxPerInterval: 10, intervalMs: 300 }));
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
