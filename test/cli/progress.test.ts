/**
 * Progress on stderr: on a terminal one status line redrawn in place (clear-line, text cut to the
 * terminal's width, notes printed above it), plain lines otherwise, JSON with --json, nothing with
 * --quiet. Through a fake terminal stream, then for real under a pseudo-terminal (`script` of
 * util-linux), where the child sees stdout and stderr as a TTY.
 */
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeProgress, ProgressView } from "../../src/cli/export/progress-view.js";
import { Output } from "../../src/cli/output.js";
import { Secrets } from "../../src/cli/secrets.js";
import type { CallLogProgress } from "../../src/sync/types.js";
import { createFakeVoiceAI, type FakeVoiceAI } from "../../src/testing/index.js";
import { fakeTerminal, MAIN, root } from "./helpers.js";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { PassThrough } from "node:stream";

const report = (over: Partial<CallLogProgress> = {}): CallLogProgress => ({
  state: "running",
  locations: { total: 50, done: 3, active: 4, failed: 1, waiting: 0 },
  calls: 12_345,
  skipped: 0,
  requests: 250,
  elapsedMs: 15_000,
  callsPerSecond: 812.5,
  rateLimitWaitMs: 100_000,
  expectedCalls: 80_000,
  etaMs: 80_000,
  failures: [],
  ...over,
});

function outputs(mode: { json?: boolean; quiet?: boolean; tty?: boolean }, columns = 80) {
  const stderr =
    mode.tty === false ? Object.assign(fakeTerminal(columns), { isTTY: false }) : fakeTerminal(columns);
  const secrets = new Secrets();
  secrets.add("tok-secret-123456");
  const io = { stdout: new PassThrough(), stderr, stdin: new PassThrough(), env: {}, cwd: root };
  return { out: new Output(io, secrets, { json: mode.json === true, quiet: mode.quiet === true }), stderr };
}

describe("the progress renderer", () => {
  it("says locations, calls, rate, the rate limit's wait and the ETA", () => {
    expect(describeProgress(report())).toBe(
      "locations 3/50 (4 active, 1 failed) · calls 12,345 of ~80,000 · 812.5/s · rate-limit wait 0.4 s/request · ETA 1m 20s",
    );
    expect(describeProgress(report({ etaMs: undefined, expectedCalls: undefined, requests: 0 }))).toMatch(
      /calls 12,345 · .* wait 0\.0 s\/request · ETA …$/,
    );
  });

  it("on a terminal: redraws one line in place, cut to the width, notes above it, cleared at the end; secrets redacted", async () => {
    let now = 0;
    const { out, stderr } = outputs({}, 40);
    const view = new ProgressView(out, () => now);
    view.update(report({ calls: 1 }));
    now += 50;
    view.update(report({ calls: 2 })); // within 100 ms: not drawn
    now += 100;
    view.update(report({ calls: 3 }));
    out.note("location LOC1 uses tok-secret-123456");
    out.clearStatus();
    await new Promise((resolve) => setImmediate(resolve));
    const text = stderr.text();
    const frames = text.split("\r\x1b[2K");
    expect(frames.filter((f) => f.startsWith("locations"))).toHaveLength(2); // two updates…
    expect(text.match(/locations 3\/50/g)).toHaveLength(3); // …and the line drawn again under the note
    for (const frame of frames)
      for (const line of frame.split("\n")) expect(line.length).toBeLessThanOrEqual(40);
    expect(text).not.toContain("calls 2");
    expect(text).toContain("location LOC1 uses [redacted]\n");
    expect(text.endsWith("\r\x1b[2K")).toBe(true);
  });

  it("without a terminal: a plain line at first, then every few seconds and at the end", async () => {
    let now = 0;
    const { out, stderr } = outputs({ tty: false });
    const view = new ProgressView(out, () => now);
    for (let i = 0; i < 50; i++, now += 200) view.update(report({ calls: i }));
    view.update(report({ state: "done", calls: 99 }));
    await new Promise((resolve) => setImmediate(resolve));
    const lines = stderr.text().trim().split("\n");
    expect(lines.every((l) => l.startsWith("progress: locations"))).toBe(true);
    expect(lines).toHaveLength(3); // t=0, t=5 s, done
    expect(lines[2]).toContain("calls 99");
    expect(stderr.text()).not.toContain("\r");
  });

  it("--json: progress as JSON objects; --quiet: nothing", async () => {
    const json = outputs({ json: true });
    new ProgressView(json.out).update(
      report({ failures: [{ locationId: "L9", reason: "forbidden", error: new Error("x") }] }),
    );
    await new Promise((resolve) => setImmediate(resolve));
    const event = JSON.parse(json.stderr.text()) as Record<string, unknown>;
    expect(event).toMatchObject({
      type: "progress",
      calls: 12_345,
      etaMs: 80_000,
      failures: [{ locationId: "L9", reason: "forbidden" }],
    });
    const quiet = outputs({ quiet: true });
    new ProgressView(quiet.out).update(report());
    expect(quiet.stderr.text()).toBe("");
  });
});

describe("under a pseudo-terminal", () => {
  let fake: FakeVoiceAI;
  let dir: string;
  beforeAll(async () => {
    fake = await createFakeVoiceAI({
      locations: ["LOC1"],
      callLogs: 600,
      rateLimit: { max: 4, intervalMs: 1000 },
    });
    dir = await mkdtemp(path.join(os.tmpdir(), "cli-tty-"));
  });
  afterAll(async () => {
    await fake.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("calls export redraws its status line in place and ends with a plain summary; the file holds the data", async () => {
    const loader = pathToFileURL(createRequire(import.meta.url).resolve("tsx/esm")).href;
    const command = [
      process.execPath,
      "--import",
      loader,
      MAIN,
      "calls",
      "export",
      "--since",
      "40d",
      "--out",
      "tty.ndjson",
    ]
      .map((w) => `'${w}'`)
      .join(" ");
    // Asynchronously: the fake answering the child runs in this process.
    const child = spawn("script", ["-qfec", `stty cols 60; ${command}`, "/dev/null"], {
      cwd: dir,
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        TERM: "xterm",
        GHL_BASE_URL: fake.url,
        GHL_TOKEN: fake.tokenFor("LOC1"),
        GHL_LOCATION_ID: "LOC1",
      },
    });
    let screen = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (screen += chunk));
    const timer = setTimeout(() => child.kill("SIGKILL"), 90_000);
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    clearTimeout(timer);
    expect(code, screen).toBe(0);
    const frames = screen.split("\r\x1b[2K").filter((f) => f.startsWith("locations "));
    expect(frames.length).toBeGreaterThanOrEqual(2);
    for (const frame of frames) expect(frame.length).toBeLessThanOrEqual(60);
    expect(screen).not.toContain("progress: ");
    expect(screen).toMatch(/exported 600 call logs of 1 location\(s\) to tty.ndjson/);
    expect((await readFile(path.join(dir, "tty.ndjson"), "utf8")).trim().split("\n")).toHaveLength(600);
  }, 120_000);
});
