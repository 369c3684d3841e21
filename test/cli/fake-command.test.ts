/**
 * `highlevel-voice-ai fake` as a process: one JSON line on stdout with what a test needs (URL,
 * tokens, the OAuth app's credentials and a token store), the API served until SIGINT or SIGTERM,
 * then exit 0.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runInProcess, spawnCli } from "./helpers.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "cli-fake-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

interface Info {
  url: string;
  locations: { id: string; token: string }[];
  oauth?: { clientId: string; clientSecret: string; tokenStore?: string };
}

async function start(args: string[]) {
  const fake = spawnCli(["fake", ...args], { cwd: dir });
  await fake.waitFor(/\n/, "stdout", 60_000);
  return { fake, info: JSON.parse(fake.stdout().split("\n")[0]!) as Info };
}

describe("fake", () => {
  it.each(["SIGTERM", "SIGINT"] as const)("serves what it prints until %s, then exits 0", async (signal) => {
    const { fake, info } = await start(["--port", "0", "--locations", "2", "--call-logs", "5", "--oauth", "--token-store", "store.json"]);
    try {
      expect(info.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(info.locations.map((l) => l.id)).toEqual(["LOC1", "LOC2"]);
      expect(info.oauth).toMatchObject({ clientId: expect.any(String), clientSecret: expect.any(String), tokenStore: path.join(dir, "store.json") });
      const byToken = await runInProcess(["calls", "list", "--location", "LOC2"], {
        env: { GHL_BASE_URL: info.url, GHL_TOKEN: info.locations[1]!.token },
      });
      expect(JSON.parse(byToken.stdout)).toMatchObject({ total: 5 });
      const byStore = await runInProcess(["agents", "list", "--location", "LOC1", "--token-store", "store.json"], {
        env: { GHL_BASE_URL: info.url, GHL_CLIENT_ID: info.oauth!.clientId, GHL_CLIENT_SECRET: info.oauth!.clientSecret },
        cwd: dir,
      });
      expect(byStore.code, byStore.stderr).toBe(0);
      expect(fake.stderr()).toContain(`fake Voice AI API at ${info.url} (2 locations)`);
    } finally {
      fake.child.kill(signal);
    }
    const done = await fake.finished;
    expect(done.code).toBe(0);
    expect(done.stderr).toMatch(/fake stopped\n$/);
  }, 90_000);
});
