/**
 * `npm run bench:cluster`: several processes, one quota. Not a test: it prints tables and exits 0
 * unless a run had to be aborted (exit 2).
 *
 * A local server (test/support/window-server.ts) enforces 20 requests per 500 ms per location
 * with a sliding window, answering 429 with X-RateLimit-* past it. Worker processes
 * (test/support/cluster-worker.ts, each a real createVoiceAIClient with maxRetries 2) are started,
 * warm up (10 calls to a location of their own, through a client without the store), wait until
 * all are ready, then all send their calls at once. Runs, for 4 processes x 200 calls
 * and 8 x 100:
 *   in-process   no store: each process has its own limiter, learning from the headers (today)
 *   learned      Redis store (ioredis), limits learned from the headers
 *   configured   Redis store, rateLimit: { maxPerInterval: 20, intervalMs: 500 }
 *   redis-stop   as configured, Redis killed 3 s into the run and started again (empty) 2 s later
 * Columns: total time over the theoretical minimum ((ceil(calls / 20) - 1) x 500 ms), 429s the
 * server sent, errors surfaced to callers, ids never served (lost) or served twice (duplicated),
 * Redis commands per call, the spread of the mean call duration between processes, and where the
 * time over the minimum went (start, window steps, end; see overheadOf). BENCH_DEBUG=1 adds the
 * requests served and refused over time.
 * Then 1,000 locations x 20 calls over four processes, with Redis memory per active location
 * (MEMORY USAGE of a location's keys, sampled mid-run) and the keys left once idle.
 * Bounded: every run is killed after RUN_TIMEOUT_MS.
 */
import { Redis } from "ioredis";
import { startRedisServer, type RedisServer } from "../test/support/redis-server.js";
import { startWindowServer, type WindowServer } from "../test/support/window-server.js";
import type { WorkerConfig, WorkerResult } from "../test/support/cluster-worker.js";
import { runWorkers } from "../test/support/workers.js";

const MAX = 20;
const INTERVAL_MS = 500;
const RUN_TIMEOUT_MS = 90_000;
let aborted = false;
/** BENCH_ONLY=<regex>: only the runs whose name matches ("4 x 200 configured", "many"). */
const only = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY) : undefined;

interface Row {
  name: string;
  ratio: string;
  r429: number;
  surfaced: number;
  lost: number;
  duplicated: number;
  trips: string;
  spread: string;
  seconds: string;
  /** Where the time over the minimum went: start, window steps, end (ms). */
  overhead: string;
}

type RunKind = "in-process" | "learned" | "configured" | "redis-stop";

