/**
 * highlevel-voice-ai/redis on a real Redis Cluster (three masters started by the test): every key
 * a script touches is in its KEYS and the keys of one location (or one token record) share a hash
 * slot, so the store works with ioredis `Cluster` and node-redis `createCluster`: no CROSSSLOT, no
 * fallback, locations spread over the nodes, lock waiters woken through the cluster's pub/sub.
 */
import { Cluster } from "ioredis";
import { createCluster } from "redis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRedisStore, StoreClosedError, type RedisClientLike } from "../src/redis/index.js";
import { startRedisCluster, type RedisCluster } from "./support/redis-cluster.js";
import { rejectionOf } from "./rejection.js";

let cluster: RedisCluster;
const closers: (() => Promise<unknown>)[] = [];
let n = 0;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  cluster = await startRedisCluster();
}, 120_000);
afterAll(async () => {
  for (const close of closers) await close().catch(() => {});
  await cluster?.stop();
});

async function ioredisCluster(): Promise<Cluster> {
  const client = new Cluster([{ host: "127.0.0.1", port: cluster.ports[0]! }]);
  client.on("error", () => {});
  closers.push(async () => client.disconnect());
  await new Promise<void>((resolve, reject) => {
    client.once("ready", resolve);
    client.once("error", reject);
  });
  return client;
}

async function connect(lib: "ioredis" | "redis"): Promise<RedisClientLike> {
  if (lib === "ioredis") return ioredisCluster();
  const client = createCluster({ rootNodes: [{ url: `redis://127.0.0.1:${cluster.ports[1]}` }] });
  client.on("error", () => {});
  await client.connect();
  closers.push(async () => client.destroy());
  return client;
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

describe.each(["ioredis", "redis"] as const)("Redis Cluster with %s", (lib) => {
  it("shares each location's window; locations spread over the nodes; nothing falls back", async () => {
    const prefix = `cm${n++}:`;
    const warnings: unknown[] = [];
    const store = createRedisStore(await connect(lib), { prefix, logger: { warn: (m) => warnings.push(m) } });
    const limiter = store.createLimiter({ maxPerInterval: 5, intervalMs: 300 });
    const locations = ["L0", "L1", "L2", "L3", "L4", "L5"];
    const times = new Map(locations.map((l) => [l, [] as number[]]));
    await Promise.all(
      locations.flatMap((location) =>
        Array.from({ length: 12 }, async () => {
          const release = await limiter.acquire(location);
          await sleep(10);
          times.get(location)!.push(performance.now());
          release();
        }),
      ),
    );
    expect(warnings).toEqual([]);
    for (const location of locations) expect(busiest(times.get(location)!, 299)).toBeLessThanOrEqual(5);
    // Where the keys went: every location's keys on one node, the locations on more than one.
    const probe = await ioredisCluster();
    const nodesOf = new Map<string, Set<string>>();
    for (const node of probe.nodes("master")) {
      for (const key of await node.keys(`${prefix}rl:*`)) {
        const location = /\{=(.*?)\}/.exec(key)![1]!;
        nodesOf.set(location, (nodesOf.get(location) ?? new Set()).add(`${node.options.port}`));
      }
    }
    expect([...nodesOf.keys()].sort()).toEqual(locations);
    for (const nodes of nodesOf.values()) expect(nodes.size).toBe(1);
    expect(new Set([...nodesOf.values()].map((s) => [...s][0])).size).toBeGreaterThan(1);
    await store.close();
  }, 60_000);

  it("token records, fenced writes, and a lock waiter woken by the release", async () => {
    const prefix = `cm${n++}:`;
    const a = createRedisStore(await connect(lib), { prefix });
    const b = createRedisStore(await connect(lib), { prefix });
    await a.set("inst", "v1");
    expect(await b.get("inst")).toBe("v1");
    const held = await a.lock("inst", { ttlMs: 5000, waitMs: 0 });
    await a.set("inst", "v2", { fence: held.fence });
    const waiting = b.lock("inst", { ttlMs: 1000, waitMs: 8000 });
    await sleep(300);
    const releasedAt = performance.now();
    await held.release();
    const next = await waiting;
    // Woken by the release, long before the first lock's 5 s expiry.
    expect(performance.now() - releasedAt).toBeLessThan(1000);
    expect(next.fence).toBeGreaterThan(held.fence);
    await b.set("inst", "v3", { fence: next.fence });
    await next.release();
    expect(await a.get("inst")).toBe("v3");
    await a.delete("inst");
    expect(await b.get("inst")).toBeUndefined();
    await Promise.all([a.close(), b.close()]);
    expect(await rejectionOf(a.get("inst"))).toBeInstanceOf(StoreClosedError);
  }, 60_000);
});
