/**
 * The token stores: the in-memory store's bound, the file store's atomic 0600 writes, encryption
 * at rest, locks with fencing, and two real processes sharing one file across an expiry.
 */
import { spawn } from "node:child_process";
import { chmod, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ConfigurationError } from "../src/errors/index.js";
import { TokenStoreError, createFileTokenStore, createMemoryTokenStore } from "../src/oauth/index.js";
import { ctx, setup } from "./oauth-helpers.js";
import { rejectionOf } from "./rejection.js";

const root = path.resolve(import.meta.dirname, "..");
const KEY = "k".repeat(16) + "0123456789abcdef-test-key";
const dirs: string[] = [];
const tempDir = async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), "oauth-store-"));
  dirs.push(dir);
  return dir;
};
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe("createMemoryTokenStore", () => {
  it("keeps at most maxEntries records, dropping the least recently written", async () => {
    const store = createMemoryTokenStore({ maxEntries: 3 });
    for (const key of ["a", "b", "c", "d", "e"]) await store.set(key, key.toUpperCase());
    expect(await Promise.all(["a", "b", "c", "d", "e"].map((k) => store.get(k)))).toEqual([
      undefined,
      undefined,
      "C",
      "D",
      "E",
    ]);
    await store.delete("d");
    expect(await store.get("d")).toBeUndefined();
    for (const maxEntries of [0, -1, 1.5, Number.NaN]) {
      expect(() => createMemoryTokenStore({ maxEntries })).toThrow(ConfigurationError);
    }
  });
});

