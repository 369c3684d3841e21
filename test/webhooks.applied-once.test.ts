/**
 * Issue 21 §0: webhooks applied exactly once, for this app only. Each case is a way the code before
 * the fix let an event be lost or applied for the wrong app:
 * - a replay guard that answers late (or fails after writing): the 503's retry was refused as a replay;
 * - a handler built with `oauth` but no `appId` applied another app's UNINSTALL;
 * - an app event without `appId` passed an `appId` check;
 * - events with neither timestamp nor webhookId could be replayed forever: an option refuses them.
 * Imports go through `/oauth`, which re-exports the webhooks entry.
 */
import { describe, expect, it } from "vitest";
import { ConfigurationError } from "../src/errors/index.js";
import {
  WebhookVerificationError,
  createWebhookHandler,
  verifyWebhook,
  type ReplayGuard,
} from "../src/oauth/index.js";
import { createWebhookSigner, type SignedWebhook } from "../src/testing/oauth/webhooks.js";
import { setup } from "./oauth-helpers.js";
import { rejectionOf } from "./rejection.js";

const signer = createWebhookSigner(Date.now);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const post = (signed: SignedWebhook) =>
  new Request("http://127.0.0.1/webhooks", { method: "POST", body: signed.body, headers: signed.headers });

/** A shared store's guard: it writes the ID first, then answers after `delayMs`, or fails (`failAfterWrite`). */
function sharedGuard() {
  const ids = new Set<string>();
  const state = { delayMs: 0, failAfterWrite: false };
  const guard: ReplayGuard = {
    async firstSeen(id) {
      const first = !ids.has(id);
      ids.add(id);
      await sleep(state.delayMs);
      if (state.failAfterWrite) throw new Error("ECONNRESET after the write");
      return first;
    },
    async forget(id) {
      ids.delete(id);
    },
  };
  return { guard, ids, state };
}

async function installedLocation() {
  const { fake, oauth } = await setup();
  await oauth.exchangeCode(fake.issueCode({ userType: "Location", locationId: "L1", companyId: "C1" }));
  return { fake, oauth, publicKey: await fake.webhooks.publicKey() };
}

describe("a retry the handler asked for is accepted", () => {
  it("the guard answered after the timeout, its write landing late: 503, then the retry is applied", async () => {
    const { fake, oauth, publicKey } = await installedLocation();
    const { guard, ids, state } = sharedGuard();
    const handle = createWebhookHandler({ oauth, publicKey, replayGuard: guard, replayTimeoutMs: 100 });
    const signed = await fake.webhooks.sign({ type: "UNINSTALL", appId: "fakeapp", locationId: "L1" });
    state.delayMs = 600;
    const first = await handle(post(signed));
    expect(first.status).toBe(503);
    expect(await oauth.installation({ locationId: "L1" })).toBeDefined();
    // The late answer says this call wrote the ID; the sender was told to retry, so it is forgotten.
    await sleep(700);
    await expect.poll(() => ids.size, { timeout: 5_000 }).toBe(0);
    state.delayMs = 0; // the store is fast again when the sender retries
    const retried = await handle(post(signed));
    expect(retried.status).toBe(200);
    expect(await retried.json()).toEqual({ ok: true, action: "deleted" });
    expect(await oauth.installation({ locationId: "L1" })).toBeUndefined();
    expect((await handle(post(signed))).status).toBe(401); // applied once: now a replay
  });

  it("the guard wrote the ID, then failed: 503, then the retry is applied", async () => {
    const { fake, oauth, publicKey } = await installedLocation();
    const { guard, state } = sharedGuard();
    const handle = createWebhookHandler({ oauth, publicKey, replayGuard: guard });
    const signed = await fake.webhooks.sign({ type: "UNINSTALL", appId: "fakeapp", locationId: "L1" });
    state.failAfterWrite = true;
    expect((await handle(post(signed))).status).toBe(503);
    state.failAfterWrite = false;
    const retried = await handle(post(signed));
    expect(retried.status).toBe(200);
    expect(await oauth.installation({ locationId: "L1" })).toBeUndefined();
  });
});

describe("events for this app only", () => {
  it("a handler built with oauth takes its app ID: another app's signed UNINSTALL deletes nothing", async () => {
    const { fake, oauth, publicKey } = await installedLocation();
    const handle = createWebhookHandler({ oauth, publicKey });
    const other = await fake.webhooks.sign({ type: "UNINSTALL", appId: "otherapp", locationId: "L1" });
    const response = await handle(post(other));
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: "wrong_app" });
    expect(await oauth.installation({ locationId: "L1" })).toBeDefined();
  });

  it("an UNINSTALL or INSTALL naming no app is refused where an app ID is expected", async () => {
    const { fake, oauth, publicKey } = await installedLocation();
    const handle = createWebhookHandler({ oauth, publicKey });
    const anonymous = await fake.webhooks.sign({ type: "UNINSTALL", locationId: "L1" });
    const response = await handle(post(anonymous));
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: "missing_app_id" });
    expect(await oauth.installation({ locationId: "L1" })).toBeDefined();
    const install = await signer.sign({ type: "INSTALL", locationId: "L9", companyId: "C1" });
    const error = await rejectionOf(
      verifyWebhook({
        rawBody: install.body,
        headers: install.headers,
        publicKey: await signer.publicKey(),
        appId: "fakeapp",
      }),
    );
    expect(error).toBeInstanceOf(WebhookVerificationError);
    expect(error).toMatchObject({ reason: "missing_app_id" });
    // Without an expected app ID (a Private Integration verifying by hand) it is accepted.
    const accepted = await verifyWebhook({
      rawBody: install.body,
      headers: install.headers,
      publicKey: await signer.publicKey(),
    });
    expect(accepted).toMatchObject({ type: "INSTALL", appId: undefined });
  });

  it("an appId that differs from oauth.appId is a configuration error, not a silent choice", async () => {
    const { oauth, publicKey } = await installedLocation();
    expect(() => createWebhookHandler({ oauth, publicKey, appId: "otherapp" })).toThrow(ConfigurationError);
    expect(() => createWebhookHandler({ oauth, publicKey, appId: oauth.appId })).not.toThrow();
  });
});

describe("requiring the replay fields", () => {
  it("refuses events without timestamp or webhookId when asked; accepts them by default", async () => {
    const publicKey = await signer.publicKey();
    const bare = await signer.sign(JSON.stringify({ type: "UNINSTALL", appId: "a", locationId: "L1" }));
    const verify = (extra: object) =>
      verifyWebhook({ rawBody: bare.body, headers: bare.headers, publicKey, ...extra });
    expect(await verify({})).toMatchObject({ type: "UNINSTALL", timestamp: undefined, webhookId: undefined });
    expect(await rejectionOf(verify({ requireTimestamp: true }))).toMatchObject({
      reason: "missing_timestamp",
    });
    expect(await rejectionOf(verify({ requireWebhookId: true }))).toMatchObject({
      reason: "missing_webhook_id",
    });
    const handle = createWebhookHandler({ publicKey, requireTimestamp: true, requireWebhookId: true });
    const response = await handle(post(bare));
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: "missing_timestamp" });
    const full = await signer.sign({ type: "UNINSTALL", appId: "a", locationId: "L1" });
    expect((await handle(post(full))).status).toBe(200);
    expect(() => createWebhookHandler({ publicKey, requireTimestamp: "yes" as unknown as boolean })).toThrow(
      ConfigurationError,
    );
  });
});
