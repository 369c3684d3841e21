/**
 * More processes sharing a location than its per-interval limit (real worker processes,
 * test/support/cluster-worker.ts, each a createVoiceAIClient with the Redis store, calling without
 * pause): every process gets a slot within about ceil(processes / limit) intervals of its start,
 * and again within about as long each time, while the limit holds at the server. The bound has
 * three intervals of room for a loaded 2-core machine (a process stalled, a poll late); a process
 * that starves (no slot for the whole run, as before the fair share) is far past it.
 * `npm run bench:fair` prints the figures for 4 to 32 processes at 10 per second.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WorkerConfig } from "./support/cluster-worker.js";
import { startRedisServer, type RedisServer } from "./support/redis-server.js";
import { startWindowServer, type WindowServer } from "./support/window-server.js";
import { runWorkers } from "./support/workers.js";

const MAX = 2;
const INTERVAL_MS = 1000;
const PROCESSES = 5;
const DURATION_MS = 12_000;
/** ceil(5 / 2) intervals, and three more for a loaded machine. */
const BOUND_MS = (Math.ceil(PROCESSES / MAX) + 3) * INTERVAL_MS;

let redis: RedisServer;
let api: WindowServer;

beforeAll(async () => {
  redis = await startRedisServer();
  api = await startWindowServer(MAX, INTERVAL_MS);
}, 120_000);
afterAll(async () => {
  await api?.close();
  await redis?.stop();
});

describe("fair shares", () => {
  it(`${PROCESSES} processes at ${MAX} per second: each is served within ${BOUND_MS} ms, again and again; the limit holds`, async () => {
    const prefix = "fair:";
    const configs: WorkerConfig[] = Array.from({ length: PROCESSES }, (_, p) => ({
      mode: "calls",
      lib: p % 2 ? "redis" : "ioredis",
      redisPort: redis.port,
      baseUrl: api.url,
      prefix,
      flood: { name: `${prefix}${p}`, location: "LOC", durationMs: DURATION_MS, concurrency: 2 },
      rateLimit: { maxPerInterval: MAX, intervalMs: INTERVAL_MS },
    }));
    const results = await runWorkers(configs, DURATION_MS + 60_000);
    const served = (p: number) =>
      api.arrivals.filter((a) => a.status === 200 && a.id.startsWith(`${prefix}${p}-`)).map((a) => a.at);
    const lines = results.map((r, p) => {
      const start = r.startedAt!;
      const end = start + DURATION_MS;
      const times = served(p).filter((t) => t <= end);
      // Waits from its start to its first slot, between its slots, and from its last to its end.
      const waits = [...times, end].map((t, i) => t - (i ? times[i - 1]! : start));
      return { count: times.length, first: waits[0]!, longest: Math.max(...waits) };
    });
    console.log(
      `${PROCESSES} processes at ${MAX}/s for ${DURATION_MS / 1000} s: served ${lines.map((l) => l.count).join(", ")}; ` +
        `first slot ${lines.map((l) => Math.round(l.first)).join(", ")} ms; longest wait ${Math.round(Math.max(...lines.map((l) => l.longest)))} ms`,
    );
    expect(api.arrivals.filter((a) => a.status === 429)).toEqual([]);
    expect(api.busiestWindow("LOC")).toBeLessThanOrEqual(MAX);
    for (const line of lines) {
      expect(line.count).toBeGreaterThanOrEqual(2);
      expect(line.first).toBeLessThan(BOUND_MS);
      expect(line.longest).toBeLessThan(BOUND_MS);
    }
  }, 120_000);
});
