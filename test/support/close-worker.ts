/**
 * A process that holds things in Redis and then stops (test/redis.close.test.ts):
 * `node --import tsx test/support/close-worker.ts` with its config as JSON in CLOSE_WORKER.
 * It answers `max` requests of location LOC, reserves slots for more (they wait for the window),
 * takes the token lock "inst" and waits for it a second time, prints HELD, and then either closes the store (printing what the
 * calls after close did) and lets the process end by itself, or hangs until it is killed.
 * With `inFlight`, it instead takes `max` slots and never answers them (requests in flight), takes
 * the lock, prints HELD and hangs until it is killed.
 */
import { Redis } from "ioredis";
import { createRedisStore } from "../../src/redis/index.js";

export interface CloseWorkerConfig {
  redisPort: number;
  prefix: string;
  max: number;
  intervalMs: number;
  close: boolean;
  inFlight?: boolean;
}

export interface CloseWorkerResult {
  /** Error names of the waits that were pending at close (slots, then the lock). */
  pending: string[];
  /** Error names of calls made after close: acquire, get, set, lock, createLimiter. */
  after: string[];
  /** The Redis client still answers PING after close. */
  clientOpen: boolean;
}

const config = JSON.parse(process.env.CLOSE_WORKER!) as CloseWorkerConfig;
const client = new Redis({ port: config.redisPort, host: "127.0.0.1" });
const store = createRedisStore(client, { prefix: config.prefix });
const limits = { maxPerInterval: config.max, intervalMs: config.intervalMs };
const limiter = store.createLimiter(limits);
const nameOf = (error: unknown) => (error instanceof Error ? error.name : String(error));
const failure = (promise: Promise<unknown>) => promise.then(() => "resolved", nameOf);
const failureOf = (call: () => unknown) => {
  try {
    return failure(Promise.resolve(call()));
  } catch (error) {
    return Promise.resolve(nameOf(error));
  }
};

if (config.inFlight) {
  await Promise.all(Array.from({ length: config.max }, () => limiter.acquire("LOC")));
  await store.lock("inst", { ttlMs: 30_000, waitMs: 0 });
  process.stdout.write("HELD\n");
  await new Promise(() => {});
}
const answered = await Promise.all(Array.from({ length: config.max }, () => limiter.acquire("LOC")));
for (const release of answered) release();
// Reserved for when the answered ones leave the window, and one more queued behind them.
const pending = Array.from({ length: config.max + 1 }, () => failure(limiter.acquire("LOC")));
await store.lock("inst", { ttlMs: 30_000, waitMs: 0 });
// A wait for the lock it holds itself: it subscribes to releases, on a connection close() ends.
pending.push(failure(store.lock("inst", { ttlMs: 1000, waitMs: 20_000 })));
await new Promise((r) => setTimeout(r, 100));
process.stdout.write("HELD\n");
if (!config.close) await new Promise(() => {});
await store.close();
const result: CloseWorkerResult = {
  pending: await Promise.all(pending),
  after: await Promise.all([
    failure(limiter.acquire("LOC")),
    failure(store.get("inst")),
    failure(store.set("inst", "v")),
    failure(store.lock("inst", { ttlMs: 1000, waitMs: 0 })),
    failureOf(() => store.createLimiter(limits)),
  ]),
  clientOpen: (await client.ping()) === "PONG",
};
process.stdout.write(`${JSON.stringify(result)}\n`);
// The client is the caller's to quit; after that nothing of the store may keep the process alive.
await client.quit();
