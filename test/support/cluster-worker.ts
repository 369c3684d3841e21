/**
 * One worker process of the multi-process tests and of `npm run bench:cluster`
 * (`node --import tsx test/support/cluster-worker.ts`, its config in the JSON file WORKER_CONFIG_FILE).
 * "calls": a real client (createVoiceAIClient) makes GET /voice-ai/agents/{id} calls, all at once
 * or one after the other, once the parent says go; "tokens": an OAuth-like refresh under the store's lock. It prints one
 * JSON line with what happened and exits.
 */
import { readFileSync } from "node:fs";
import { Redis } from "ioredis";
import { createClient } from "redis";
import { createVoiceAIClient, type VoiceAIClient } from "../../src/index.js";
import { createRedisStore, type RedisStore } from "../../src/redis/index.js";

export interface WorkerConfig {
  mode: "calls" | "tokens";
  lib: "ioredis" | "redis" | "none";
  redisPort: number;
  baseUrl: string;
  prefix: string;
  /** calls: ids to get, each with its location. */
  calls?: { id: string; location: string }[];
  sequential?: boolean;
  /** calls: instead of `calls`, `concurrency` loops calling `location` one call after the other until `durationMs` pass (ids `<name>-<n>`). */
  flood?: { name: string; location: string; durationMs: number; concurrency: number };
  rateLimit?: { maxPerInterval?: number; intervalMs?: number };
  maxRetries?: number;
  onStoreError?: "fallback" | "fail";
  /** tokens: how many concurrent token reads; "hold" takes the lock and hangs (to be killed). */
  /** calls: a location to make 10 calls to before READY, so that the timed calls run warm code. */
  warmup?: string;
  reads?: number;
  hold?: boolean;
  /** tokens: hold the lock this long before refreshing (a slow refresh). */
  holdMs?: number;
  /** tokens: the lock's ttlMs (default 1000). */
  lockTtlMs?: number;
}

export interface WorkerResult {
  ok: number;
  errors: Record<string, number>;
  roundTrips: number;
  byScript?: Record<string, number>;
  warnings: string[];
  /** Per call: ms from its start to its end. */
  durations: number[];
  elapsedMs: number;
  /** When it got the go (performance.timeOrigin + now: comparable across processes of one machine). */
  startedAt?: number;
  tokens?: string[];
}

const config = JSON.parse(readFileSync(process.env.WORKER_CONFIG_FILE!, "utf8")) as WorkerConfig;
const warnings: string[] = [];
/** Each warning with when it came, in ms from the go (before it: negative). */
let goAt = performance.now();
const logger = {
  warn: (...args: unknown[]) =>
    warnings.push(`[${Math.round(performance.now() - goAt)} ms] ${args.map(String).join(" ")}`),
};
const fastReconnect = (attempt: number) => Math.min(attempt * 50, 200);

async function connect(): Promise<{ store: RedisStore | undefined; close: () => Promise<void> }> {
  const options = { prefix: config.prefix, logger, onStoreError: config.onStoreError };
  if (config.lib === "ioredis") {
    const client = new Redis({ port: config.redisPort, host: "127.0.0.1", retryStrategy: fastReconnect });
    client.on("error", () => {});
    return { store: createRedisStore(client, options), close: async () => client.disconnect() };
  }
  if (config.lib === "redis") {
    const client = createClient({
      url: `redis://127.0.0.1:${config.redisPort}`,
      socket: { reconnectStrategy: fastReconnect },
    });
    client.on("error", () => {});
    await client.connect();
    return { store: createRedisStore(client, options), close: async () => void client.destroy() };
  }
  return { store: undefined, close: async () => {} };
}

function callMaker(client: VoiceAIClient, result: WorkerResult) {
  return async ({ id, location }: { id: string; location: string }, signal?: AbortSignal) => {
    const started = performance.now();
    try {
      await client.agents.get({ agentId: id, locationId: location }, { signal });
      result.ok++;
    } catch (error) {
      if (signal?.aborted) return; // a flood's end: not a failure
      const name = error instanceof Error ? error.name : "unknown";
      result.errors[name] = (result.errors[name] ?? 0) + 1;
    }
    result.durations.push(Math.round(performance.now() - started));
  };
}

