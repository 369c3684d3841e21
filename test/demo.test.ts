/**
 * `npm run demo` as a user runs it: the quick start against the in-process fake, every value it
 * prints true to what was sent, under 5 s; and examples/quickstart.ts free of anything fake.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");

function runDemo(args: string[], env: Record<string, string> = {}) {
  const started = performance.now();
  const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/demo.ts", ...args], {
    cwd: root,
    encoding: "utf8",
    timeout: 60_000,
    env: { ...process.env, GHL_TOKEN: "", GHL_LOCATION_ID: "", VOICE_AI_BASE_URL: "", ...env },
  });
  return { ...result, wallMs: performance.now() - started };
}

describe("npm run demo", () => {
  it("walks through the API against the fake, printing what the API answered", () => {
    const { status, stdout, stderr, wallMs } = runDemo([]);
    expect(stderr).toBe("");
    expect(status).toBe(0);
    const steps = stdout.split("\n").filter((line) => /^\s*\d+\. /.test(line));
    expect(steps[0]).toMatch(/Created agent "Quickstart receptionist" \(id [0-9a-f]{24}\)/);
    expect(stdout).toContain("settings left out were filled in: patience high, calls up to 300 s");
    expect(steps[1]).toMatch(/Listed 3 agent\(s\) in the location: .*Quickstart receptionist/);
    expect(steps[2]).toContain("calls may last 10 minutes, patience low");
    expect(steps[4]).toContain("Read the agent back: patience low, calls up to 600 s, 1 action(s)");
    expect(steps[5]).toMatch(/Found \d+ call\(s\) in which an SMS was sent/);
    expect(steps[6]).toMatch(/Read the agent 150 times at once: 0 error\(s\), \d+ retried, [\d.]+ s in all/);
    expect(stdout).toContain("the API allows 100 requests per 1 s");
    expect(steps.at(-1)).toContain("Getting the deleted agent fails as it should: NotFoundError (404)");
    // About 2 s on an idle machine (1 s of it the burst waiting out the window). The bound
    // leaves room for a loaded machine running the other suites at the same time.
    const reported = Number(/Demo finished in ([\d.]+) s in all/.exec(stdout)?.[1]);
    expect(reported).toBeLessThan(10);
    expect(wallMs).toBeLessThan(15_000);
  }, 60_000);

  it("--live without credentials says what it needs and exits 2, sending nothing", () => {
    const { status, stderr } = runDemo(["--live"]);
    expect(status).toBe(2);
    expect(stderr).toContain("GHL_TOKEN and GHL_LOCATION_ID");
  }, 60_000);

  it("the quick start is the code a user copies: nothing of the fake or a mock in it", () => {
    const source = readFileSync(path.join(root, "examples/quickstart.ts"), "utf8");
    // Comments may say how `npm run demo` runs it; the code itself knows nothing of the fake.
    const code = source.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, "");
    expect(code).not.toMatch(/Prefer|createFakeVoiceAI|\/testing|prism|failNext/i);
    expect(code).toContain("process.env.VOICE_AI_BASE_URL");
    expect(source).toContain('from "highlevel-voice-ai"'); // shipped: it imports the package by name
  });
});
