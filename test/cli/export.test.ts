/**
 * `calls export` and `calls sync` as a user runs them: the CLI as a child process against the fake
 * on 127.0.0.1, credentials from an OAuth token store. NDJSON, CSV and JSON; Ctrl-C (SIGINT) and
 * SIGTERM in the middle of an export, then the printed resume command: together they hold every
 * call log of the window once; a location without an installation is skipped, the others exported.
 */
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createVoiceAIClient } from "../../src/index.js";
import { createFakeVoiceAI, type FakeOAuth, type FakeVoiceAI } from "../../src/testing/index.js";
import { installInStore } from "./fake-store.js";
import { runCli, spawnCli } from "./helpers.js";

const LOCATIONS = ["LOC1", "LOC2", "LOC3"];
const DAY = 86_400_000;
let fake: FakeVoiceAI & { oauth: FakeOAuth | undefined };
let dir: string;
let env: NodeJS.ProcessEnv;
/** Every call log id of the fake created in the last 40 days, by location. */
const expected = new Map<string, Set<string>>();

beforeAll(async () => {
  // Five requests a second per location: an export of 3 × 1200 logs takes a few seconds.
  fake = await createFakeVoiceAI({
    locations: LOCATIONS,
    callLogs: 1200,
    oauth: true,
    rateLimit: { max: 5, intervalMs: 1000 },
  });
  dir = await mkdtemp(path.join(os.tmpdir(), "cli-export-"));
  await installInStore(fake, path.join(dir, "tokens.json"), LOCATIONS);
  env = { GHL_BASE_URL: fake.url, GHL_TOKEN_STORE: path.join(dir, "tokens.json") };
  const client = createVoiceAIClient({
    token: (ctx) => fake.tokenFor(ctx.locationId!),
    baseUrl: fake.url,
    rateLimit: { maxPerInterval: 5, intervalMs: 1000 },
  });
  const now = Date.now();
  await Promise.all(
    LOCATIONS.map(async (locationId) => {
      const ids = new Set<string>();
      for await (const log of client.callLogs.listAll({
        locationId,
        startDate: now - 40 * DAY,
        endDate: now,
      }))
        ids.add(log.id);
      expected.set(locationId, ids);
    }),
  );
}, 120_000);
afterAll(async () => {
  await fake.close();
  await rm(dir, { recursive: true, force: true });
});

const total = () => [...expected.values()].reduce((n, ids) => n + ids.size, 0);
const ndjsonIds = (text: string) =>
  text
    .trim()
    .split("\n")
    .filter(Boolean)
    .map((line) => {
      const log = JSON.parse(line) as { id: string; locationId: string };
      return `${log.locationId}/${log.id}`;
    });
const allIds = () => [...expected].flatMap(([l, ids]) => [...ids].map((id) => `${l}/${id}`)).sort();

async function interruptAndResume(
  signal: "SIGINT" | "SIGTERM",
  format: "ndjson" | "csv",
  out: string,
  locations: string[],
) {
  const args = ["calls", "export", "--since", "40d", ...locations, "--format", format, "--out", out];
  const first = spawnCli(args, { env, cwd: dir });
  // Wait until a few pages are in the file, then stop it.
  for (
    let i = 0;
    i < 600 && !((await readFile(path.join(dir, out), "utf8").catch(() => "")).length > 20_000);
    i++
  )
    await new Promise((resolve) => setTimeout(resolve, 50));
  const stoppedAt = performance.now();
  first.child.kill(signal);
  const stopped = await first.finished;
  const stopMs = performance.now() - stoppedAt;
  expect(stopped.code, stopped.stderr).toBe(signal === "SIGINT" ? 130 : 143);
  expect(stopMs).toBeLessThan(2_500);
  expect(existsSync(path.join(dir, `${out}.checkpoint`))).toBe(true);
  const resume = /^resume with: highlevel-voice-ai (.+)$/m.exec(stopped.stderr)?.[1];
  expect(resume, stopped.stderr).toMatch(
    /--since \S+Z --until \S+Z (--location LOC1,LOC2,LOC3|--all-locations) .*--resume$/,
  );
  expect(resume).toContain(locations.join(" "));
  const partial = await readFile(path.join(dir, out), "utf8");
  const second = await runCli(resume!.split(" "), { env, cwd: dir });
  expect(second.code, second.stderr).toBe(0);
  expect(existsSync(path.join(dir, `${out}.checkpoint`))).toBe(false);
  return { stopMs, partial, whole: await readFile(path.join(dir, out), "utf8") };
}

