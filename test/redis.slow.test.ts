/**
 * A slow Redis, not a dead one: a real redis-server stops answering the store's commands for a
 * while without closing a connection (`CLIENT PAUSE <ms> WRITE` from an admin connection: the
 * store's scripts declare no flags, so Redis holds every EVAL/EVALSHA until the pause ends, and
 * then runs them; no client event tells the store anything). Unlike `CLIENT PAUSE ALL`, WRITE lets
 * the admin's `CLIENT UNPAUSE` through, so each pause ends when the test says, also when it fails;
 * and unlike `DEBUG SLEEP` it needs no `enable-debug-command` (off by default in Redis 7).
 * With both client libraries: calls through the client settle within a bound tied to the store's
 * timeoutMs (by default through the in-process fallback, with one warning; StoreUnavailableError
 * with `onStoreError: "fail"`), and once the pause ends the location is shared through Redis
 * again; token operations fail with StoreUnavailableError within the bound, a lock waiter whose
 * wake-up cannot come does not hang, and a lock() that got no reply leaves no lock behind when
 * Redis runs it late; a process that went through all this ends by itself.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createVoiceAIClient, VoiceAIError } from "../src/index.js";
import { createRedisStore, StoreUnavailableError, type RedisStore } from "../src/redis/index.js";
import { failOnUnhandledRejections, json, startServer, type TestServer } from "./support/http-server.js";
import { connect, LIBS, type Lib, type TestClient } from "./support/redis-clients.js";
import { startRedisServer, type RedisServer } from "./support/redis-server.js";
import type { SlowWorkerConfig, SlowWorkerResult } from "./support/slow-worker.js";

/** The store's longest wait for one command. */
const TIMEOUT_MS = 200;
/** A call or token operation while Redis is paused: one command's timeout, then a local HTTP round trip, with room for a loaded machine. */
const BOUND_MS = TIMEOUT_MS + 800;
/** The fallback's probe asks Redis every second: once the pause ends, sharing resumes within this. */
const RESUME_MS = 3000;
const WORKER = fileURLToPath(new URL("./support/slow-worker.ts", import.meta.url));

let redis: RedisServer;
let admin: TestClient;
let clients: TestClient[] = [];
let stores: RedisStore[] = [];
let paused = false;
let n = 0;

failOnUnhandledRejections();

beforeAll(async () => {
  redis = await startRedisServer();
  admin = await connect("ioredis", redis.port);
  // As in an app that has been running: Redis has the scripts already, so a command it runs late has its effect.
  const warm = createRedisStore(admin.client, { prefix: "warm:" });
  const limiter = warm.createLimiter({ maxPerInterval: 10, intervalMs: 1000 });
  (await limiter.acquire("LOC"))();
  await warm.set("k", "v");
  await warm.get("k");
  await (await warm.lock("k", { ttlMs: 1000, waitMs: 0 })).release();
  await warm.delete("k");
  await warm.close();
}, 120_000);
afterEach(async () => {
  await unpause();
  await Promise.all(stores.map((s) => s.close()));
  await Promise.all(clients.map((c) => c.close()));
  [stores, clients] = [[], []];
});
afterAll(async () => {
  await admin?.close();
  await redis?.stop();
});

/** Redis holds every script call, on every connection, until unpause(); 10 s at most. */
async function pause() {
  paused = true;
  expect(await admin.ioredis!.call("CLIENT", "PAUSE", "10000", "WRITE")).toBe("OK");
}
async function unpause() {
  if (!paused) return;
  await admin.ioredis!.call("CLIENT", "UNPAUSE");
  paused = false;
}

/** A store on a client of its own, with its warnings recorded. */
async function storeOf(lib: Lib, options: { onStoreError?: "fail"; prefix?: string } = {}) {
  const c = await connect(lib, redis.port);
  clients.push(c);
  const warnings: string[] = [];
  const logger = { warn: (...args: unknown[]) => warnings.push(args.join(" ")) };
  const prefix = options.prefix ?? `s${n++}:`;
  const store = createRedisStore(c.client, { timeoutMs: TIMEOUT_MS, logger, ...options, prefix });
  stores.push(store);
  return { store, warnings, prefix };
}

/** The API: GET /voice-ai/agents/{id} answers that agent (closed after each test by the helper). */
/** Gets an agent of location LOC through a client that shares its limits through `store`. */
function agentGetter(server: TestServer, store: RedisStore) {
  const voiceAI = createVoiceAIClient({
    baseUrl: server.baseUrl,
    token: "t",
    rateLimit: { store, maxPerInterval: 100, intervalMs: 10_000 },
  });
  return (id: string) => voiceAI.agents.get({ agentId: id, locationId: "LOC" });
}

