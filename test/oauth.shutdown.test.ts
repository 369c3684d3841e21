/**
 * Shutdown and crash in the middle of a refresh, with real processes
 * (test/fixtures/oauth-refresh-worker.ts). Stopped by SIGINT or SIGTERM through its handler (as
 * guides/authentication-and-oauth.md shows: oauth.close(), then the Redis store's close()), a process lets its refresh store the
 * rotated token before it exits: the next process uses it, nothing is sent twice. Killed outright
 * after the server rotated the token, nothing can save the installation: a survivor says why it
 * waits on the dead process's lock, and ends with ReauthorizationRequiredError within the lock ttl.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ReauthorizationRequiredError, createFileTokenStore, createOAuth } from "../src/oauth/index.js";
import { createRedisStore } from "../src/redis/index.js";
import { REDIRECT, ctx, setup } from "./oauth-helpers.js";
import { rejectionOf } from "./rejection.js";
import { killChildren, startChild } from "./support/child.js";
import { startRedisServer, type RedisServer } from "./support/redis-server.js";

let redis: RedisServer;
const dirs: string[] = [];
beforeAll(async () => {
  redis = await startRedisServer();
}, 120_000);
afterEach(killChildren);
afterAll(async () => {
  await redis?.stop();
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("a process stopped while its refresh is in flight", () => {
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    it(
      `${signal}: oauth.close() lets the refresh store the rotated token; the next process uses it`,
      { timeout: 30_000 },
      async () => {
        const { fake } = await setup({ tokenLatencyMs: 1_500 });
        const prefix = `shutdown-${signal}:`;
        const client = new Redis(redis.url);
        try {
          const store = createRedisStore(client, { prefix });
          const local = createOAuth({
            clientId: fake.clientId,
            clientSecret: fake.clientSecret,
            redirectUri: REDIRECT,
            baseUrl: fake.url,
            store,
          });
          await local.exchangeCode(fake.issueCode({ userType: "Location", locationId: "L1" }));
          const worker = startChild("oauth-refresh-worker.ts", {
            STORE: "redis",
            REDIS_URL: redis.url,
            PREFIX: prefix,
            CLIENT_ID: fake.clientId,
            CLIENT_SECRET: fake.clientSecret,
            BASE_URL: fake.url,
            LOCATION_ID: "L1",
          });
          await worker.line("sent");
          await sleep(200); // the server has it, and answers in ~1.3 s
          const stoppedAt = performance.now();
          worker.signal(signal);
          expect(await worker.line("closed")).toBe(`closed ${signal}`);
          const closeMs = performance.now() - stoppedAt;
          expect(await worker.exited).toBe(0);
          expect(worker.lines().some((line) => line.startsWith("token "))).toBe(true);

          // Another process (no token held in memory) finds the rotated token stored.
          const next = createOAuth({
            clientId: fake.clientId,
            clientSecret: fake.clientSecret,
            redirectUri: REDIRECT,
            baseUrl: fake.url,
            store: createRedisStore(client, { prefix }),
          });
          const token = await next.getToken(ctx("L1"));
          expect(fake.authorize(token)).toMatchObject({ locationId: "L1" });
          expect(fake.stats.refreshes).toBe(1);
          expect(fake.stats.refreshTokenReuses).toBe(0);
          expect(closeMs).toBeGreaterThan(900); // it waited for the answer, not 3 ms
          console.log(`${signal} mid-refresh: closed after ${closeMs.toFixed(0)} ms, rotated token kept`);
        } finally {
          client.disconnect();
        }
      },
    );
  }
});

describe("a process killed after the server rotated its refresh token", () => {
  it(
    "cannot be recovered: a survivor logs why it waits, and ends with ReauthorizationRequiredError within the lock ttl",
    { timeout: 30_000 },
    async () => {
      const dir = await mkdtemp(path.join(os.tmpdir(), "oauth-crash-"));
      dirs.push(dir);
      const file = path.join(dir, "tokens.json");
      const lockTtlMs = 3_000;
      const { fake, oauth } = await setup({ tokenLatencyMs: 1_500 }, { store: createFileTokenStore(file) });
      await oauth.exchangeCode(fake.issueCode({ userType: "Location", locationId: "L1" }));
      const worker = startChild("oauth-refresh-worker.ts", {
        STORE: "file",
        STORE_FILE: file,
        LOCK_TTL_MS: String(lockTtlMs),
        CLIENT_ID: fake.clientId,
        CLIENT_SECRET: fake.clientSecret,
        BASE_URL: fake.url,
        LOCATION_ID: "L1",
      });
      await worker.line("sent");
      const sentAt = performance.now();
      while (fake.stats.refreshes === 0) await sleep(10); // rotated at the server
      worker.signal("SIGKILL");
      await worker.exited;

      const warnings: string[] = [];
      const survivor = createOAuth({
        clientId: fake.clientId,
        clientSecret: fake.clientSecret,
        redirectUri: REDIRECT,
        baseUrl: fake.url,
        store: createFileTokenStore(file),
        lockTtlMs,
        logger: { warn: (m: string) => warnings.push(m) },
      });
      const old = await survivor.getToken(ctx("L1"));
      survivor.invalidate(ctx("L1"), old); // refused by the server, say: a refresh is needed
      const error = await rejectionOf(survivor.getToken(ctx("L1")));
      const endedMs = performance.now() - sentAt;
      expect(error).toBeInstanceOf(ReauthorizationRequiredError);
      expect(error).toMatchObject({ reason: "invalid_grant", locationId: "L1" });
      expect(endedMs).toBeLessThan(lockTtlMs + 2_000);
      expect(warnings.join("\n")).toMatch(
        /location L1 has waited \d+\.\d s for its store lock: .*died holding the lock.*lockTtlMs \(3000 ms\)/,
      );
      expect(fake.stats.refreshTokenReuses).toBe(1);
      console.log(
        `crash mid-refresh: survivor ended with invalid_grant ${endedMs.toFixed(0)} ms after the send`,
      );
    },
  );
});
