/**
 * Lock waiters and the release messages that wake them, when replies are slow: a waiter whose
 * "held" reply reaches it 50 ms late (a TCP proxy in front of a real redis-server holds every
 * reply to command connections) still hears a release published meanwhile, on its subscription;
 * such a waiter among fast processes taking the lock in turn is never left asleep to the lock's
 * expiry; a subscription that
 * misses the release costs at most one re-check (RECHECK_MS), not the lock's ttl.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createRedisStore, type RedisStore } from "../src/redis/index.js";
import { RECHECK_MS } from "../src/redis/lock-wakeups.js";
import { failOnUnhandledRejections } from "./support/http-server.js";
import { connect, LIBS, type TestClient } from "./support/redis-clients.js";
import { startRedisProxy, type RedisProxy } from "./support/redis-proxy.js";
import { startRedisServer, type RedisServer } from "./support/redis-server.js";

/** The lock's ttl: a waiter that missed its wake-up would sleep this long (and time out first). */
const TTL_MS = 20_000;
const WAIT_MS = 10_000;
const DELAY_MS = 50;

let redis: RedisServer;
let open: { close(): Promise<void> }[] = [];
let n = 0;

failOnUnhandledRejections();

beforeAll(async () => {
  redis = await startRedisServer();
}, 120_000);
afterEach(async () => {
  // Stores first (they give back their locks), then clients and proxies.
  for (const o of open.splice(0)) await o.close();
});
afterAll(async () => {
  await redis?.stop();
});

async function clientOn(lib: (typeof LIBS)[number], port: number): Promise<TestClient> {
  const c = await connect(lib, port);
  open.push(c);
  return c;
}

function storeOn(c: TestClient, prefix: string): RedisStore {
  const store = createRedisStore(c.client, { prefix, timeoutMs: 5000 });
  open.unshift(store);
  return store;
}

async function setUp(lib: (typeof LIBS)[number]) {
  const prefix = `lw${n++}:`;
  const proxy: RedisProxy = await startRedisProxy(redis.port);
  open.push(proxy);
  const direct = storeOn(await clientOn("ioredis", redis.port), prefix);
  const slow = storeOn(await clientOn(lib, proxy.port), prefix);
  // Redis has the lock scripts already (no NOSCRIPT round trip in what is timed).
  await (await direct.lock("warm", { ttlMs: 1000, waitMs: 0 })).release();
  proxy.delayMs = DELAY_MS;
  return { proxy, direct, slow, prefix };
}

const since = (t: number) => performance.now() - t;

describe("a release published while the waiter's reply is on its way", () => {
  for (const lib of LIBS) {
    it(`${lib}: wakes the waiter (it asks again at once, not at the lock's expiry)`, async () => {
      const { proxy, direct, slow } = await setUp(lib);
      const held = await direct.lock("inst", { ttlMs: TTL_MS, waitMs: 0 });
      // The waiter's first try finds the lock held; it subscribes and asks once more. That
      // second try runs in Redis (the lock still held), and its reply is held 50 ms by the proxy.
      const retried = proxy.heldReplyAfterSubscribe();
      const waiting = slow.lock("inst", { ttlMs: TTL_MS, waitMs: WAIT_MS });
      await retried;
      // Released now: the message reaches the waiter before the "held" reply does.
      const releasedAt = performance.now();
      await held.release();
      const lock = await waiting;
      const waited = since(releasedAt);
      console.log(`${lib}: lock taken ${Math.round(waited)} ms after the release`);
      // A few delayed replies, never a re-check's pause (let alone the ttl).
      expect(waited).toBeLessThan(RECHECK_MS - 500);
      await lock.release();
    }, 30_000);
  }

  it("a slow waiter among fast ones taking the lock in turn: never left asleep after the last release", async () => {
    const { proxy, direct, prefix } = await setUp("redis");
    const fast = [direct, storeOn(await clientOn("ioredis", redis.port), prefix)];
    const slow = storeOn(await clientOn("ioredis", proxy.port), prefix);
    const held = await direct.lock("inst", { ttlMs: TTL_MS, waitMs: 0 });
    const slowLock = slow.lock("inst", { ttlMs: TTL_MS, waitMs: WAIT_MS }).then((lock) => {
      const at = performance.now();
      return lock.release().then(() => at);
    });
    await new Promise((r) => setTimeout(r, 300)); // the slow one waits, subscribed
    // The fast ones hold it 10 ms at a time: each release comes before the slow one's "held" reply.
    let lastRelease = 0;
    await held.release();
    await Promise.all(
      fast.map(async (store) => {
        for (let i = 0; i < 4; i++) {
          const lock = await store.lock("inst", { ttlMs: TTL_MS, waitMs: WAIT_MS });
          await new Promise((r) => setTimeout(r, 10));
          await lock.release();
          lastRelease = performance.now();
        }
      }),
    );
    const gotAt = await slowLock;
    const after = gotAt - lastRelease;
    console.log(
      `slow waiter among fast ones: lock taken ${Math.round(after)} ms after the last fast release`,
    );
    expect(after).toBeLessThan(RECHECK_MS - 500);
  }, 40_000);
});

describe("a subscription that misses the release", () => {
  it("the waiter asks again within the re-check's pause, not the lock's ttl", async () => {
    const { proxy, direct, slow } = await setUp("ioredis");
    proxy.muteSubscribers = true;
    const held = await direct.lock("inst", { ttlMs: TTL_MS, waitMs: 0 });
    const waiting = slow.lock("inst", { ttlMs: TTL_MS, waitMs: WAIT_MS });
    await new Promise((r) => setTimeout(r, 300)); // subscribed, sleeping
    const releasedAt = performance.now();
    await held.release();
    const lock = await waiting;
    const waited = since(releasedAt);
    console.log(`release missed: lock taken ${Math.round(waited)} ms after it`);
    expect(waited).toBeLessThan(RECHECK_MS + 1500);
    await lock.release();
  }, 30_000);
});