function agentServer(): Promise<TestServer> {
  return startServer((req, res) => {
    const id = new URL(req.url!, "http://x").pathname.split("/").pop();
    json(res, 200, { id, locationId: "LOC", agentName: `Agent ${id}`, actions: [] });
  });
}

type Outcome<T> = { ms: number; value?: T; error?: unknown } | "pending";

/** How each promise settled and how long it took from now; "pending" if not within `ms`. */
async function outcomes<T>(promises: Promise<T>[], ms: number): Promise<Outcome<T>[]> {
  const started = performance.now();
  const results: Outcome<T>[] = promises.map(() => "pending");
  const all = Promise.all(
    promises.map((p, i) =>
      p.then(
        (value) => void (results[i] = { ms: performance.now() - started, value }),
        (error: unknown) => void (results[i] = { ms: performance.now() - started, error }),
      ),
    ),
  );
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([all, new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
  return [...results];
}

/** Waits until `check` holds, at most `ms`; true if it did. */
async function until(check: () => boolean | Promise<boolean>, ms: number): Promise<boolean> {
  const deadline = performance.now() + ms;
  while (!(await check())) {
    if (performance.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 20));
  }
  return true;
}

const errorName = (o: Outcome<unknown>) => (o === "pending" ? "pending" : (o.error as Error)?.name);
const durations = (all: Outcome<unknown>[]) => all.map((o) => (o === "pending" ? Infinity : o.ms));

/** Redis's window for `location`: requests answered (counting there), and slots handed out and unanswered. */
async function windowOf(prefix: string, location: string) {
  const key = `${prefix}rl:{=${location}}`;
  return { answered: await admin.ioredis!.zcard(`${key}:w`), held: await admin.ioredis!.zcard(`${key}:f`) };
}

describe.each(LIBS)("Redis paused, with %s", (lib) => {
  it("by default calls settle within the bound through the in-process fallback, with one warning; then sharing resumes", async () => {
    const server = await agentServer();
    const { store, warnings, prefix } = await storeOf(lib);
    const get = agentGetter(server, store);

    await pause();
    const during = await outcomes(["a1", "a2", "a3"].map(get), BOUND_MS + 2000);
    expect(during.map((o) => (o === "pending" ? "pending" : o.value?.id))).toEqual(["a1", "a2", "a3"]);
    console.log(`${lib}, fallback: calls settled in ${durations(during).map(Math.round).join(", ")} ms`);
    expect(Math.max(...durations(during))).toBeLessThan(BOUND_MS);
    expect(server.requests).toHaveLength(3);
    expect(warnings).toEqual([
      `highlevel-voice-ai/redis: Redis did not answer EVALSHA (sync) within ${TIMEOUT_MS} ms; rate limits are kept per process until Redis answers again`,
    ]);

    await unpause();
    expect(await until(() => warnings.some((w) => /shared again/.test(w)), RESUME_MS)).toBe(true);
    const syncs = store.roundTripsByScript().sync ?? 0;
    const after = await outcomes(["b1", "b2"].map(get), 5000);
    expect(after.map(errorName)).toEqual([undefined, undefined]);
    expect(store.roundTripsByScript().sync).toBeGreaterThan(syncs);
    // Redis counts every request the server got (the three sent on its own were told to it), and
    // holds no slot: those its late-run command handed out during the pause were given back.
    const counted = () => windowOf(prefix, "LOC").then((w) => w.answered === 5 && w.held === 0);
    await until(counted, 2000);
    expect(await windowOf(prefix, "LOC")).toEqual({ answered: 5, held: 0 });
    expect(server.requests).toHaveLength(5);
    expect(warnings).toHaveLength(2);
  });

  it('onStoreError: "fail": calls fail with StoreUnavailableError within the bound, sending nothing; after the pause they go through Redis', async () => {
    const server = await agentServer();
    const { store, warnings, prefix } = await storeOf(lib, { onStoreError: "fail" });
    const get = agentGetter(server, store);

    await pause();
    const during = await outcomes(["a1", "a2", "a3"].map(get), BOUND_MS + 2000);
    expect(during.map(errorName)).toEqual(Array(3).fill("StoreUnavailableError"));
    for (const o of during) {
      if (o === "pending") continue;
      expect(o.error).toBeInstanceOf(StoreUnavailableError);
      expect(o.error).toBeInstanceOf(VoiceAIError);
      expect((o.error as Error).message).toBe(`Redis did not answer EVALSHA (sync) within ${TIMEOUT_MS} ms`);
    }
    console.log(`${lib}, "fail": calls failed in ${durations(during).map(Math.round).join(", ")} ms`);
    expect(Math.max(...durations(during))).toBeLessThan(BOUND_MS);
    expect(server.requests).toHaveLength(0);
    expect(warnings).toEqual([]);

    await unpause();
    const after = await outcomes([get("b1")], 5000);
    expect(after.map(errorName)).toEqual([undefined]);
    // Through Redis: it counts the one request sent, and holds none of the slots handed out late.
    await until(() => windowOf(prefix, "LOC").then((w) => w.answered === 1 && w.held === 0), 2000);
    expect(await windowOf(prefix, "LOC")).toEqual({ answered: 1, held: 0 });
    expect(server.requests).toHaveLength(1);
  });

  it("token operations fail with StoreUnavailableError within the bound; a lock waiter does not hang; a lock() that got no reply leaves no lock behind", async () => {
    const { store: tokens, prefix } = await storeOf(lib);
    const { store: other } = await storeOf(lib, { prefix }); // another process
    await tokens.set("inst", "v1");
    const HELD_TTL_MS = 800;
    const held = await tokens.lock("held", { ttlMs: HELD_TTL_MS, waitMs: 0 });
    // The other process waits for it, subscribed to its release.
    const waiter = outcomes(
      [other.lock("held", { ttlMs: 1000, waitMs: 10_000 })],
      HELD_TTL_MS + BOUND_MS + 2000,
    );
    const asleep = () => other.roundTripsByScript().subscribe === 1 && other.roundTripsByScript().lock === 2;
    expect(await until(asleep, 1000)).toBe(true);

    await pause();
    const during = await outcomes<unknown>(
      [
        tokens.get("inst"),
        tokens.set("inst", "v2"),
        tokens.delete("gone"),
        tokens.lock("inst", { ttlMs: 60_000, waitMs: 5000 }),
        held.release(),
      ],
      BOUND_MS + 2000,
    );
    expect(during.map(errorName)).toEqual(Array(5).fill("StoreUnavailableError"));
    for (const o of during) if (o !== "pending") expect(o.error).toBeInstanceOf(StoreUnavailableError);
    console.log(
      `${lib}: get, set, delete, lock, release failed in ${durations(during).map(Math.round).join(", ")} ms`,
    );
    expect(Math.max(...durations(during))).toBeLessThan(BOUND_MS);
    // Its wake-up cannot come: it sleeps until the lock's expiry, then its next try fails.
    const [waited] = await waiter;
    expect(errorName(waited!)).toBe("StoreUnavailableError");
    expect(durations([waited!])[0]).toBeLessThan(HELD_TTL_MS + BOUND_MS);

    await unpause();
    // Redis has run the late commands by now: neither the lock() that failed nor the waiter's
    // last try holds a lock for nobody (60 s and 1 s), so another process takes both at once.
    const third = (await storeOf(lib, { prefix })).store;
    const locks = await outcomes(
      ["inst", "held"].map((key) => third.lock(key, { ttlMs: 1000, waitMs: 0 })),
      2000,
    );
    expect(locks.map(errorName)).toEqual([undefined, undefined]);
    for (const lock of locks) if (lock !== "pending") await lock.value!.release();
    // The store answers again. "v2" if Redis ran late the set that failed: a write that timed out
    // may still land, as after any timeout.
    const [record] = await outcomes([tokens.get("inst")], 2000);
    expect(["v1", "v2"]).toContain(record !== "pending" && record!.value);
  });

  it("a process that went through a pause ends by itself once its stores are closed and its client quit", async () => {
    const server = await agentServer();
    const config: SlowWorkerConfig = {
      redisPort: redis.port,
      lib,
      apiUrl: server.baseUrl,
      prefix: `p${n++}:`,
    };
    const child = spawn(process.execPath, ["--import", "tsx", WORKER], {
      env: { ...process.env, SLOW_WORKER: JSON.stringify(config) },
      stdio: ["ignore", "pipe", "inherit"],
    });
    const killer = setTimeout(() => child.kill("SIGKILL"), 15_000);
    let out = "";
    let doneAt = Infinity;
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (out.endsWith("\n") && doneAt === Infinity) doneAt = performance.now();
    });
    try {
      const code = await new Promise((resolve) => child.once("exit", resolve));
      const exitedIn = performance.now() - doneAt;
      const result = JSON.parse(out.trim().split("\n").pop() || "null") as SlowWorkerResult;
      expect(result).toEqual({
        during: ["ok", "ok", "StoreUnavailableError", "StoreUnavailableError"],
        waiter: "StoreClosedError",
        sharedAgain: true,
        after: "ok",
      });
      // It ended by itself (no process.exit), at once: nothing of the stores kept it alive.
      expect(code).toBe(0);
      expect(exitedIn).toBeLessThan(2000);
    } finally {
      clearTimeout(killer);
      child.kill("SIGKILL");
    }
  }, 25_000);
});
