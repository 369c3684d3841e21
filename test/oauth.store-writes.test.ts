/**
 * What the stores are asked to do, counted: a Location that is not installed takes no lock and
 * leaves nothing behind (file store: no lock directory, no fence entry; Redis: no key), and a
 * cached "not installed" asks the store for nothing; an agency install records its approved
 * Locations in one write however many there are (`npm run bench:agency` times it).
 */
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFileTokenStore, type TokenStore } from "../src/oauth/index.js";
import { createRedisStore } from "../src/redis/index.js";
import { ctx, setup } from "./oauth-helpers.js";
import { rejectionOf } from "./rejection.js";
import { startRedisServer, type RedisServer } from "./support/redis-server.js";

let redis: RedisServer;
const dirs: string[] = [];
beforeAll(async () => {
  redis = await startRedisServer();
}, 120_000);
afterAll(async () => {
  await redis?.stop();
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function tokenFile() {
  const dir = await mkdtemp(path.join(os.tmpdir(), "oauth-writes-"));
  dirs.push(dir);
  return path.join(dir, "tokens.json");
}

/** `store`, counting each method's calls (and the records setMany was given). */
function counted(store: TokenStore) {
  const calls = { get: 0, set: 0, setMany: 0, records: 0, delete: 0, lock: 0 };
  const view: TokenStore = {
    get: (key) => (calls.get++, store.get(key)),
    set: (key, value, options) => (calls.set++, store.set(key, value, options)),
    delete: (key) => (calls.delete++, store.delete(key)),
    lock: (key, options) => (calls.lock++, store.lock!(key, options)),
    setMany: (entries) => (calls.setMany++, (calls.records += entries.length), store.setMany!(entries)),
  };
  return { calls, store: view };
}

const unknown = Array.from({ length: 50 }, (_, i) => `NOPE${i}`);

describe("Locations that are not installed", () => {
  it("file store: no lock, no lock directory, no fence entry; the cached answer takes no lock either", async () => {
    const file = await tokenFile();
    const { calls, store } = counted(createFileTokenStore(file));
    const { fake, oauth } = await setup({}, { store });
    await oauth.exchangeCode(fake.issueCode({ userType: "Location", locationId: "L1" }));
    const before = { ...calls };
    for (const id of unknown) {
      expect(await rejectionOf(oauth.getToken(ctx(id)))).toMatchObject({ reason: "not_installed" });
    }
    expect(calls.lock - before.lock).toBe(0);
    expect(calls.set - before.set).toBe(0);
    const reads = calls.get;
    for (const id of unknown) await rejectionOf(oauth.getToken(ctx(id))); // answered from the cache
    expect(calls.get - reads).toBe(unknown.length); // one read of the missing record each, no lock
    expect(calls.lock - before.lock).toBe(0);
    // One lock directory per key locked: L1's, from its install; none for the unknown ids.
    const lockDirs = (await readdir(`${file}.locks`)).filter((name) => /^[0-9a-f]{32}$/.test(name));
    expect(lockDirs).toHaveLength(1);
    const { fences } = JSON.parse(await readFile(file, "utf8")) as { fences: Record<string, number> };
    expect(Object.keys(fences)).toEqual(["highlevel-oauth:location:L1"]);
  });

  it("Redis store: no key is left per unknown id, and an uninstalled one leaves nothing", async () => {
    const client = new Redis(redis.url);
    try {
      const prefix = "unknown:";
      const store = createRedisStore(client, { prefix });
      const { fake, oauth } = await setup({}, { store });
      await oauth.exchangeCode(fake.issueCode({ userType: "Location", locationId: "L1" }));
      const installed = (await client.keys(`${prefix}*`)).sort();
      for (const id of unknown) await rejectionOf(oauth.getToken(ctx(id)));
      expect((await client.keys(`${prefix}*`)).sort()).toEqual(installed);
      await oauth.handleWebhook({
        type: "UNINSTALL",
        locationId: "L1",
        companyId: undefined,
        signature: "ed25519",
        appId: "fakeapp",
        timestamp: undefined,
        webhookId: undefined,
      });
      expect((await client.keys(`${prefix}tok:*`)).length).toBe(0);
    } finally {
      client.disconnect();
    }
  });
});

describe("an agency install of 2,000 Locations", () => {
  it("records them in one write, keeping a Location installed on its own", { timeout: 60_000 }, async () => {
    const file = await tokenFile();
    const { calls, store } = counted(createFileTokenStore(file));
    const { fake, oauth } = await setup({}, { store });
    await oauth.exchangeCode(fake.issueCode({ userType: "Location", locationId: "L7" }));
    const approvedLocations = Array.from({ length: 2_000 }, (_, i) => `L${i}`);
    const before = { ...calls };
    const installation = await oauth.exchangeCode(
      fake.issueCode({ userType: "Company", companyId: "C1", approvedLocations }),
    );
    expect(installation.approvedLocations).toHaveLength(2_000);
    // The agency's record and the index of agencies: one lock and one write each; the Locations: one.
    expect(calls.setMany - before.setMany).toBe(1);
    expect(calls.records - before.records).toBe(1_999);
    expect(calls.set - before.set).toBeLessThanOrEqual(2);
    expect(calls.lock - before.lock).toBeLessThanOrEqual(2);
    expect((await oauth.installation({ locationId: "L7" }))?.mintedFromCompany).toBe(false);
    expect(await oauth.installation({ locationId: "L1999" })).toMatchObject({
      companyId: "C1",
      mintedFromCompany: true,
    });
    expect(fake.authorize(await oauth.getToken(ctx("L1234")))).toMatchObject({ locationId: "L1234" });
    // Installed again: the Locations already recorded are not written again.
    const again = { ...calls };
    await oauth.exchangeCode(fake.issueCode({ userType: "Company", companyId: "C1", approvedLocations }));
    expect(calls.records - again.records).toBe(0);
    expect(calls.set - again.set).toBe(1);
  });
});
