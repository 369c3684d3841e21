/**
 * A process that goes through a slow Redis (test/redis.slow.test.ts): `node --import tsx
 * test/support/slow-worker.ts` with its config as JSON in SLOW_WORKER. Three stores over one
 * client share a location, then Redis is paused (CLIENT PAUSE WRITE): calls go on, one store is
 * closed during the pause (its probe running, a lock waiter pending), the pause ends, one store
 * shares again, the other's calls go through Redis. It prints its result as JSON, closes what is
 * left, quits its clients, and must then end by itself.
 */
import { createVoiceAIClient } from "../../src/index.js";
import { createRedisStore } from "../../src/redis/index.js";
import { connect, type Lib } from "./redis-clients.js";

export interface SlowWorkerConfig {
  redisPort: number;
  lib: Lib;
  apiUrl: string;
  prefix: string;
}

export interface SlowWorkerResult {
  /** During the pause: a call of the store closed then, one of the store that resumes, one with onStoreError "fail", a token get. */
  during: string[];
  /** The lock wait pending when its store was closed. */
  waiter: string;
  /** The store that stayed open logged that it shares again. */
  sharedAgain: boolean;
  /** A call with onStoreError "fail" after the pause. */
  after: string;
}

const config = JSON.parse(process.env.SLOW_WORKER!) as SlowWorkerConfig;
const admin = await connect("ioredis", config.redisPort);
const c = await connect(config.lib, config.redisPort);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const outcome = (promise: Promise<unknown>) =>
  promise.then(
    () => "ok",
    (error: unknown) => (error instanceof Error ? error.name : String(error)),
  );

const warnings: string[] = [];
function store(onStoreError: "fallback" | "fail", logger = { warn() {} }) {
  const s = createRedisStore(c.client, { prefix: config.prefix, timeoutMs: 200, onStoreError, logger });
  const voiceAI = createVoiceAIClient({
    baseUrl: config.apiUrl,
    token: "t",
    rateLimit: { store: s, maxPerInterval: 100, intervalMs: 100 },
  });
  let calls = 0;
  const call = () => voiceAI.agents.get({ agentId: `${onStoreError}-${calls++}`, locationId: "LOC" });
  return { store: s, call };
}
const closing = store("fallback");
const resuming = store("fallback", { warn: (...args: unknown[]) => void warnings.push(args.join(" ")) });
const failing = store("fail");

// Sharing the location, and the token lock held by one while another waits for it.
await Promise.all([closing.call(), resuming.call(), failing.call()]);
const held = await failing.store.lock("held", { ttlMs: 5000, waitMs: 0 });
const waiter = outcome(closing.store.lock("held", { ttlMs: 1000, waitMs: 20_000 }));
await sleep(200);

await admin.ioredis!.call("CLIENT", "PAUSE", "5000", "WRITE");
const during = await Promise.all(
  [closing.call(), resuming.call(), failing.call(), resuming.store.get("inst")].map(outcome),
);
await closing.store.close(); // while paused: its probe runs, its lock wait is pending
await admin.ioredis!.call("CLIENT", "UNPAUSE");
for (let i = 0; i < 150 && !warnings.some((w) => /shared again/.test(w)); i++) await sleep(20);
const after = await outcome(failing.call());
await held.release();

const result: SlowWorkerResult = {
  during,
  waiter: await waiter,
  sharedAgain: warnings.some((w) => /shared again/.test(w)),
  after,
};
await Promise.all([resuming.store.close(), failing.store.close()]);
await c.close();
await admin.close();
process.stdout.write(`${JSON.stringify(result)}\n`);
