/**
 * Credentials from an OAuth app's token store file (written by /oauth's createFileTokenStore):
 * the stored access token while it is valid; with the app's id and secret an expired one is
 * refreshed (and written back); an encrypted store needs its key; a revoked installation and a
 * missing scope are one clear line with exit 3. No secret is ever printed, whatever the failure.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFakeVoiceAI, type FakeOAuth, type FakeVoiceAI } from "../../src/testing/index.js";
import { installInStore } from "./fake-store.js";
import { runInProcess } from "./helpers.js";

let fake: FakeVoiceAI & { oauth: FakeOAuth | undefined };
let dir: string;
const KEY = "store-key-0123456789abcdef0123456789abcdef";
const app = () => ({ GHL_CLIENT_ID: fake.oauth!.clientId, GHL_CLIENT_SECRET: fake.oauth!.clientSecret });
const list = (store: string, env: Record<string, string> = {}, location = "LOC1") =>
  runInProcess(["agents", "list", "--token-store", store, "--location", location, "--verbose"], {
    env: { GHL_BASE_URL: fake.url, ...env },
    cwd: dir,
  });
const secrets = () => [fake.oauth!.clientSecret, KEY];

beforeAll(async () => {
  fake = await createFakeVoiceAI({ locations: ["LOC1", "LOC2", "LOC3"], oauth: true });
  dir = await mkdtemp(path.join(os.tmpdir(), "cli-auth-"));
  await installInStore(fake, path.join(dir, "plain.json"), ["LOC1"]);
  await installInStore(fake, path.join(dir, "sealed.json"), ["LOC1"], { encryptionKey: KEY });
  await installInStore(fake, path.join(dir, "narrow.json"), ["LOC2"], {
    scope: "voice-ai-dashboard.readonly",
  });
  fake.oauth!.setAccessTokenTtl(1);
  await installInStore(fake, path.join(dir, "short.json"), ["LOC3"]);
  fake.oauth!.setAccessTokenTtl(86_399);
});
afterAll(async () => {
  await fake.close();
  await rm(dir, { recursive: true, force: true });
});

describe("a token store", () => {
  it("--all-locations exports every location it holds an installation for", async () => {
    const args = ["calls", "export", "--since", "40d", "--token-store", "plain.json", "--quiet"];
    const all = await runInProcess([...args, "--all-locations"], {
      env: { GHL_BASE_URL: fake.url },
      cwd: dir,
    });
    expect(all.code, all.stderr).toBe(0);
    const locations = new Set(
      all.stdout
        .trim()
        .split("\n")
        .map((l) => (JSON.parse(l) as { locationId: string }).locationId),
    );
    expect([...locations]).toEqual(["LOC1"]);
    const both = await runInProcess([...args, "--all-locations", "--location", "LOC1"], {
      env: {},
      cwd: dir,
    });
    expect(both.stderr).toContain("--all-locations and --location exclude each other");
    const token = await runInProcess(["calls", "export", "--since", "40d", "--all-locations"], {
      env: { GHL_BASE_URL: fake.url, GHL_TOKEN: fake.tokenFor("LOC1") },
      cwd: dir,
    });
    expect(token.code).toBe(2);
    expect(token.stderr).toContain("--all-locations needs a token store");
  });

  it("gives the stored access token, without the app's credentials", async () => {
    const result = await list("plain.json");
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ total: 2 });
  });

  it("encrypted: read with GHL_TOKEN_STORE_KEY; without it, exit 3 and what to set", async () => {
    expect((await list("sealed.json", { GHL_TOKEN_STORE_KEY: KEY })).code).toBe(0);
    const without = await list("sealed.json");
    expect(without.code).toBe(3);
    expect(without.stderr).toContain("token store: The token file is encrypted");
    expect(without.stderr).toContain("set GHL_TOKEN_STORE_KEY");
    const wrong = await list("sealed.json", {
      GHL_TOKEN_STORE_KEY: "another-key-0123456789abcdef0123456789ab",
    });
    expect(wrong.code).toBe(3);
    expect(wrong.stdout + wrong.stderr + without.stderr).not.toContain(KEY);
  });

  it("an expired access token: exit 3 without the app's credentials; refreshed and written back with them", async () => {
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const stale = await list("short.json", {}, "LOC3");
    expect(stale.code).toBe(3);
    expect(stale.stderr).toContain(
      "the stored access token of location LOC3 has expired: set GHL_CLIENT_ID and GHL_CLIENT_SECRET",
    );
    const before = await readFile(path.join(dir, "short.json"), "utf8");
    const refreshed = await list("short.json", app(), "LOC3");
    expect(refreshed.code, refreshed.stderr).toBe(0);
    expect(await readFile(path.join(dir, "short.json"), "utf8")).not.toBe(before);
    for (const secret of secrets()) expect(refreshed.stderr).not.toContain(secret);
  });

  it("a location without an installation, a revoked one, a missing scope: one line each, exit 3", async () => {
    const absent = await list("plain.json", {}, "LOC2");
    expect(absent.code).toBe(3);
    const errorLine = (stderr: string) => stderr.split("\n").find((line) => line.startsWith("error: "));
    expect(errorLine(absent.stderr)).toBe(
      "error: location LOC2: the token store holds no installation for it",
    );
    // The fake does not check scopes: HighLevel's answer to a token without the scope, injected.
    fake.failNext({
      operationId: "listAgents",
      status: 403,
      body: { statusCode: 403, message: "The token is not authorized for this scope." },
    });
    const scope = await list("narrow.json", {}, "LOC2");
    expect(scope.code).toBe(3);
    expect(errorLine(scope.stderr)).toBe(
      "error: forbidden (403 on listAgents): The token is not authorized for this scope; listAgents needs the scope voice-ai-agents.readonly",
    );
    fake.oauth!.revokeRefreshTokens("Location:LOC3");
    fake.oauth!.revokeAccessTokens("Location:LOC3");
    const revoked = await list("short.json", app(), "LOC3");
    expect(revoked.code).toBe(3);
    expect(revoked.stderr).toMatch(
      /location LOC3: its refresh token was refused \(revoked, expired or already used\)/,
    );
    for (const result of [absent, scope, revoked])
      for (const secret of secrets()) expect(result.stdout + result.stderr).not.toContain(secret);
  });
});
