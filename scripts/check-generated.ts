/**
 * Fails (exit 1) with a unified diff when generated/ does not match what the spec produces.
 * Usage: tsx scripts/check-generated.ts [--spec openapi/voice-ai.yaml] [--generated generated]
 */
import { spawnSync } from "node:child_process";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { generate } from "./generate.js";

const root = path.resolve(import.meta.dirname, "..");
const { values } = parseArgs({
  options: {
    spec: { type: "string", default: path.join(root, "openapi/voice-ai.yaml") },
    generated: { type: "string", default: path.join(root, "generated") },
  },
});

const fresh = await mkdtemp(path.join(os.tmpdir(), "voice-ai-generated-"));
try {
  await generate(values.spec, fresh);
  const expected = (await readdir(fresh)).sort();
  const actual = (await readdir(values.generated).catch(() => [] as string[])).sort();
  const problems: string[] = [];
  for (const name of new Set([...expected, ...actual])) {
    const committed = path.join(values.generated, name);
    const regenerated = path.join(fresh, name);
    if (!expected.includes(name)) {
      problems.push(`${committed}: not produced by the generator any more (delete it)`);
      continue;
    }
    if (!actual.includes(name)) {
      problems.push(`${committed}: missing`);
      continue;
    }
    const [a, b] = await Promise.all([readFile(committed, "utf8"), readFile(regenerated, "utf8")]);
    if (a === b) continue;
    const diff = spawnSync(
      "diff",
      [
        "-u",
        "--label",
        `${committed} (committed)`,
        "--label",
        `${committed} (from spec)`,
        committed,
        regenerated,
      ],
      {
        encoding: "utf8",
      },
    );
    problems.push(diff.stdout || `${committed}: differs from the generator's output`);
  }
  if (problems.length > 0) {
    console.error(`generated/ is stale: run \`npm run generate\` and commit the result.\n`);
    console.error(problems.join("\n"));
    process.exitCode = 1;
  } else {
    console.log(`generated/ is up to date (${expected.length} files).`);
  }
} finally {
  await rm(fresh, { recursive: true, force: true });
}
