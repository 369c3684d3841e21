/**
 * The OAuth side of the Redis store: records encrypted at rest with `encryptionKey` (readable
 * with HGETALL otherwise); valid tokens that survive a Redis restart (held in process, never past
 * their expiry); and replies of an unexpected shape, which become StoreUnavailableError instead
 * of a TypeError or a record taken for missing.
 */
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOAuth, ReauthorizationRequiredError, TokenStoreError } from "../src/oauth/index.js";
import { createRedisStore, StoreUnavailableError } from "../src/redis/index.js";
import { REDIRECT, ctx, manualClock, setup } from "./oauth-helpers.js";
import { rejectionOf } from "./rejection.js";
import { startRedisServer, type RedisServer } from "./support/redis-server.js";

const KEY = "redis-encryption-key-0123456789-abcdef";
const HOUR = 3_600_000;
let redis: RedisServer;
let client: Redis;
beforeAll(async () => {
  redis = await startRedisServer();
  client = new Redis(redis.url, { maxRetriesPerRequest: 1, retryStrategy: () => 50 });
  client.on("error", () => {});
}, 120_000);
afterAll(async () => {
  client?.disconnect();
  await redis?.stop();
});

describe("encryption at rest", () => {
  it("HGETALL shows no token; a wrong or missing key, or a record moved to another key, is refused", async () => {
    const prefix = "enc:";
    const { fake, oauth, secrets } = await setup(
      {},
      { store: createRedisStore(client, { prefix, encryptionKey: KEY }) },
    );
    await oauth.exchangeCode(fake.issueCode({ userType: "Location", locationId: "L1" }));
    const token = await oauth.getToken(ctx("L1"));
    expect(fake.authorize(token)).toMatchObject({ locationId: "L1" });

    const name = `${prefix}tok:{highlevel-oauth:location:L1}`;
    const raw = JSON.stringify(await client.hgetall(name));
    expect(raw).toContain("sealed:v1:");
    expect(secrets.length).toBeGreaterThanOrEqual(3);
    for (const secret of [...secrets.slice(1), "accessToken", "refreshToken"])
      expect(raw).not.toContain(secret);

    const key = "highlevel-oauth:location:L1";
    for (const store of [
      createRedisStore(client, { prefix, encryptionKey: KEY + "x" }),
      createRedisStore(client, { prefix }),
    ]) {
      expect(await rejectionOf(store.get(key))).toBeInstanceOf(TokenStoreError);
    }
    // A sealed record copied under another installation's name does not open there.
    await client.hset(`${prefix}tok:{highlevel-oauth:location:L2}`, "v", (await client.hget(name, "v"))!);
    const keyed = createRedisStore(client, { prefix, encryptionKey: KEY });
    expect(await rejectionOf(keyed.get("highlevel-oauth:location:L2"))).toBeInstanceOf(TokenStoreError);
    // Plain records are refused with a key, and a short key at creation.
    await client.hset(`${prefix}tok:{plain}`, "v", '{"v":1}');
    expect(await rejectionOf(keyed.get("plain"))).toBeInstanceOf(TokenStoreError);
    expect(() => createRedisStore(client, { encryptionKey: "short" })).toThrow(/at least 32/);
  });
});

describe("a Redis restart", () => {
  it(
    "valid tokens are still handed out; a due renewal keeps the valid token; an expired one fails",
    { timeout: 30_000 },
    async () => {
      const clock = manualClock();
      const warnings: string[] = [];
      const store = createRedisStore(client, { prefix: "blip:", timeoutMs: 200 });
      const { fake, oauth } = await setup(
        { now: clock.now, accessTokenTtlSeconds: 3600 },
        { now: clock.now, store, logger: { warn: (m: string) => warnings.push(m) } },
      );
      await oauth.exchangeCode(fake.issueCode({ userType: "Location", locationId: "L1" }));
      const token = await oauth.getToken(ctx("L1"));
      await redis.kill();
      try {
        const started = performance.now();
        for (let i = 0; i < 20; i++) expect(await oauth.getToken(ctx("L1"))).toBe(token);
        expect(performance.now() - started).toBeLessThan(1_000); // 20 commands would wait 200 ms each

        clock.advance(HOUR - 60_000); // due for renewal (5 minutes before expiry), still valid
        expect(await oauth.getToken(ctx("L1"))).toBe(token);
        expect(warnings.join("\n")).toMatch(
          /renewing the token of location L1 failed \(StoreUnavailableError\)/,
        );
        expect(fake.stats.refreshes).toBe(0);

        clock.advance(60_001); // expired: nothing left to hand out
        expect(await rejectionOf(oauth.getToken(ctx("L1")))).toBeInstanceOf(StoreUnavailableError);
      } finally {
        await redis.restart();
      }
      // A restarted Redis without persistence lost the installation: guides/workers-and-redis.md says what to configure.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await rejectionOf(oauth.getToken(ctx("L1")))).toBeInstanceOf(ReauthorizationRequiredError);
    },
  );
});

describe("unexpected replies", () => {
  it("become StoreUnavailableError: a number for a record, nil for a lock, text for a write", async () => {
    let reply: unknown;
    const odd = { evalsha: async () => reply, eval: async () => reply };
    const store = createRedisStore(odd, { prefix: "odd:" });
    const cases: [unknown, () => Promise<unknown>][] = [
      [42, () => store.get("k")],
      [["v"], () => store.get("k")],
      [null, () => store.lock("k", { ttlMs: 1000, waitMs: 0 })],
      [[1], () => store.lock("k", { ttlMs: 1000, waitMs: 0 })],
      [["1", "x"], () => store.lock("k", { ttlMs: 1000, waitMs: 0 })],
      [[1, 0], () => store.lock("k", { ttlMs: 1000, waitMs: 0 })],
      ["OK", () => store.set("k", "v")],
      [2, () => store.set("k", "v")],
    ];
    for (const [answer, call] of cases) {
      reply = answer;
      const error = await rejectionOf(call());
      expect(error, JSON.stringify(answer)).toBeInstanceOf(StoreUnavailableError);
      expect((error as Error).message).toMatch(/unexpected reply/);
    }
    // Through createOAuth: an odd reply is the store's failure, not "not installed".
    reply = 7;
    const oauth = createOAuth({
      clientId: "app-1",
      clientSecret: "secret-0123456789abcdef",
      redirectUri: REDIRECT,
      store,
    });
    expect(await rejectionOf(oauth.getToken(ctx("L1")))).toBeInstanceOf(StoreUnavailableError);
  });
});
