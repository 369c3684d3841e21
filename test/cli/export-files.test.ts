/**
 * `calls export`'s files, in process against the fake: an existing output is never overwritten
 * without --force, --resume continues only the export its checkpoint belongs to, a folder that is
 * no checkpoint is left alone, and --json turns every stderr line into a JSON object.
 */
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MANIFEST } from "../../src/cli/export/resume.js";
import { createFakeVoiceAI, type FakeVoiceAI } from "../../src/testing/index.js";
import { runInProcess } from "./helpers.js";

let fake: FakeVoiceAI;
let dir: string;
let env: Record<string, string>;
const exportTo = (out: string, ...extra: string[]) =>
  runInProcess(
    ["calls", "export", "--since", "2024-01-01", "--until", "2030-01-01", "--out", out, ...extra],
    { env, cwd: dir },
  );

beforeAll(async () => {
  fake = await createFakeVoiceAI({ callLogs: 30 });
  dir = await mkdtemp(path.join(os.tmpdir(), "cli-export-files-"));
  env = { GHL_BASE_URL: fake.url, GHL_TOKEN: fake.tokenFor("LOC1"), GHL_LOCATION_ID: "LOC1" };
});
afterAll(async () => {
  await fake.close();
  await rm(dir, { recursive: true, force: true });
});

describe("calls export's files", () => {
  it("a future --until is refused; a window in the past is exported whole", async () => {
    expect((await exportTo("future.ndjson")).stderr).toContain("--until is in the future");
    const now = new Date().toISOString();
    const result = await runInProcess(
      ["calls", "export", "--since", "2024-01-01", "--until", now, "--out", "all.ndjson"],
      { env, cwd: dir },
    );
    expect(result.code, result.stderr).toBe(0);
    expect((await readFile(path.join(dir, "all.ndjson"), "utf8")).trim().split("\n")).toHaveLength(30);
  });

  it("an existing file is kept unless --force; --force starts over", async () => {
    await writeFile(path.join(dir, "kept.ndjson"), "precious\n");
    const refused = await runInProcess(["calls", "export", "--since", "90d", "--out", "kept.ndjson"], {
      env,
      cwd: dir,
    });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("kept.ndjson: exists: add --force to overwrite it, or --resume");
    expect(await readFile(path.join(dir, "kept.ndjson"), "utf8")).toBe("precious\n");
    const forced = await runInProcess(
      ["calls", "export", "--since", "90d", "--out", "kept.ndjson", "--force"],
      { env, cwd: dir },
    );
    expect(forced.code).toBe(0);
    expect((await readFile(path.join(dir, "kept.ndjson"), "utf8")).trim().split("\n")).toHaveLength(30);
  });

  it("--resume needs this export's checkpoint; a folder that is no checkpoint is never removed", async () => {
    const none = await runInProcess(
      ["calls", "export", "--since", "90d", "--out", "none.ndjson", "--resume"],
      { env, cwd: dir },
    );
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("holds no checkpoint of an export to resume");
    const day = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();
    const since = day(10);
    const checkpoint = path.join(dir, "other.ndjson.checkpoint");
    await mkdir(checkpoint);
    await writeFile(
      path.join(checkpoint, MANIFEST),
      JSON.stringify({
        v: 1,
        since,
        until: day(2),
        locations: ["LOC1"],
        filters: {},
        format: "ndjson",
        out: path.join(dir, "other.ndjson"),
      }),
    );
    await writeFile(path.join(dir, "other.ndjson"), "");
    const other = await runInProcess(
      ["calls", "export", "--since", since, "--until", day(1), "--out", "other.ndjson", "--resume"],
      { env, cwd: dir },
    );
    expect(other.code).toBe(2);
    expect(other.stderr).toContain("is of another export (until differ)");
    const mine = path.join(dir, "mine");
    await mkdir(mine);
    await writeFile(path.join(mine, "notes.txt"), "mine");
    const foreign = await runInProcess(
      ["calls", "export", "--since", "90d", "--out", "f.ndjson", "--checkpoint", "mine", "--force"],
      { env, cwd: dir },
    );
    expect(foreign.code).toBe(2);
    expect(foreign.stderr).toContain("--checkpoint");
    expect(existsSync(path.join(mine, "notes.txt"))).toBe(true);
  });

  it("--json: each stderr line is a JSON object, the data stays on stdout", async () => {
    const result = await runInProcess(["calls", "export", "--since", "90d", "--json"], { env, cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split("\n")).toHaveLength(30);
    const events = result.stderr
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { type: string });
    expect(new Set(events.map((e) => e.type))).toEqual(new Set(["progress", "note"]));
    expect(events.at(-1)).toMatchObject({ type: "note", written: 30 });
  });
});
