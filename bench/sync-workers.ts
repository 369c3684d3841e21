/**
 * `npm run bench:sync-workers`: syncCallLogs in several processes sharing Redis (checkpoints,
 * leases and the rate limits), against the fake in a process of its own. Not a test: it prints
 * figures. BENCH_ONLY=<regex> runs only the matching parts ("fleet", "kill").
 *
 * fleet    4 workers sync 50 locations x 400 calls (pages of 50) under 2 requests per
 *          BENCH_INTERVAL_MS (default 5000) per location: time from "go" to the last worker done,
 *          against the fastest the limits allow (3 intervals), duplicates, missing calls.
 * kill     the same with 2 requests per 1000 ms and 16 locations at once per worker: one worker
 *          alone; 4 workers; 4 workers with one SIGKILLed half-way (leases of 3 s: its locations
 *          are taken over once they end). Every call handed over, the repeats the kill caused.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { startRedisServer } from "../test/support/redis-server.js";
import { startSyncWorker, stopAll, type SyncWorker } from "../test/support/sync-workers.js";
import { lazyId } from "./support/lazy-call-logs.js";
import { seconds, sleep, startFakeProcess, tally } from "./support/processes.js";

const only = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY) : undefined;
const locations = Array.from({ length: 50 }, (_, i) => `LOC${String(i + 1).padStart(2, "0")}`);
const expected = locations.flatMap((l) => Array.from({ length: 400 }, (_, i) => lazyId(l, i)));
const redis = await startRedisServer();
const dir = await mkdtemp(path.join(os.tmpdir(), "voice-ai-bench-workers-"));
let n = 0;

interface Run {
  workers: number;
  intervalMs: number;
  /** Kill the first worker once it handed over this many logs. */
  killAfter?: number;
}

async function run({ workers, intervalMs, killAfter }: Run) {
  const lazy = { perLocation: 400, start: Date.now() - 400_000 - 60_000, stepMs: 1000 };
  const fake = await startFakeProcess({ locations, callLogs: 0, rateLimit: { max: 2, intervalMs }, lazy });
  const started: SyncWorker[] = [];
  try {
    const prefix = `bench${n++}:`;
    for (let w = 0; w < workers; w++) {
      const config = {
        baseUrl: fake.url,
        tokens: fake.tokens,
        store: "redis" as const,
        redisPort: redis.port,
        prefix,
        out: path.join(dir, `out-${n}-${w}.ndjson`),
        leaseMs: 3000,
        pageSize: 50,
        prefetch: 2,
        concurrency: 16,
        rateLimit: { maxPerInterval: 2, intervalMs },
        waitForGo: true,
      };
      started.push(startSyncWorker(config, 300_000));
    }
    await Promise.all(started.map((w) => w.until((line) => line === "READY")));
    const goAt = performance.timeOrigin + performance.now();
    for (const w of started) w.go();
    let killedAt: number | undefined;
    if (killAfter !== undefined) {
      await started[0]!.until((line) => line === `COUNT ${killAfter}`);
      started[0]!.child.kill("SIGKILL");
      killedAt = performance.timeOrigin + performance.now() - goAt;
    }
    const results = await Promise.all(started.map((w) => w.exited));
    const finished = Math.max(...results.map((r) => Number(r.progress?.finishedAt ?? 0)));
    const counts = tally(
      started.flatMap((w) => w.logs().map((l) => l.id)),
      expected,
    );
    const failures = results.flatMap((r) => (r.progress?.failures as string[] | undefined) ?? []);
    return { ms: finished - goAt, counts, killedAt, failures };
  } finally {
    stopAll(started);
    await fake.close();
  }
}

try {
  console.log(`node ${process.version}, ${os.cpus().length} CPUs`);
  if (!only || only.test("fleet")) {
    const intervalMs = Number(process.env.BENCH_INTERVAL_MS ?? 5000);
    const minimum = 3 * intervalMs;
    const { ms, counts, failures } = await run({ workers: 4, intervalMs });
    console.log(
      `4 workers, 2 per ${intervalMs} ms:  ${seconds(ms)}  min ${seconds(minimum)}  ratio ${(ms / minimum).toFixed(3)}` +
        `  calls ${counts.total}  duplicates ${counts.duplicates}  missing ${counts.missing}  failures ${failures.length}`,
    );
  }
  if (!only || only.test("kill")) {
    const one = await run({ workers: 1, intervalMs: 1000 });
    const four = await run({ workers: 4, intervalMs: 1000 });
    const killed = await run({ workers: 4, intervalMs: 1000, killAfter: 2500 });
    for (const [name, r] of [
      ["1 worker", one],
      ["4 workers", four],
      ["4 workers, 1 SIGKILLed", killed],
    ] as const) {
      console.log(
        `${name.padEnd(24)} ${seconds(r.ms).padStart(8)} (${(r.ms / one.ms).toFixed(2)} x one worker's)` +
          `${r.killedAt ? `  killed at ${seconds(r.killedAt)}` : ""}  calls ${r.counts.total}` +
          `  duplicates ${r.counts.duplicates}  missing ${r.counts.missing}  failures ${r.failures.length}`,
      );
    }
  }
} finally {
  await redis.stop();
  await rm(dir, { recursive: true, force: true });
  await sleep(0);
}
