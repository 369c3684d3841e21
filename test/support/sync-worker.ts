/**
 * One worker of the multi-process sync tests and benchmarks (`node --import tsx
 * test/support/sync-worker.ts`, its config as JSON in SYNC_WORKER_CONFIG): syncs the locations
 * over a shared checkpoint store (Redis or a directory), appends each log it is handed to its
 * output file (`{"id","locationId"}` per line) before acknowledging it, prints `HOLD <location>`
 * for the first log of each location and `COUNT <n>` every 10 logs, and last one JSON line: its
 * progress.
 */
import { appendFileSync } from "node:fs";
import { Redis } from "ioredis";
import { createVoiceAIClient } from "../../src/index.js";
import { createRedisCheckpointStore, createRedisStore } from "../../src/redis/index.js";
import { createFileCheckpointStore, syncCallLogs, type CheckpointStore } from "../../src/sync/index.js";

export interface SyncWorkerConfig {
  baseUrl: string;
  /** Each location's Private Integration Token. */
  tokens: Record<string, string>;
  store: "redis" | "file";
  redisPort?: number;
  prefix?: string;
  dir?: string;
  out: string;
  leaseMs: number;
  pageSize?: number;
  concurrency?: number;
  /** The consumer's time per log (ms): how long a log stays in hand. */
  delayMs?: number;
  /** The client's rate limit (shared through Redis when the store is Redis). */
  rateLimit?: { maxPerInterval: number; intervalMs: number };
  prefetch?: number;
  /** Print READY, then start on a "go" line on stdin (benchmarks: start-up is not timed). */
  waitForGo?: boolean;
  /** Ctrl-C stops the sync (its signal), as a command-line tool would. */
  stopOnSigint?: boolean;
}

const config = JSON.parse(process.env.SYNC_WORKER_CONFIG!) as SyncWorkerConfig;
const redis =
  config.store === "redis"
    ? new Redis({ port: config.redisPort!, host: "127.0.0.1", retryStrategy: (n) => Math.min(n * 50, 200) })
    : undefined;
redis?.on("error", () => {});
const checkpoints: CheckpointStore = redis
  ? createRedisCheckpointStore(redis, { prefix: config.prefix })
  : createFileCheckpointStore(config.dir!);
const limits =
  redis && config.rateLimit ? createRedisStore(redis, { prefix: `${config.prefix}rl:` }) : undefined;
const client = createVoiceAIClient({
  baseUrl: config.baseUrl,
  token: ({ locationId }) => config.tokens[locationId!]!,
  rateLimit: config.rateLimit ? { ...config.rateLimit, ...(limits && { store: limits }) } : false,
});
const held = new Set<string>();
let count = 0;
const stop = new AbortController();
if (config.stopOnSigint) process.once("SIGINT", () => stop.abort());
if (config.waitForGo) {
  console.log("READY");
  await new Promise((resolve) => process.stdin.once("data", resolve));
}
const startedAt = performance.timeOrigin + performance.now();
const stream = syncCallLogs({
  signal: stop.signal,
  ...(config.prefetch && { prefetch: config.prefetch }),
  client,
  checkpoints,
  locations: Object.keys(config.tokens),
  settleMs: 0,
  leaseMs: config.leaseMs,
  pageSize: config.pageSize ?? 10,
  concurrency: config.concurrency ?? 4,
});
try {
  for await (const log of stream) {
    if (config.delayMs) await new Promise((resolve) => setTimeout(resolve, config.delayMs));
    appendFileSync(config.out, `${JSON.stringify({ id: log.id, locationId: log.locationId })}\n`);
    if (!held.has(log.locationId)) {
      held.add(log.locationId);
      console.log(`HOLD ${log.locationId}`);
    }
    if (++count % 10 === 0) console.log(`COUNT ${count}`);
  }
} catch (error) {
  if (!stop.signal.aborted) throw error;
} finally {
  const { failures, ...progress } = stream.progress;
  const finishedAt = performance.timeOrigin + performance.now();
  const failed = failures.map((f) => `${f.locationId}: ${String(f.error)}`);
  console.log(JSON.stringify({ ...progress, failures: failed, startedAt, finishedAt }));
  await limits?.close();
  redis?.disconnect();
}
