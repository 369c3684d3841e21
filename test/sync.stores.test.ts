/**
 * The checkpoint stores' contract, the same for each (memory, file, Redis with both client
 * libraries): checkpoints round-trip, a lease is exclusive until it ends, a fenced write under a
 * lease that was taken over is refused, a write without a lease is refused while one is held.
 */
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRedisCheckpointStore, createRedisSeenCallIds } from "../src/redis/index.js";
import {
  CheckpointStoreError,
  createFileCheckpointStore,
  createMemoryCheckpointStore,
  LeaseLostError,
  type Checkpoint,
  type CheckpointStore,
} from "../src/sync/index.js";
import { connect, type TestClient } from "./support/redis-clients.js";
import { startRedisServer, type RedisServer } from "./support/redis-server.js";

let redis: RedisServer;
let dir: string;
const clients: TestClient[] = [];
let n = 0;

beforeAll(async () => {
  redis = await startRedisServer();
  dir = await mkdtemp(path.join(os.tmpdir(), "voice-ai-checkpoints-"));
}, 120_000);
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await redis?.stop();
  await rm(dir, { recursive: true, force: true });
});

const stores: [string, () => Promise<Required<CheckpointStore>>][] = [
  ["memory", async () => createMemoryCheckpointStore()],
  ["file", async () => createFileCheckpointStore(path.join(dir, `s${n++}`))],
  ...(["ioredis", "redis"] as const).map((lib): [string, () => Promise<Required<CheckpointStore>>] => [
    `redis (${lib})`,
    async () => {
      const c = await connect(lib, redis.port);
      clients.push(c);
      return createRedisCheckpointStore(c.client, { prefix: `t${n++}:` });
    },
  ]),
];

const cp = (createdAt: number, ids: string[] = ["a"]): Checkpoint => ({
  createdAt,
  ids,
  syncedTo: createdAt,
  completedAt: 0,
});
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(stores)("%s checkpoint store", (_, make) => {
  it("keeps a checkpoint per location", async () => {
    const store = await make();
    expect(await store.get("LOC1")).toBeUndefined();
    await store.set("LOC1", cp(5, ["x", "y"]));
    await store.set("LOC2", cp(7));
    expect(await store.get("LOC1")).toEqual(cp(5, ["x", "y"]));
    expect(await store.get("LOC2")).toEqual(cp(7));
  });

  it("leases a location to one holder at a time, with a growing fence", async () => {
    const store = await make();
    const leases = await Promise.all(Array.from({ length: 8 }, () => store.lease("LOC1", 5_000)));
    const held = leases.filter((l) => l !== undefined);
    expect(held).toHaveLength(1);
    await store.release(held[0]!);
    const next = await store.lease("LOC1", 5_000);
    expect(next!.fence).toBeGreaterThan(held[0]!.fence);
  });

  it("refuses a write under a lease another holder took over; accepts its successor's", async () => {
    const store = await make();
    const first = (await store.lease("LOC1", 150))!;
    await store.set("LOC1", cp(1), first);
    await sleep(300); // the first holder pauses past its lease
    const second = (await store.lease("LOC1", 5_000))!;
    expect(second).toBeDefined();
    await store.set("LOC1", cp(2), second);
    await expect(store.set("LOC1", cp(99), first)).rejects.toThrow(LeaseLostError);
    expect(await store.renew(first, 5_000)).toBe(false);
    await store.release(first); // does nothing to the successor's lease
    expect(await store.lease("LOC1", 5_000)).toBeUndefined();
    expect(await store.get("LOC1")).toEqual(cp(2));
  });

  it("renews a lease it holds; a write without a lease is refused while one is held", async () => {
    const store = await make();
    const lease = (await store.lease("LOC1", 200))!;
    for (let i = 0; i < 4; i++) {
      await sleep(100);
      expect(await store.renew(lease, 200)).toBe(true);
    }
    expect(await store.lease("LOC1", 200)).toBeUndefined();
    await expect(store.set("LOC1", cp(3))).rejects.toThrow(LeaseLostError);
    await store.release(lease);
    await store.set("LOC1", cp(3));
    expect(await store.get("LOC1")).toEqual(cp(3));
  });

  it("refuses a checkpoint that is not one", async () => {
    const store = await make();
    await expect(store.set("LOC1", { createdAt: -1, ids: [], syncedTo: 0, completedAt: 0 })).rejects.toThrow(
      CheckpointStoreError,
    );
    await expect(
      store.set("LOC1", { createdAt: 1, ids: [1], syncedTo: 0, completedAt: 0 } as never),
    ).rejects.toThrow(CheckpointStoreError);
  });
});

describe("file checkpoint store", () => {
  it("reports a record altered on disk instead of starting the location over", async () => {
    const root = path.join(dir, "altered");
    const store = createFileCheckpointStore(root);
    await store.set("LOC1", cp(5));
    const [folder] = await readdir(root);
    const [generation] = (await readdir(path.join(root, folder!))).filter((f) => f.startsWith("g"));
    await writeFile(path.join(root, folder!, generation!), "{not json");
    await expect(store.get("LOC1")).rejects.toThrow(CheckpointStoreError);
  });

  it("keeps ids that differ only by case, or hold path characters, apart", async () => {
    const store = createFileCheckpointStore(path.join(dir, "names"));
    await store.set("abc", cp(1));
    await store.set("ABC", cp(2));
    await store.set("../x", cp(3));
    expect([await store.get("abc"), await store.get("ABC"), await store.get("../x")]).toEqual([
      cp(1),
      cp(2),
      cp(3),
    ]);
    expect(await readdir(dir)).not.toContain("x");
  });
});

describe("Redis seen call ids", () => {
  it("shares the ids between stores, for ttlMs", async () => {
    const c = await connect("ioredis", redis.port);
    clients.push(c);
    const a = createRedisSeenCallIds(c.client, { prefix: "seen1:", ttlMs: 300 });
    const b = createRedisSeenCallIds(c.client, { prefix: "seen1:", ttlMs: 300 });
    expect(await b.has("call-1")).toBe(false);
    await a.add("call-1");
    expect(await b.has("call-1")).toBe(true);
    await sleep(400);
    expect(await b.has("call-1")).toBe(false);
  });
});
