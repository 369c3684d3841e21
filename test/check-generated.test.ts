/**
 * scripts/check-generated.ts, run the way CI runs it, on a temporary copy of the spec and of
 * generated/: it passes on the untouched copy and fails, with a readable diff naming the
 * file, once a generated file no longer matches the spec.
 */
import { spawnSync } from "node:child_process";
import { cp, mkdtemp, readFile, rm, unlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");
const SPEC = "openapi/voice-ai.yaml";
const tempDirs: string[] = [];

/** A temporary copy of the spec and of generated/, laid out as in the repository. */
async function copyOfRepo(): Promise<{ spec: string; generated: string }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "check-generated-test-"));
  tempDirs.push(dir);
  const spec = path.join(dir, SPEC);
  const generated = path.join(dir, "generated");
  await cp(path.join(root, SPEC), spec, { recursive: true });
  // generate.ts reads the OAuth spec from beside the Voice AI one.
  await cp(path.join(root, "openapi/oauth.yaml"), path.join(dir, "openapi/oauth.yaml"));
  await cp(path.join(root, "generated"), generated, { recursive: true });
  return { spec, generated };
}

function checkGenerated(spec: string, generated: string): { status: number | null; output: string } {
  const result = spawnSync(
    "npx",
    ["tsx", "scripts/check-generated.ts", "--spec", spec, "--generated", generated],
    {
      cwd: root,
      encoding: "utf8",
      timeout: 120_000,
    },
  );
  if (result.error) throw result.error;
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

afterAll(async () => {
  await Promise.all(tempDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

// Each run regenerates the types from the spec: a few seconds.
describe("scripts/check-generated.ts", { timeout: 60_000 }, () => {
  let copy: { spec: string; generated: string };
  beforeAll(async () => {
    copy = await copyOfRepo();
  });

  it("exits 0 on an untouched copy", () => {
    const { status, output } = checkGenerated(copy.spec, copy.generated);
    // schema, operations, validation, code samples, webhooks, models, client methods, operation
    // docs (the CLI's help), OAuth schema
    expect(output).toContain("generated/ is up to date (9 files)");
    expect(status).toBe(0);
  });

  it("exits non-zero with a unified diff naming the file when a generated file was edited", async () => {
    const { spec, generated } = await copyOfRepo();
    const file = path.join(generated, "schema.ts");
    const original = await readFile(file, "utf8");
    const corrupted = original.replace("messageBody: string;", "messageBody: number;");
    expect(corrupted).not.toBe(original);
    await writeFile(file, corrupted);

    const { status, output } = checkGenerated(spec, generated);
    expect(status).not.toBe(0);
    expect(output).toContain("generated/ is stale");
    expect(output).toContain(`--- ${file} (committed)`);
    expect(output).toContain(`+++ ${file} (from spec)`);
    expect(output).toMatch(/^@@ .* @@/m);
    expect(output).toMatch(/^-\s+messageBody: number;$/m);
    expect(output).toMatch(/^\+\s+messageBody: string;$/m);
    // Only the edited file is reported.
    expect(output).not.toContain(path.join(generated, "operations.ts"));
  });

  it("covers the validation table: a changed constraint in the spec makes generated/validation.ts stale", async () => {
    const { spec, generated } = await copyOfRepo();
    const text = await readFile(spec, "utf8");
    const edited = text.replace("maxLength: 40\n", "maxLength: 41\n");
    expect(edited).not.toBe(text);
    await writeFile(spec, edited);

    const { status, output } = checkGenerated(spec, generated);
    expect(status).not.toBe(0);
    expect(output).toContain(`--- ${path.join(generated, "validation.ts")} (committed)`);
    expect(output).toMatch(/^\+.*agentName: \{ type: "string", minLength: 1, maxLength: 41 \}/m);
  });

  it("exits non-zero naming a generated file that is missing", async () => {
    const { spec, generated } = await copyOfRepo();
    const file = path.join(generated, "operations.ts");
    await unlink(file);

    const { status, output } = checkGenerated(spec, generated);
    expect(status).not.toBe(0);
    expect(output).toContain(`${file}: missing`);
  });
});
