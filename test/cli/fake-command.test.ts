/**
 * `highlevel-voice-ai fake` as a process: one JSON line on stdout with what a test needs (URL,
 * tokens, the OAuth app's credentials and a token store), the API served until SIGINT or SIGTERM,
 * then exit 0.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import net from "node:net";
import { runCli, runInProcess, spawnCli } from "./helpers.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "cli-fake-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

interface Info {
  url: string;
  admin: string;
  webhookPublicKey: string;
  locations: { id: string; token: string }[];
  oauth?: { clientId: string; clientSecret: string; tokenStore?: string };
}

async function start(args: string[]) {
  const fake = spawnCli(["fake", ...args], { cwd: dir });
  await fake.waitFor(/\n/, "stdout", 60_000);
  return { fake, info: JSON.parse(fake.stdout().split("\n")[0]!) as Info };
}

describe("fake", () => {
  it.each(["SIGTERM", "SIGINT"] as const)(
    "serves what it prints until %s, then exits 0",
    async (signal) => {
      const { fake, info } = await start([
        "--port",
        "0",
        "--locations",
        "2",
        "--call-logs",
        "5",
        "--oauth",
        "--token-store",
        "store.json",
      ]);
      try {
        expect(info.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
        expect(info.locations.map((l) => l.id)).toEqual(["LOC1", "LOC2"]);
        expect(info.oauth).toMatchObject({
          clientId: expect.any(String),
          clientSecret: expect.any(String),
          tokenStore: path.join(dir, "store.json"),
        });
        const byToken = await runInProcess(["calls", "list", "--location", "LOC2"], {
          env: { GHL_BASE_URL: info.url, GHL_TOKEN: info.locations[1]!.token },
        });
        expect(JSON.parse(byToken.stdout)).toMatchObject({ total: 5 });
        const byStore = await runInProcess(
          ["agents", "list", "--location", "LOC1", "--token-store", "store.json"],
          {
            env: {
              GHL_BASE_URL: info.url,
              GHL_CLIENT_ID: info.oauth!.clientId,
              GHL_CLIENT_SECRET: info.oauth!.clientSecret,
            },
            cwd: dir,
          },
        );
        expect(byStore.code, byStore.stderr).toBe(0);
        expect(fake.stderr()).toContain(`fake Voice AI API at ${info.url} (2 locations)`);
        expect(info.webhookPublicKey).toMatch(/^-----BEGIN PUBLIC KEY-----/);
        // The admin API: a call that just ended shows in the call logs.
        const simulated = await fetch(`${info.admin}/calls`, {
          method: "POST",
          body: JSON.stringify({ locationId: "LOC2" }),
        });
        expect(simulated.status).toBe(200);
        const after = await runInProcess(["calls", "list", "--location", "LOC2"], {
          env: { GHL_BASE_URL: info.url, GHL_TOKEN: info.locations[1]!.token },
        });
        expect(JSON.parse(after.stdout)).toMatchObject({ total: 6 });
      } finally {
        fake.child.kill(signal);
      }
      const done = await fake.finished;
      expect(done.code).toBe(0);
      expect(done.stderr).toMatch(/fake stopped\n$/);
    },
    90_000,
  );
});

describe("fake --port", () => {
  it("listens on the port given; a port in use is one line, exit 1", async () => {
    const free = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, "127.0.0.1", () => {
        const { port } = probe.address() as net.AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    const { fake, info } = await start(["--port", String(free)]);
    try {
      expect(info.url).toBe(`http://127.0.0.1:${free}`);
      const taken = await runCli(["fake", "--port", String(free)], { cwd: dir });
      expect(taken.code).toBe(1);
      expect(taken.stderr).toBe(`error: --port ${free}: in use\n`);
    } finally {
      fake.child.kill("SIGTERM");
    }
    expect((await fake.finished).code).toBe(0);
  }, 90_000);
});
