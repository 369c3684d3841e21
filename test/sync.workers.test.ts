/**
 * Several sync processes over one store (Redis, or a directory), as a fleet runs them: they split
 * the locations; one killed (SIGKILL) leaves its locations to the others once its leases end; one
 * paused (SIGSTOP) past its lease cannot write its checkpoint over its successor's once resumed.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createRedisCheckpointStore } from "../src/redis/index.js";
import { createFileCheckpointStore, type CheckpointStore } from "../src/sync/index.js";
import type { SyncWorkerConfig } from "./support/sync-worker.js";
import { startSyncWorker, stopAll, type SyncWorker } from "./support/sync-workers.js";
import { startRedisServer, type RedisServer } from "./support/redis-server.js";
import { allLogs, locationIds, syncFake } from "./support/sync-helpers.js";

let redis: RedisServer;
let dir: string;
let admin: Redis;
const workers: SyncWorker[] = [];
let n = 0;

beforeAll(async () => {
  redis = await startRedisServer();
  admin = new Redis({ port: redis.port, host: "127.0.0.1" });
  dir = await mkdtemp(path.join(os.tmpdir(), "voice-ai-sync-workers-"));
}, 120_000);
afterEach(() => stopAll(workers.splice(0)));
afterAll(async () => {
  admin?.disconnect();
  await redis?.stop();
  await rm(dir, { recursive: true, force: true });
});

type Kind = "redis" | "file";

/** A store of `kind` shared by the workers, and the same store for the test to read. */
function sharedStore(kind: Kind): {
  settings: Pick<SyncWorkerConfig, "store" | "redisPort" | "prefix" | "dir">;
  store: CheckpointStore;
} {
  const name = `w${n++}`;
  if (kind === "redis") {
    return {
      settings: { store: "redis", redisPort: redis.port, prefix: `${name}:` },
      store: createRedisCheckpointStore(admin, { prefix: `${name}:` }),
    };
  }
  const folder = path.join(dir, name);
  return { settings: { store: "file", dir: folder }, store: createFileCheckpointStore(folder) };
}

function worker(config: Omit<SyncWorkerConfig, "out">): SyncWorker {
  const w = startSyncWorker({ ...config, out: path.join(dir, `out-${n++}.ndjson`) }, 60_000);
  workers.push(w);
  return w;
}

describe.each<Kind>(["redis", "file"])("workers over a %s store", (kind) => {
  it("split the locations; one SIGKILLed half-way: the others finish its locations, every call handed over", async () => {
    const locations = locationIds(8);
    const { fake, client } = await syncFake(locations, 60);
    const tokens = Object.fromEntries(locations.map((l) => [l, fake.tokenFor(l)]));
    const { settings } = sharedStore(kind);
    const common = {
      ...settings,
      baseUrl: fake.url,
      tokens,
      leaseMs: 1000,
      pageSize: 10,
      concurrency: 2,
      delayMs: 3,
    };
    const [victim, ...others] = [worker(common), worker(common), worker(common)];
    await victim!.until((line) => line === "COUNT 40");
    victim!.child.kill("SIGKILL");
    const results = await Promise.all(others.map((w) => w.exited));
    expect((await victim!.exited).signal).toBe("SIGKILL");
    for (const { code, progress } of results) {
      expect(code).toBe(0);
      expect(progress).toMatchObject({ state: "done", failures: [] });
    }
    const written = [victim!, ...others].flatMap((w) => w.logs());
    const expected = await allLogs(client, locations);
    expect(new Set(written.map((l) => l.id))).toEqual(new Set(expected.keys()));
    // Repeats only of what the killed worker had handed over since its last checkpoints:
    // at most a page for each location it held.
    const held = new Set(victim!.logs().map((l) => l.locationId));
    const repeats = written.length - expected.size;
    expect(repeats).toBeLessThanOrEqual(held.size * 10);
    const counts = new Map<string, number>();
    for (const { id } of written) counts.set(id, (counts.get(id) ?? 0) + 1);
    for (const [id, count] of counts) if (count > 1) expect(held).toContain(expected.get(id));
  }, 60_000);

  it("one paused (SIGSTOP) past its lease: its successor finishes, and the resumed one cannot write over it", async () => {
    const { fake, client } = await syncFake(["LOC1"], 80);
    const { settings, store } = sharedStore(kind);
    const common = {
      ...settings,
      baseUrl: fake.url,
      tokens: { LOC1: fake.tokenFor("LOC1") },
      leaseMs: 600,
      pageSize: 10,
      delayMs: 15,
    };
    const paused = worker(common);
    await paused.until((line) => line === "COUNT 20");
    paused.child.kill("SIGSTOP");
    const stoppedAt = await store.get("LOC1");
    const successor = worker(common);
    const done = await successor.exited;
    expect(done.progress).toMatchObject({ state: "done", failures: [] });
    const final = await store.get("LOC1");
    expect(final!.completedAt).toBeGreaterThan(0);
    expect(final).not.toEqual(stoppedAt);

    paused.child.kill("SIGCONT");
    const resumed = await paused.exited;
    expect(resumed.code).toBe(0);
    // Its checkpoint write after waking up was refused: the successor's stands.
    expect(await store.get("LOC1")).toEqual(final);
    expect(resumed.progress).toMatchObject({ state: "done", failures: [] });
    // It handed over at most the log it had in hand when paused, none after it learned of the loss.
    const pausedLogs = paused.logs();
    expect(pausedLogs.length).toBeLessThanOrEqual(21);
    const all = [...pausedLogs, ...successor.logs()].map((l) => l.id);
    expect(new Set(all)).toEqual(new Set((await allLogs(client, ["LOC1"])).keys()));
  }, 60_000);
});