async function run(
  kind: RunKind,
  procs: number,
  perProc: number,
  server: WindowServer,
  redis: RedisServer,
  n: number,
): Promise<Row> {
  server.reset();
  const total = procs * perProc;
  const configs: WorkerConfig[] = Array.from({ length: procs }, (_, p) => ({
    mode: "calls",
    lib: kind === "in-process" ? "none" : "ioredis",
    redisPort: redis.port,
    baseUrl: server.url,
    prefix: `bench${n}:`,
    calls: Array.from({ length: perProc }, (_, i) => ({ id: `${p}-${i}`, location: "LOC" })),
    warmup: `WARM${p}`,
    ...(kind !== "in-process" &&
      kind !== "learned" && { rateLimit: { maxPerInterval: MAX, intervalMs: INTERVAL_MS } }),
  }));
  let outage: Promise<void> | undefined;
  let goAt = 0;
  const results = runWorkers(configs, RUN_TIMEOUT_MS, () => {
    goAt = performance.timeOrigin + performance.now();
    if (kind !== "redis-stop") return;
    outage = (async () => {
      await sleep(3000);
      await redis.kill();
      await sleep(2000);
      await redis.restart();
    })();
  });
  let workers: WorkerResult[];
  try {
    workers = await results;
  } catch (error) {
    aborted = true;
    throw error;
  } finally {
    await outage;
  }
  const elapsed = Math.max(...workers.map((w) => w.elapsedMs));
  const minimum = (Math.ceil(total / MAX) - 1) * INTERVAL_MS;
  let lost = 0;
  let duplicated = 0;
  for (const c of configs)
    for (const { id } of c.calls!) {
      const times = server.served.get(id) ?? 0;
      if (times === 0) lost++;
      else if (times > 1) duplicated++;
    }
  const means = workers.map((w) => w.durations.reduce((a, b) => a + b, 0) / w.durations.length);
  const surfaced = workers.reduce((a, w) => a + Object.values(w.errors).reduce((x, y) => x + y, 0), 0);
  const trips = workers.reduce((a, w) => a + w.roundTrips, 0);
  if (process.env.BENCH_DEBUG) {
    console.error(kind, JSON.stringify(workers.map((w) => [w.byScript, w.warnings])));
    // Served requests per half interval from the first process's go: where a run lost time.
    const from = Math.min(...workers.map((w) => w.startedAt ?? goAt));
    const buckets: number[] = [];
    for (const a of server.arrivals)
      if (a.location === "LOC" && a.status === 200) {
        const i = Math.floor((a.at - from) / (INTERVAL_MS / 2));
        buckets[i] = (buckets[i] ?? 0) + 1;
      }
    console.error(`served per ${INTERVAL_MS / 2} ms: ${Array.from(buckets, (b) => b ?? 0).join(" ")}`);
    const refused = server.arrivals.filter((a) => a.location === "LOC" && a.status === 429);
    console.error(`429s at (ms): ${refused.map((a) => Math.round(a.at - from)).join(" ")}`);
  }
  return {
    name: `${procs} x ${perProc} ${kind}`,
    ratio: (elapsed / minimum).toFixed(3),
    r429: server.arrivals.filter((a) => a.status === 429 && a.location === "LOC").length,
    surfaced,
    lost,
    duplicated,
    trips: kind === "in-process" ? "-" : (trips / total).toFixed(2),
    spread: `${Math.min(...means).toFixed(0)}-${Math.max(...means).toFixed(0)} ms`,
    seconds: (elapsed / 1000).toFixed(1),
    overhead: overheadOf(server, Math.min(...workers.map((w) => w.startedAt ?? goAt)), elapsed),
  };
}

/**
 * Where the time over the minimum goes, from the server's view: from the first process's go to the first served
 * request (processes starting their calls); between the first request of a window and the first
 * of the next, past the interval (each step waits for the responses that free the window to be
 * reported); and from the last served request to the end of the last call.
 */
function overheadOf(server: WindowServer, goAt: number, elapsed: number): string {
  const served = server.arrivals.filter((a) => a.status === 200 && a.location === "LOC").map((a) => a.at);
  served.sort((a, b) => a - b);
  if (!served.length) return "-";
  let steps = 0;
  let count = 0;
  for (let i = MAX; i < served.length; i += MAX) {
    steps += served[i]! - served[i - MAX]! - INTERVAL_MS;
    count++;
  }
  const start = served[0]! - goAt;
  const end = goAt + elapsed - served[served.length - 1]!;
  return `${Math.round(start)} + ${count} x ${Math.round(steps / count)} + ${Math.round(end)}`;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function table(rows: string[][]) {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const [i, r] of rows.entries()) {
    console.log(`| ${r.map((c, j) => c.padEnd(widths[j]!)).join(" | ")} |`);
    if (i === 0) console.log(`| ${widths.map((w) => "-".repeat(w)).join(" | ")} |`);
  }
}

