/**
 * The closing line of test/summary-reporter.ts, read from real vitest runs (child processes) of
 * fixture files whose set-up, teardown or loading fails. A red run must never print `0 failed`.
 */
import { execFile } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");
const fixtures = path.join(root, "test/fixtures/summary-reporter");

interface Run {
  code: number | null;
  summary: string | undefined;
  output: string;
}

/** Runs vitest on the fixture files whose names contain `filter`; never rejects. */
function runFixtures(filter: string): Promise<Run> {
  const vitest = path.join(root, "node_modules/vitest/vitest.mjs");
  const args = [vitest, "run", "--config", path.join(fixtures, "vitest.config.ts"), filter];
  return new Promise((resolve) => {
    execFile(process.execPath, args, { cwd: root, timeout: 60_000 }, (error, stdout, stderr) => {
      const output = `${stdout}\n${stderr}`;
      const code = error ? (typeof error.code === "number" ? error.code : null) : 0;
      resolve({ code, summary: output.match(/^vitest: .*$/m)?.[0], output });
    });
  });
}

describe("summary reporter", () => {
  // Run in parallel: each is a vitest start-up of a few seconds.
  const runs = {
    setUp: runFixtures("setup-fails"),
    mixed: runFixtures("mixed"),
    teardown: runFixtures("teardown-fails"),
    load: runFixtures("load-fails"),
  };

  it("counts every test of a file whose beforeAll throws as failed", async () => {
    const run = await runs.setUp;
    expect(run.code, run.output).toBe(1);
    expect(run.summary, run.output).toBe("vitest: 0 passed, 3 failed");
  }, 60_000);

  it("counts the tests of a nested suite whose beforeAll throws as failed, and others as they ran", async () => {
    const run = await runs.mixed;
    expect(run.code, run.output).toBe(1);
    expect(run.summary, run.output).toBe("vitest: 1 passed, 2 failed, 1 skipped");
  }, 60_000);

  it("counts an afterAll that throws after its tests passed as a failure", async () => {
    const run = await runs.teardown;
    expect(run.code, run.output).toBe(1);
    expect(run.summary, run.output).toBe("vitest: 1 passed, 1 failed");
  }, 60_000);

  it("counts a file that fails to load as a failure", async () => {
    const run = await runs.load;
    expect(run.code, run.output).toBe(1);
    expect(run.summary, run.output).toBe("vitest: 0 passed, 1 failed");
  }, 60_000);
});