describe("calls export", () => {
  it("NDJSON to a file: every log of the window once, each with its location; progress as plain lines", async () => {
    const result = await runCli(
      ["calls", "export", "--since", "40d", "--location", LOCATIONS.join(","), "--out", "all.ndjson"],
      { env, cwd: dir },
    );
    expect(result.code, result.stderr).toBe(0);
    expect(ndjsonIds(await readFile(path.join(dir, "all.ndjson"), "utf8")).sort()).toEqual(allIds());
    expect(result.stderr).toMatch(/^progress: locations 0\/3 · calls 0/m);
    expect(result.stderr).toMatch(
      new RegExp(`^exported ${total()} call logs of 3 location\\(s\\) to all.ndjson in \\d+s$`, "m"),
    );
    expect(result.stderr).not.toContain("\r");
    expect(existsSync(path.join(dir, "all.ndjson.checkpoint"))).toBe(false);
  }, 120_000);

  it("Ctrl-C mid-export: exit 130 within a second or so, checkpoint kept, the printed command resumes with no gap and no repeat", async () => {
    const { partial, whole } = await interruptAndResume("SIGINT", "ndjson", "stopped.ndjson", [
      "--location",
      LOCATIONS.join(","),
    ]);
    expect(ndjsonIds(partial).length).toBeGreaterThan(0);
    expect(ndjsonIds(partial).length).toBeLessThan(total());
    const ids = ndjsonIds(whole);
    expect(ids).toHaveLength(total());
    expect(ids.sort()).toEqual(allIds());
  }, 120_000);

  it("SIGTERM mid-export of --all-locations into CSV: exit 143; resumed, one header and every log once", async () => {
    const { whole } = await interruptAndResume("SIGTERM", "csv", "stopped.csv", ["--all-locations"]);
    expect(whole.match(/^locationId,id,/gm)).toHaveLength(1);
    for (const ids of expected.values()) for (const id of ids) expect(whole).toContain(`,${id},`);
  }, 120_000);

  it("JSON to stdout is one array; a location the store has no installation for is skipped (exit 5), the others exported", async () => {
    const result = await runCli(
      ["calls", "export", "--since", "40d", "--location", "LOC1,LOC9", "--format", "json", "--quiet"],
      { env, cwd: dir },
    );
    expect(result.code).toBe(5);
    const logs = JSON.parse(result.stdout) as { locationId: string }[];
    expect(logs).toHaveLength(expected.get("LOC1")!.size);
    expect(result.stderr.trim().split("\n")).toEqual([
      "location LOC9 skipped (revoked): location LOC9: the token store holds no installation for it",
    ]);
  }, 120_000);
});

describe("calls sync", () => {
  it("appends what is new since the checkpoints: everything first, then only the calls that ended since", async () => {
    const args = [
      "calls",
      "sync",
      "--state",
      "state",
      "--settle",
      "0",
      "--location",
      "LOC2",
      "--out",
      "sync.ndjson",
    ];
    const first = await runCli(args, { env, cwd: dir });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toMatch(new RegExp(`^synced ${expected.get("LOC2")!.size} new call logs`, "m"));
    // Calls that started after the first run's window (with --settle 0, one that started before
    // it and ended after would be missed: that is what the default 15 min settle time is for).
    const startedNow = () => fake.simulateCall({ locationId: "LOC2", createdAt: new Date().toISOString() });
    const ended = [startedNow(), startedNow()];
    const second = await runCli(args, { env, cwd: dir });
    expect(second.stderr).toMatch(/^synced 2 new call logs/m);
    const third = await runCli(args, { env, cwd: dir });
    expect(third.stderr).toMatch(/^synced 0 new call logs/m);
    const ids = ndjsonIds(await readFile(path.join(dir, "sync.ndjson"), "utf8"));
    const want = [...expected.get("LOC2")!, ...ended.map((c) => c.log.id)].map((id) => `LOC2/${id}`);
    expect(ids.sort()).toEqual(want.sort());
  }, 120_000);
});