async function manyLocations(server: WindowServer, redis: RedisServer) {
  server.reset();
  const prefix = "bench-many:";
  const configs: WorkerConfig[] = Array.from({ length: 4 }, (_, p) => ({
    mode: "calls",
    lib: "ioredis",
    redisPort: redis.port,
    baseUrl: server.url,
    prefix,
    calls: Array.from({ length: 250 }, (_, l) =>
      Array.from({ length: 20 }, (_, i) => ({ id: `${p}-${l}-${i}`, location: `L${p * 250 + l}` })),
    ).flat(),
    rateLimit: { maxPerInterval: MAX, intervalMs: INTERVAL_MS },
  }));
  const probe = new Redis({ port: redis.port, host: "127.0.0.1", lazyConnect: true });
  await probe.connect();
  let perLocation = 0;
  let locations = 0;
  const sampler = setInterval(async () => {
    const keys = await probe.keys(`${prefix}rl:{*}:*`).catch(() => [] as string[]);
    const byLocation = new Map<string, string[]>();
    for (const key of keys) {
      const location = /rl:\{(.*)\}:/.exec(key)?.[1] ?? "";
      byLocation.set(location, [...(byLocation.get(location) ?? []), key]);
    }
    if (byLocation.size <= locations) return;
    locations = byLocation.size;
    const sample = [...byLocation.values()].slice(0, 100);
    const bytes = await Promise.all(
      sample.flat().map((k) => probe.call("MEMORY", "USAGE", k).then(Number, () => 0)),
    );
    perLocation = bytes.reduce((a, b) => a + b, 0) / sample.length;
  }, 300);
  const workers = await runWorkers(configs, RUN_TIMEOUT_MS).finally(() => clearInterval(sampler));
  const total = 4 * 250 * 20;
  const elapsed = Math.max(...workers.map((w) => w.elapsedMs));
  await sleep(2500);
  const left = (await probe.keys(`${prefix}rl:{*}:*`)).length;
  probe.disconnect();
  const trips = workers.reduce((a, w) => a + w.roundTrips, 0);
  const surfaced = workers.reduce((a, w) => a + Object.values(w.errors).reduce((x, y) => x + y, 0), 0);
  console.log(
    `\n1,000 locations x 20 calls over 4 processes (${total} calls): ${(elapsed / 1000).toFixed(1)} s, ` +
      `${server.arrivals.filter((a) => a.status === 429).length} 429s, ${surfaced} surfaced, ` +
      `${(trips / total).toFixed(2)} Redis round trips per call; up to ${locations} locations active at once, ` +
      `~${Math.round(perLocation)} B of Redis memory per active location (MEMORY USAGE of its keys); ` +
      `location keys left 2.5 s after the run: ${left}`,
  );
}

async function main() {
  const redis = await startRedisServer();
  if (process.env.BENCH_DEBUG) console.error(`redis port ${redis.port}`);
  const server = await startWindowServer(MAX, INTERVAL_MS);
  const guard = setTimeout(() => {
    console.error("bench:cluster: out of time");
    // Never leave the redis-server behind.
    void Promise.all([server.close(), redis.stop()]).finally(() => process.exit(2));
  }, 1_200_000);
  try {
    const rows: string[][] = [
      [
        "run",
        "time / minimum",
        "429s",
        "surfaced",
        "lost",
        "duplicated",
        "Redis trips / call",
        "mean wait per process",
        "seconds",
        "over minimum: start + steps + end (ms)",
      ],
    ];
    let n = 0;
    for (const [procs, perProc] of [
      [4, 200],
      [8, 100],
    ] as const) {
      for (const kind of ["in-process", "learned", "configured", "redis-stop"] as const) {
        if (only && !only.test(`${procs} x ${perProc} ${kind}`)) continue;
        const r = await run(kind, procs, perProc, server, redis, n++);
        rows.push([
          r.name,
          `${r.ratio}x`,
          String(r.r429),
          String(r.surfaced),
          String(r.lost),
          String(r.duplicated),
          r.trips,
          r.spread,
          r.seconds,
          r.overhead,
        ]);
        console.error(`done: ${r.name}`);
      }
    }
    console.log(
      `\n${MAX} requests per ${INTERVAL_MS} ms for one location, sliding window; minimum = (ceil(calls / ${MAX}) - 1) x ${INTERVAL_MS} ms\n`,
    );
    table(rows);
    if (!only || only.test("many")) await manyLocations(server, redis);
  } finally {
    clearTimeout(guard);
    await server.close();
    await redis.stop();
  }
  process.exit(aborted ? 2 : 0);
}

await main();
