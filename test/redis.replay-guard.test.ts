/**
 * `store.replayGuard` of highlevel-voice-ai/redis against a real redis-server: the processes of an
 * app share one guard, so a webhook (by webhookId) and a call end (by call ID) are applied once by
 * the whole fleet; IDs expire by themselves; a Redis that is gone is a 503 (retry), not a crash.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRedisStore } from "../src/redis/index.js";
import { createWebhookHandler, type CallEndEvent } from "../src/webhooks/index.js";
import { createWebhookSigner } from "../src/testing/oauth/webhooks.js";
import { connect, deadClient, LIBS, type TestClient } from "./support/redis-clients.js";
import { startRedisServer, type RedisServer } from "./support/redis-server.js";

let redis: RedisServer;
const clients: TestClient[] = [];
let n = 0;
const signer = createWebhookSigner(Date.now);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const CALL = { id: "", locationId: "L1", agentId: "a1", duration: 42, executedCallActions: [] };

beforeAll(async () => {
  redis = await startRedisServer();
}, 120_000);
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await redis?.stop();
});

describe.each(LIBS)("store.replayGuard with %s", (lib) => {
  async function store() {
    const c = await connect(lib, redis.port);
    clients.push(c);
    return createRedisStore(c.client, { prefix: `rg${n++}:` });
  }

  it("answers true once per ID within its ttl, forgets on request, and expires by itself", async () => {
    const guard = (await store()).replayGuard;
    expect(await guard.firstSeen("w1", 400)).toBe(true);
    expect(await guard.firstSeen("w1", 400)).toBe(false);
    await guard.forget!("w1");
    expect(await guard.firstSeen("w1", 400)).toBe(true);
    await sleep(600);
    expect(await guard.firstSeen("w1", 400)).toBe(true);
  });

  it("three workers (stores of their own on one Redis) run each call end once", async () => {
    const prefix = `fleet${n++}:`;
    const runs: CallEndEvent[] = [];
    const publicKey = await signer.publicKey();
    const workers = await Promise.all(
      [0, 1, 2].map(async () => {
        const c = await connect(lib, redis.port);
        clients.push(c);
        const { replayGuard } = createRedisStore(c.client, { prefix });
        return createWebhookHandler({ publicKey, replayGuard, onCallEnd: (event) => void runs.push(event) });
      }),
    );
    const deliveries = [];
    for (let call = 0; call < 10; call++)
      for (let copy = 0; copy < 3; copy++) deliveries.push({ ...CALL, id: `call-${call}` });
    const statuses = await Promise.all(
      deliveries.map(async (body, i) => {
        const signed = await signer.sign(body);
        const response = await workers[i % 3]!(
          new Request("http://127.0.0.1/", { method: "POST", ...signed }),
        );
        return response.status;
      }),
    );
    expect(statuses).toEqual(Array(30).fill(200));
    expect(runs.map((e) => e.id).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `call-${i}`).sort());
  });
});

it("a Redis that does not answer: 503 within the replay timeout, nothing run", async () => {
  const dead = deadClient();
  clients.push(dead);
  const { replayGuard } = createRedisStore(dead.client, { prefix: "dead:", timeoutMs: 200 });
  let runs = 0;
  const handle = createWebhookHandler({
    publicKey: await signer.publicKey(),
    replayGuard,
    replayTimeoutMs: 1000,
    onCallEnd: () => void runs++,
  });
  const started = performance.now();
  const signed = await signer.sign({ ...CALL, id: "c-dead" });
  const response = await handle(new Request("http://127.0.0.1/", { method: "POST", ...signed }));
  expect(response.status).toBe(503);
  expect(await response.json()).toEqual({ error: "replay_check_failed" });
  expect(performance.now() - started).toBeLessThan(5_000);
  expect(runs).toBe(0);
});
