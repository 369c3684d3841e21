/**
 * Webhook de-duplication through a pluggable replay guard: one shared by several receivers, the
 * bounded in-memory default, a guard that fails or hangs (rejected, retryable, nothing of its error
 * shown), and a delivery whose processing failed being accepted again when it is retried.
 */
import { describe, expect, it } from "vitest";
import { ConfigurationError } from "../src/errors/index.js";
import {
  WebhookVerificationError,
  createMemoryTokenStore,
  createReplayGuard,
  createWebhookHandler,
  verifyWebhook,
  type ReplayGuard,
} from "../src/oauth/index.js";
import { createWebhookSigner } from "../src/testing/oauth/webhooks.js";
import { setup } from "./oauth-helpers.js";
import { rejectionOf } from "./rejection.js";

const signer = createWebhookSigner(Date.now);
const UNINSTALL = { type: "UNINSTALL", appId: "fakeapp", locationId: "L1", companyId: "C1" };

/** A guard over one map standing for a shared store (Redis, a database), answering after a delay. */
function sharedGuard() {
  const ids = new Map<string, number>();
  const guard: ReplayGuard = {
    async firstSeen(id, ttlMs) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      if ((ids.get(id) ?? 0) > Date.now()) return false;
      ids.set(id, Date.now() + ttlMs);
      return true;
    },
    async forget(id) {
      ids.delete(id);
    },
  };
  return { guard, ids };
}

const post = (signed: { body: string; headers: Record<string, string> }) =>
  new Request("http://127.0.0.1/webhooks", { method: "POST", body: signed.body, headers: signed.headers });

describe("webhook replay guards", () => {
  it("receivers sharing one guard accept a delivery once between them", async () => {
    const { guard, ids } = sharedGuard();
    const publicKey = await signer.publicKey();
    const receivers = [1, 2, 3].map(() => createWebhookHandler({ publicKey, replayGuard: guard }));
    const signed = await signer.sign(UNINSTALL);
    const statuses = await Promise.all(receivers.map(async (handle) => (await handle(post(signed))).status));
    expect(statuses.sort()).toEqual([200, 401, 401]);
    expect(ids.size).toBe(1);
    // Kept for twice the timestamp window.
    expect([...ids.values()][0]! - Date.now()).toBeGreaterThan(590_000);
  });

  it("the in-memory guard is bounded and refuses a bound that is not a positive integer", async () => {
    const guard = createReplayGuard(2);
    for (const id of ["a", "b", "c"]) expect(await guard.firstSeen(id, 60_000)).toBe(true);
    expect(await guard.firstSeen("c", 60_000)).toBe(false);
    expect(await guard.firstSeen("a", 60_000)).toBe(true); // dropped as the oldest beyond 2
    await guard.forget?.("c");
    expect(await guard.firstSeen("c", 60_000)).toBe(true);
    for (const bad of [0, -1, 1.5, Number.NaN, "10" as unknown as number, 2 ** 40]) {
      expect(() => createReplayGuard(bad), String(bad)).toThrow(ConfigurationError);
    }
  });

  it("a guard that fails, hangs or answers nonsense rejects the call as unchecked, showing nothing of its error", async () => {
    const publicKey = await signer.publicKey();
    const secret = "redis://:hunter2-secret@cache.internal:6379";
    const guards: ReplayGuard[] = [
      { firstSeen: async () => Promise.reject(new Error(`connect ECONNREFUSED ${secret}`)) },
      { firstSeen: () => new Promise<boolean>(() => undefined) },
      { firstSeen: async () => "yes" as unknown as boolean },
    ];
    for (const replayGuard of guards) {
      const started = performance.now();
      const signed = await signer.sign(UNINSTALL);
      const error = await rejectionOf(
        verifyWebhook({
          rawBody: signed.body,
          headers: signed.headers,
          publicKey,
          replayGuard,
          replayTimeoutMs: 100,
        }),
      );
      expect(performance.now() - started).toBeLessThan(2_000);
      expect(error).toBeInstanceOf(WebhookVerificationError);
      expect(error).toMatchObject({ reason: "replay_check_failed" });
      expect(JSON.stringify(error) + String(error) + (error as Error).stack).not.toContain("hunter2");
      expect((error as Error).cause).toBeUndefined();
    }
    // The handler answers 503: the sender should deliver again later.
    const handle = createWebhookHandler({ publicKey, replayGuard: guards[0], replayTimeoutMs: 100 });
    const response = await handle(post(await signer.sign(UNINSTALL)));
    expect(response.status).toBe(503);
    expect(await response.text()).not.toContain("hunter2");
    expect(() => createWebhookHandler({ publicKey, replayGuard: {} as ReplayGuard })).toThrow(
      ConfigurationError,
    );
    expect(() => createWebhookHandler({ publicKey, replayTimeoutMs: 0 })).toThrow(ConfigurationError);
  });

  it("a delivery whose processing failed is accepted when it is delivered again", async () => {
    const store = createMemoryTokenStore();
    let failNext = false;
    const remove = store.delete.bind(store);
    store.delete = async (key) => {
      if (failNext) {
        failNext = false;
        throw new Error("the store is down");
      }
      return remove(key);
    };
    const { fake, oauth } = await setup({}, { store });
    const publicKey = await fake.webhooks.publicKey();
    // The default in-memory guard, and a shared one with `forget`.
    for (const replayGuard of [undefined, sharedGuard().guard]) {
      const handle = createWebhookHandler({ oauth, publicKey, replayGuard });
      const signed = await fake.webhooks.sign(UNINSTALL);
      failNext = true;
      expect((await handle(post(signed))).status).toBe(500);
      const retried = await handle(post(signed));
      expect(retried.status).toBe(200);
      expect(await retried.json()).toEqual({ ok: true, action: "deleted" });
      expect((await handle(post(signed))).status).toBe(401); // processed once: a replay again
    }
  });
});
