/**
 * Refreshes and their timing: a refresh answered without a refresh token keeps the previous one;
 * a refresh slowed by 429s and a slow answer gives up before its store lock can pass to another
 * process (which would send the same refresh token again); tokens that live shorter than
 * refreshSkewMs are not renewed for every call; createOAuth refuses a lock the store cannot hold.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ConfigurationError, RateLimitError } from "../src/errors/index.js";
import { createFileTokenStore, createOAuth } from "../src/oauth/index.js";
import { createRedisStore } from "../src/redis/index.js";
import { REDIRECT, ctx, manualClock, setup } from "./oauth-helpers.js";
import { rejectionOf } from "./rejection.js";

const HOUR = 3_600_000;
const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const isRefresh = async (request: Request) =>
  (await request.clone().text()).includes("grant_type=refresh_token");

/** A logger that keeps what it is told. */
function captured() {
  const warnings: string[] = [];
  return {
    warnings,
    logger: { warn: (m: string) => warnings.push(m) },
  };
}

describe("a refresh answered without refresh_token", () => {
  it("keeps the previous refresh token and uses it for the next refresh", async () => {
    const clock = manualClock();
    const sent: string[] = [];
    let n = 0;
    const { oauth } = await setup(
      {},
      {
        now: clock.now,
        fetch: async (request) => {
          const form = new URLSearchParams(await request.text());
          if (form.get("grant_type") === "refresh_token") sent.push(form.get("refresh_token")!);
          // RFC 6749 §6: the server may keep the refresh token and answer without one.
          return Response.json({
            access_token: `at_${++n}`,
            ...(n === 1 && { refresh_token: "rt_only" }),
            expires_in: 3600,
            userType: "Location",
            locationId: "L1",
          });
        },
      },
    );
    await oauth.exchangeCode("code-1");
    for (let i = 0; i < 3; i++) {
      clock.advance(HOUR);
      expect(await oauth.getToken(ctx("L1"))).toBe(`at_${i + 2}`);
    }
    expect(sent).toEqual(["rt_only", "rt_only", "rt_only"]);
    expect((await oauth.installation({ locationId: "L1" }))?.revoked).toBeUndefined();
  });
});

describe("a refresh never outlives its store lock", () => {
  it(
    "429 with Retry-After, then a slow answer: the holder gives up in time, the next process refreshes once",
    { timeout: 30_000 },
    async () => {
      const clock = manualClock();
      const dir = await mkdtemp(path.join(os.tmpdir(), "oauth-refresh-"));
      dirs.push(dir);
      const file = path.join(dir, "tokens.json");
      let refreshes = 0;
      // A's first refresh is told to come back in 1 s; its next one reaches the server 1 s late.
      const slowForA = async (request: Request) => {
        if (await isRefresh(request)) {
          if (++refreshes === 1) {
            return Response.json(
              { statusCode: 429, message: "slow down" },
              { status: 429, headers: { "retry-after": "1" } },
            );
          }
          await sleep(1_000);
        }
        return fetch(request);
      };
      const lockTtlMs = 1_500;
      const { fake, oauth: a } = await setup(
        { now: clock.now },
        { now: clock.now, store: createFileTokenStore(file), lockTtlMs, fetch: slowForA },
      );
      await a.exchangeCode(fake.issueCode({ userType: "Location", locationId: "L1" }));
      const b = createOAuth({
        clientId: fake.clientId,
        clientSecret: fake.clientSecret,
        redirectUri: REDIRECT,
        baseUrl: fake.url,
        now: clock.now,
        store: createFileTokenStore(file),
        lockTtlMs,
      });
      clock.advance(25 * HOUR); // both processes find the token expired

      const started = performance.now();
      const first = a.getToken(ctx("L1")).then(
        () => ({ ok: true, ms: performance.now() - started }),
        (error: unknown) => ({ ok: false, error, ms: performance.now() - started }),
      );
      await sleep(100);
      const token = await b.getToken(ctx("L1"));
      const outcome = await first;

      // The 1 s wait would have ended past the lock's safe end: the holder stopped there.
      expect(outcome).toMatchObject({ ok: false, error: expect.any(RateLimitError) });
      expect(outcome.ms).toBeLessThan(2_000); // had it retried: 1 s of Retry-After, then 1 s of answer
      expect(fake.stats.refreshTokenReuses).toBe(0);
      expect(fake.stats.refreshes).toBe(1);
      expect(fake.authorize(token)).toMatchObject({ locationId: "L1" });
      expect(await a.getToken(ctx("L1"))).toBe(token);
      expect((await a.installation({ locationId: "L1" }))?.revoked).toBeUndefined();
    },
  );
});

describe("tokens that live shorter than refreshSkewMs", () => {
  it("are renewed half-way through their life, not for every call, with one warning", async () => {
    const clock = manualClock();
    const { warnings, logger } = captured();
    const { fake, oauth } = await setup(
      { now: clock.now, accessTokenTtlSeconds: 60 },
      { now: clock.now, logger },
    );
    await oauth.exchangeCode(fake.issueCode({ userType: "Location", locationId: "L1" }));
    for (let call = 0; call < 99; call++) {
      expect(fake.authorize(await oauth.getToken(ctx("L1")))).toBeDefined();
      clock.advance(1_200);
    }
    // 99 calls over ~119 s of 60 s tokens renewed after 30 s: 3 or 4 refreshes (not 98).
    expect(fake.stats.refreshes).toBeLessThanOrEqual(4);
    expect(fake.stats.refreshes).toBeGreaterThanOrEqual(3);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/access tokens live 60 s, less than twice refreshSkewMs \(300000 ms\)/);
  });
});

describe("option limits", () => {
  it("a lockTtlMs or lockWaitMs the store cannot hold is refused at creation, naming both limits", () => {
    const client = { evalsha: async () => null, eval: async () => null };
    const store = createRedisStore(client, { prefix: "limits:" });
    const options = {
      clientId: "app-1",
      clientSecret: "secret-0123456789abcdef",
      redirectUri: REDIRECT,
      store,
    };
    for (const extra of [{ lockTtlMs: 2 * HOUR }, { lockWaitMs: HOUR + 1 }]) {
      let error: unknown;
      try {
        createOAuth({ ...options, ...extra });
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(ConfigurationError);
      expect((error as Error).message).toMatch(/at most 3600000 ms .*up to 86400000 ms/);
    }
    expect(createOAuth({ ...options, lockTtlMs: HOUR }).appId).toBe("app");
  });
});