describe("createFileTokenStore", () => {
  it("writes atomically with mode 0600, leaving no temp file, and tightens a looser file", async () => {
    const dir = await tempDir();
    const file = path.join(dir, "tokens.json");
    const store = createFileTokenStore(file);
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.set(`k${i}`, `v${i}`)));
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    // No temp file is left; the write lock is one free generation in a private directory.
    expect(await readdir(dir)).toEqual(["tokens.json", "tokens.json.locks"]);
    expect((await stat(`${file}.locks`)).mode & 0o777).toBe(0o700);
    expect(await readdir(`${file}.locks/write`)).toEqual([expect.stringMatching(/^g\d+$/)]);
    expect(await store.get("k7")).toBe("v7");
    await store.delete("k7");
    expect(await store.get("k7")).toBeUndefined();

    await chmod(file, 0o644);
    expect(await createFileTokenStore(file).get("k1")).toBe("v1");
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it("encrypts at rest: the file holds no record, and a wrong or missing key is a TokenStoreError", async () => {
    const file = path.join(await tempDir(), "tokens.json");
    // A location id long enough that random base64 ciphertext cannot contain it by chance.
    const key = "highlevel-oauth:location:LocationNeverInCiphertext";
    await createFileTokenStore(file, { encryptionKey: KEY }).set(key, "rt_secret_value");
    const text = await readFile(file, "utf8");
    expect(text).not.toContain("rt_secret_value");
    expect(text).not.toContain("LocationNeverInCiphertext");
    expect(await createFileTokenStore(file, { encryptionKey: KEY }).get(key)).toBe("rt_secret_value");
    const wrong = await rejectionOf(createFileTokenStore(file, { encryptionKey: KEY + "x" }).get("a"));
    expect(wrong).toBeInstanceOf(TokenStoreError);
    expect(await rejectionOf(createFileTokenStore(file).get("a"))).toBeInstanceOf(TokenStoreError);
    expect(() => createFileTokenStore(file, { encryptionKey: "short" })).toThrow(ConfigurationError);
  });

  it("a corrupt file is an error, not an empty store", async () => {
    const file = path.join(await tempDir(), "tokens.json");
    await writeFile(file, '{"v":1,"records":{"a":"b"', { mode: 0o600 });
    expect(await rejectionOf(createFileTokenStore(file).get("a"))).toBeInstanceOf(TokenStoreError);
  });

  it("locks across holders, expires a dead holder's lock, and refuses the writes of a lost lock (fencing)", async () => {
    const file = path.join(await tempDir(), "tokens.json");
    const a = createFileTokenStore(file);
    const b = createFileTokenStore(file);
    const first = await a.lock!("key", { ttlMs: 100, waitMs: 0 });
    expect(await rejectionOf(b.lock!("key", { ttlMs: 100, waitMs: 30 }))).toBeInstanceOf(TokenStoreError);
    // The first holder "dies" (never releases): its lock expires and b takes over.
    const second = await b.lock!("key", { ttlMs: 5_000, waitMs: 2_000 });
    expect(second.fence).toBeGreaterThan(first.fence);
    expect(await rejectionOf(a.set("key", "stale", { fence: first.fence }))).toBeInstanceOf(TokenStoreError);
    await b.set("key", "fresh", { fence: second.fence });
    await first.release(); // no effect on b's lock
    expect(await rejectionOf(a.lock!("key", { ttlMs: 100, waitMs: 30 }))).toBeInstanceOf(TokenStoreError);
    await second.release();
    const third = await a.lock!("key", { ttlMs: 100, waitMs: 0 });
    await third.release();
    expect(await a.get("key")).toBe("fresh");
  });

  it(
    "two processes sharing the file across an expiry cause exactly one refresh",
    { timeout: 60_000 },
    async () => {
      const file = path.join(await tempDir(), "tokens.json");
      const { fake, oauth } = await setup(
        { accessTokenTtlSeconds: 2, tokenLatencyMs: 1_000 },
        { store: createFileTokenStore(file, { encryptionKey: KEY }), refreshSkewMs: 0 },
      );
      const exchangedAt = Date.now();
      await oauth.exchangeCode(fake.issueCode({ userType: "Location", locationId: "L1" }));
      // The refreshed token lives an hour: a slow machine cannot let it expire before the last check.
      fake.setAccessTokenTtl(3600);
      const env = {
        ...process.env,
        CLIENT_ID: fake.clientId,
        CLIENT_SECRET: fake.clientSecret,
        BASE_URL: fake.url,
        STORE_FILE: file,
        ENCRYPTION_KEY: KEY,
        LOCATION_ID: "L1",
        CALLS: "10",
      };
      const started = performance.now();
      const workers = [worker(env), worker(env)];
      await Promise.all(workers.map((w) => w.ready));
      // Both processes are up and the 2 s token has expired: start them at the same moment.
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, exchangedAt + 2_100 - Date.now())));
      for (const w of workers) w.go();
      const results = await Promise.all(workers.map((w) => w.result));
      expect(fake.stats.refreshes).toBe(1);
      expect(fake.stats.refreshTokenReuses).toBe(0);
      expect(results[0]!.distinct).toHaveLength(1);
      expect(results[1]!.distinct).toEqual(results[0]!.distinct);
      expect(fake.authorize(results[0]!.distinct[0])).toMatchObject({ locationId: "L1" });
      // This process reads the refreshed token from the file: no further refresh.
      expect(await oauth.getToken(ctx("L1"))).toBe(results[0]!.distinct[0]);
      expect(fake.stats.refreshes).toBe(1);
      console.log(
        `two processes x 10 calls across an expiry: ${fake.stats.refreshes} refresh; ` +
          `${results.map((r) => r.ms).join("/")} ms in the workers; ${(performance.now() - started).toFixed(0)} ms in all`,
      );
    },
  );
});

/** A worker process (test/fixtures/oauth-worker.ts): `ready` once started, `go()` to run, its JSON `result`. */
function worker(env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, ["--import", "tsx", "test/fixtures/oauth-worker.ts"], {
    cwd: root,
    env,
  });
  let stdout = "";
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr += chunk));
  const timer = setTimeout(() => child.kill(), 45_000);
  const exited = new Promise<number | null>((resolve) => child.on("exit", resolve)).finally(() =>
    clearTimeout(timer),
  );
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
      if (stdout.startsWith("ready\n")) resolve();
    });
    void exited.then(() => reject(new Error(`worker exited before ready: ${stderr}`)));
  });
  const result = exited.then((code) => {
    if (code !== 0) throw new Error(`worker exited with ${code}: ${stderr}`);
    return JSON.parse(stdout.slice("ready\n".length).trim()) as { distinct: string[]; ms: number };
  });
  return { ready, result, go: () => child.stdin.write("go\n") };
}