/**
 * The run of "calls". With `warmup`, 10 calls go first (before READY) through a client of their
 * own without the store, so that the timed calls run warm code but nothing is learned for them.
 */
async function prepareCalls(store: RedisStore | undefined, result: WorkerResult) {
  const options = { baseUrl: config.baseUrl, token: "worker-token", maxRetries: config.maxRetries ?? 2 };
  if (config.warmup) {
    const location = config.warmup;
    const warm = callMaker(createVoiceAIClient(options), { ...result, errors: {}, durations: [] });
    await Promise.all(Array.from({ length: 10 }, (_, i) => warm({ id: `${location}-${i}`, location })));
  }
  const one = callMaker(
    createVoiceAIClient({ ...options, rateLimit: { ...config.rateLimit, store } }),
    result,
  );
  return async () => {
    if (config.flood) return flood(one, config.flood);
    const calls = config.calls ?? [];
    if (config.sequential) for (const call of calls) await one(call);
    else await Promise.all(calls.map((call) => one(call)));
  };
}

/** Calls one after the other on each of `concurrency` loops until `durationMs` pass. */
async function flood(
  one: (call: { id: string; location: string }, signal: AbortSignal) => Promise<void>,
  { name, location, durationMs, concurrency }: NonNullable<WorkerConfig["flood"]>,
) {
  const end = performance.now() + durationMs;
  let n = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      // Each call waits at most until the end: a slot that comes later is not taken.
      for (let left; (left = end - performance.now()) > 0;)
        await one({ id: `${name}-${n++}`, location }, AbortSignal.timeout(Math.ceil(left)));
    }),
  );
}

/** What createOAuth does around a refresh: read; if stale, lock, read again, refresh once, store fenced. */
async function readToken(store: RedisStore): Promise<string> {
  const key = "installation:LOC";
  const fresh = (raw: string | undefined) =>
    raw ? (JSON.parse(raw) as { access: string; refresh: string; stale?: boolean }) : undefined;
  const record = fresh(await store.get(key));
  if (record && !record.stale) return record.access;
  const lock = await store.lock(key, { ttlMs: config.lockTtlMs ?? 1000, waitMs: 10_000 });
  try {
    const again = fresh(await store.get(key));
    if (again && !again.stale) return again.access;
    if (config.hold || config.holdMs) process.stdout.write("HOLDING\n");
    if (config.hold) await new Promise(() => {});
    if (config.holdMs) await new Promise((r) => setTimeout(r, config.holdMs));
    const response = await fetch(`${config.baseUrl}/oauth/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "refresh_token", refresh_token: again!.refresh }),
    });
    const body = (await response.json()) as { access_token?: string; refresh_token?: string; error?: string };
    if (!response.ok) throw new Error(`refresh refused: ${body.error}`);
    await store.set(key, JSON.stringify({ access: body.access_token, refresh: body.refresh_token }), {
      fence: lock.fence,
    });
    return body.access_token!;
  } finally {
    await lock.release();
  }
}

async function main() {
  const { store, close } = await connect();
  const result: WorkerResult = { ok: 0, errors: {}, roundTrips: 0, warnings, durations: [], elapsedMs: 0 };
  const runCalls = config.mode === "calls" ? await prepareCalls(store, result) : undefined;
  // A barrier between the processes: ready, then wait for the parent's go on stdin.
  process.stdout.write("READY\n");
  await new Promise((resolve) => process.stdin.once("data", resolve));
  process.stdin.pause();
  const started = performance.now();
  goAt = started;
  result.startedAt = performance.timeOrigin + started;
  if (runCalls) await runCalls();
  else {
    result.tokens = await Promise.all(Array.from({ length: config.reads ?? 1 }, () => readToken(store!)));
    result.ok = result.tokens.length;
  }
  result.elapsedMs = Math.round(performance.now() - started);
  result.roundTrips = store?.roundTrips ?? 0;
  result.byScript = store?.roundTripsByScript() ?? {};
  process.stdout.write(`${JSON.stringify(result)}\n`);
  // What the process still holds in Redis is given back; the client is ours to quit.
  await store?.close();
  await close();
  process.exit(0);
}

main().catch((error: unknown) => {
  process.stdout.write(`${JSON.stringify({ fatal: String(error) })}\n`);
  process.exit(1);
});
