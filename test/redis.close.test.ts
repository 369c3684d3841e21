/**
 * store.close() with real processes (test/support/close-worker.ts): a worker that closes its store
 * and exits leaves nothing held in Redis, so another process gets the location's full capacity as
 * soon as the window allows and the lock at once; a worker killed without close holds both (the
 * control). Calls after close fail with StoreClosedError; the user's client stays open; no timer
 * of the store keeps the process alive.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRedisStore, StoreLockTimeoutError } from "../src/redis/index.js";
import type { CloseWorkerConfig, CloseWorkerResult } from "./support/close-worker.js";
import { connect, type TestClient } from "./support/redis-clients.js";
import { startRedisServer, type RedisServer } from "./support/redis-server.js";
import { rejectionOf } from "./rejection.js";

const SCRIPT = fileURLToPath(new URL("./support/close-worker.ts", import.meta.url));
const MAX = 4;
const INTERVAL_MS = 1500;
let redis: RedisServer;
let probe: TestClient;
let n = 0;

beforeAll(async () => {
  redis = await startRedisServer();
  probe = await connect("ioredis", redis.port);
}, 120_000);
afterAll(async () => {
  await probe?.close();
  await redis?.stop();
});

/** Runs a worker until it printed HELD; `finish` then ends it (by itself after close, or killed). */
async function holdingWorker(close: boolean) {
  const config: CloseWorkerConfig = {
    redisPort: redis.port,
    prefix: `close${n++}:`,
    max: MAX,
    intervalMs: INTERVAL_MS,
    close,
  };
  const child = spawn(process.execPath, ["--import", "tsx", SCRIPT], {
    env: { ...process.env, CLOSE_WORKER: JSON.stringify(config) },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const killer = setTimeout(() => child.kill("SIGKILL"), 30_000);
  let out = "";
  child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => (clearTimeout(killer), resolve(code))),
  );
  const heldAt = await new Promise<number>((resolve, reject) => {
    child.stdout.on("data", () => out.includes("HELD\n") && resolve(performance.now()));
    void exited.then(() => reject(new Error(`worker ended before HELD: ${out}`)));
  });
  return { config, child, exited, heldAt, output: () => out };
}

/** Slots a fresh store (another process's view) gets for LOC within `ms`: their times from `from`. */
async function slotsWithin(prefix: string, ms: number, from: number): Promise<number[]> {
  const c = await connect("redis", redis.port);
  const store = createRedisStore(c.client, { prefix });
  const limiter = store.createLimiter({ maxPerInterval: MAX, intervalMs: INTERVAL_MS });
  const signal = AbortSignal.timeout(ms);
  const times: number[] = [];
  await Promise.allSettled(
    Array.from({ length: MAX }, async () => {
      (await limiter.acquire("LOC", signal))();
      times.push(performance.now() - from);
    }),
  );
  await store.close();
  await c.close();
  return times;
}

describe("store.close()", () => {
  it("a worker that closes and exits holds nothing: full capacity once the window allows, the lock at once", async () => {
    const worker = await holdingWorker(true);
    try {
      expect(await worker.exited).toBe(0);
      // It ended by itself (no process.exit): the store left no timer running.
      expect(performance.now() - worker.heldAt).toBeLessThan(5000);
      const result = JSON.parse(worker.output().trim().split("\n").pop()!) as CloseWorkerResult;
      expect(result.pending).toEqual(Array(MAX + 2).fill("StoreClosedError"));
      expect(result.after).toEqual(Array(5).fill("StoreClosedError"));
      expect(result.clientOpen).toBe(true);
      // Nothing of the worker is left in Redis: no unanswered slot, not among the askers.
      const base = `${worker.config.prefix}rl:{=LOC}`;
      expect(await probe.ioredis!.zcard(`${base}:f`)).toBe(0);
      expect(await probe.ioredis!.zcard(`${base}:a`)).toBe(0);
      const lock = await createRedisStore(probe.client, { prefix: worker.config.prefix }).lock("inst", {
        ttlMs: 1000,
        waitMs: 0,
      });
      await lock.release();
      // All MAX slots, as soon as the worker's answered requests leave the window.
      const times = await slotsWithin(worker.config.prefix, INTERVAL_MS + 1000, worker.heldAt);
      console.log(`slots after close: ${times.map(Math.round).join(", ")} ms after HELD`);
      expect(times).toHaveLength(MAX);
      expect(Math.max(...times)).toBeLessThan(INTERVAL_MS + 500);
    } finally {
      worker.child.kill("SIGKILL");
    }
  }, 60_000);

  it("control: a worker killed without close still holds its slots and the lock", async () => {
    const worker = await holdingWorker(false);
    worker.child.kill("SIGKILL");
    await worker.exited;
    const busy = await rejectionOf(
      createRedisStore(probe.client, { prefix: worker.config.prefix }).lock("inst", {
        ttlMs: 1000,
        waitMs: 0,
      }),
    );
    expect(busy).toBeInstanceOf(StoreLockTimeoutError);
    const times = await slotsWithin(worker.config.prefix, INTERVAL_MS + 1000, worker.heldAt);
    expect(times).toHaveLength(0);
  }, 60_000);
});
