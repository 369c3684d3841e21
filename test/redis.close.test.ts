/**
 * store.close() with real processes (test/support/close-worker.ts): a worker that closes its store
 * and exits leaves nothing held in Redis, so another process gets the location's full capacity as
 * soon as the window allows and the lock at once. Calls after close fail with StoreClosedError;
 * the user's client stays open; no timer of the store keeps the process alive. A worker killed
 * without close (SIGKILL: no handler runs) still holds the lock until its ttl, but its slots stop
 * counting once its heartbeat lapses (half the interval, at least 2 s): those due later are given
 * back then, those it may have used (in flight, or due before) count for one more interval (not
 * for the 60 s lease).
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Redis } from "ioredis";
import { createRedisStore, StoreLockTimeoutError, StoreUnavailableError } from "../src/redis/index.js";
import type { CloseWorkerConfig, CloseWorkerResult } from "./support/close-worker.js";
import { connect, type TestClient } from "./support/redis-clients.js";
import { startRedisServer, type RedisServer } from "./support/redis-server.js";
import { rejectionOf } from "./rejection.js";
import { lapseMs } from "../src/redis/window-preamble.js";

const SCRIPT = fileURLToPath(new URL("./support/close-worker.ts", import.meta.url));
const MAX = 4;
const INTERVAL_MS = 1500;
/** When a silent process is gone, for this interval: lapseMs(1500). */
const LAPSE_MS = lapseMs(INTERVAL_MS);
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
async function holdingWorker(close: boolean, inFlight = false) {
  const config: CloseWorkerConfig = {
    redisPort: redis.port,
    prefix: `close${n++}:`,
    max: MAX,
    intervalMs: INTERVAL_MS,
    close,
    inFlight,
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

  for (const inFlight of [false, true]) {
    const what = inFlight ? "requests in flight" : "slots still to come";
    it(`a worker killed (SIGKILL) holding ${what}: they stop counting within the lapse and an interval; the lock stays`, async () => {
      const worker = await holdingWorker(false, inFlight);
      worker.child.kill("SIGKILL");
      await worker.exited;
      const busy = await rejectionOf(
        createRedisStore(probe.client, { prefix: worker.config.prefix }).lock("inst", {
          ttlMs: 1000,
          waitMs: 0,
        }),
      );
      expect(busy).toBeInstanceOf(StoreLockTimeoutError);
      // Its last call at HELD at the latest; gone a lapse later. Its slots due after that are
      // given back; those due before (it may have used them) and those in flight count as
      // answered then, for one more interval.
      const bound = LAPSE_MS + INTERVAL_MS + 1500;
      const times = await slotsWithin(worker.config.prefix, bound + 3000, worker.heldAt);
      console.log(`killed with ${what}: slots ${times.map(Math.round).join(", ")} ms after HELD`);
      expect(times).toHaveLength(MAX);
      expect(Math.max(...times)).toBeLessThan(bound);
    }, 60_000);
  }

  it("the workers guide's shutdown with Redis down: close() and the bounded quit end within timeoutMs and a second; a bare quit() still waits", async () => {
    const down = await startRedisServer();
    const clients = [0, 1].map(() => {
      const c = new Redis(down.port, "127.0.0.1");
      c.on("error", () => {});
      return c;
    });
    try {
      const [readme, bare] = clients as [Redis, Redis];
      const store = createRedisStore(readme, { timeoutMs: 500 });
      await store.get("inst");
      await bare.ping();
      await down.kill();
      // A call during the outage: it fails after timeoutMs, and its command stays in ioredis's
      // offline queue (resent after a reconnect, for up to 20 of them by default).
      expect(await rejectionOf(store.get("inst"))).toBeInstanceOf(StoreUnavailableError);
      void bare.get("inst").catch(() => {});
      const started = performance.now();
      // As in guides/workers-and-redis.md (Stopping a process):
      await store.close();
      await Promise.race([readme.quit().catch(() => {}), new Promise((r) => setTimeout(r, 1000))]);
      readme.disconnect();
      const took = performance.now() - started;
      console.log(`the guide's shutdown with Redis down: ${Math.round(took)} ms`);
      expect(took).toBeLessThan(500 + 1000 + 1000);
      // Without the bound, ioredis retries QUIT for over a minute with its defaults.
      const quit = bare.quit().then(
        () => "quit",
        () => "failed",
      );
      const after = await Promise.race([quit, new Promise((r) => setTimeout(() => r("waiting"), 3000))]);
      expect(after).toBe("waiting");
    } finally {
      for (const c of clients) c.disconnect();
      await down.stop();
    }
  }, 30_000);
});
