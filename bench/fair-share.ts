/**
 * `npm run bench:fair`: more processes sharing one location than its per-interval limit. Not a
 * test: it prints a table and exits 0 unless a run had to be aborted (exit 2).
 *
 * A local server (test/support/window-server.ts) enforces 10 requests per 1000 ms for the location
 * (sliding window, 429 past it). For 4, 11, 16 and 32 worker processes
 * (test/support/cluster-worker.ts, each a real createVoiceAIClient with the Redis store and
 * `rateLimit: { maxPerInterval: 10, intervalMs: 1000 }`), each calling the location on 3 loops
 * without pause for 20 s (every process always wants more than its share), it prints per run:
 * the slowest process's first slot (ms from its own start: the parent's go reaches some of them
 * late on a loaded machine, shown as "latest start") against the bound ceil(processes / 10)
 * intervals, that process's share of what was served (and against a fair 1/processes), the
 * smallest and largest share, the longest gap between two slots of one process, the processes
 * never served, the 429s the server sent, and the busiest window it saw (at most 10 when the
 * limit held).
 * BENCH_ONLY=<regex> runs only the matching process counts ("^11$").
 */
import { startRedisServer } from "../test/support/redis-server.js";
import { startWindowServer, type WindowServer } from "../test/support/window-server.js";
import type { WorkerConfig } from "../test/support/cluster-worker.js";
import { runWorkers } from "../test/support/workers.js";

const MAX = 10;
const INTERVAL_MS = 1000;
const DURATION_MS = 20_000;
const only = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY) : undefined;

interface Figures {
  processes: number;
  bound: number;
  slowestFirst: number;
  /** The latest a process began after the go. */
  lateStart: number;
  slowestShare: number;
  minShare: number;
  maxShare: number;
  longestGap: number;
  /** Processes that got no slot in the whole run. */
  starved: number;
  served: number;
  r429: number;
  busiest: number;
}

async function run(processes: number, server: WindowServer, redisPort: number): Promise<Figures> {
  server.reset();
  const prefix = `fair${processes}:`;
  const configs: WorkerConfig[] = Array.from({ length: processes }, (_, p) => ({
    mode: "calls",
    lib: p % 2 ? "redis" : "ioredis",
    redisPort,
    baseUrl: server.url,
    prefix,
    warmup: `WARM${p}`,
    flood: { name: `${prefix}${p}`, location: "LOC", durationMs: DURATION_MS, concurrency: 3 },
    rateLimit: { maxPerInterval: MAX, intervalMs: INTERVAL_MS },
  }));
  let goAt = 0;
  const results = await runWorkers(
    configs,
    DURATION_MS + 240_000,
    () => (goAt = performance.timeOrigin + performance.now()),
  );
  const served = server.arrivals.filter(
    (a) => a.location === "LOC" && a.status === 200 && a.at <= goAt + DURATION_MS,
  );
  const per = configs.map((c) => served.filter((a) => a.id.startsWith(`${c.flood!.name}-`)).map((a) => a.at));
  // From each process's own go (a loaded machine hands it out late to some): its wait for a slot.
  const firsts = per.map((times, p) => (times.length ? times[0]! - results[p]!.startedAt! : Infinity));
  const slowest = firsts.indexOf(Math.max(...firsts));
  const lateStart = Math.max(...results.map((r) => r.startedAt! - goAt));
  const shares = per.map((times) => times.length / served.length);
  const gaps = per.map((times) =>
    Math.max(...[...times, goAt + DURATION_MS].map((t, i) => t - (i ? times[i - 1]! : goAt))),
  );
  return {
    processes,
    bound: Math.ceil(processes / MAX) * INTERVAL_MS,
    slowestFirst: firsts[slowest]!,
    lateStart,
    slowestShare: shares[slowest]!,
    minShare: Math.min(...shares),
    maxShare: Math.max(...shares),
    longestGap: Math.max(...gaps),
    starved: per.filter((times) => !times.length).length,
    served: served.length,
    r429: server.arrivals.filter((a) => a.location === "LOC" && a.status === 429).length,
    busiest: server.busiestWindow("LOC"),
  };
}

const pct = (share: number, processes: number) =>
  `${(share * 100).toFixed(1)}% (${(share * processes).toFixed(2)}x fair)`;

function table(rows: string[][]) {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const [i, r] of rows.entries()) {
    console.log(`| ${r.map((c, j) => c.padEnd(widths[j]!)).join(" | ")} |`);
    if (i === 0) console.log(`| ${widths.map((w) => "-".repeat(w)).join(" | ")} |`);
  }
}

async function main() {
  const redis = await startRedisServer();
  const server = await startWindowServer(MAX, INTERVAL_MS);
  let aborted = false;
  const rows = [
    [
      "processes",
      "slowest first slot (bound)",
      "latest start",
      "its share",
      "smallest share",
      "largest share",
      "longest gap",
      "never served",
      "served",
      "429s",
      "busiest window",
    ],
  ];
  try {
    for (const processes of [4, 11, 16, 32]) {
      if (only && !only.test(String(processes))) continue;
      try {
        const f = await run(processes, server, redis.port);
        rows.push([
          String(processes),
          `${Math.round(f.slowestFirst)} ms (${f.bound} ms)`,
          `${Math.round(f.lateStart)} ms`,
          pct(f.slowestShare, processes),
          pct(f.minShare, processes),
          pct(f.maxShare, processes),
          `${Math.round(f.longestGap)} ms`,
          String(f.starved),
          String(f.served),
          String(f.r429),
          `${f.busiest} / ${MAX}`,
        ]);
        console.error(`done: ${processes} processes`);
      } catch (error) {
        aborted = true;
        console.error(`${processes} processes: aborted (${String(error)})`);
      }
    }
    console.log(
      `\n${MAX} requests per ${INTERVAL_MS} ms at one location, ${DURATION_MS / 1000} s, each process calling on 3 loops\n`,
    );
    table(rows);
  } finally {
    await server.close();
    await redis.stop();
  }
  process.exit(aborted ? 2 : 0);
}

await main();
