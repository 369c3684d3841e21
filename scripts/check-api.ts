/**
 * `npm run check:api`: fails (exit 1) with a unified diff when the public API of any entry point,
 * as API Extractor reads it from the built declarations, differs from the committed report in
 * api/. `npm run api:update` (--update) rewrites the reports instead.
 *
 * Usage: tsx scripts/check-api.ts [--update] [--build | --no-build] [--package-dir DIR]
 *   (default)      rebuild dist/ only when it is missing or older than the sources
 *   --build        rebuild dist/ even when it looks up to date
 *   --no-build     never build: read the declarations as they are (a package built elsewhere)
 *   --package-dir  the package to check (default: this repository); its reports are DIR/api/
 */
import { spawnSync } from "node:child_process";
import { mkdir, mkdtemp, readdir, readFile, rm, unlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { ensureBuilt } from "./api-report/build.js";
import { entryPoints } from "./api-report/entries.js";
import { extractReports, type Report } from "./api-report/extract.js";

const { values } = parseArgs({
  options: {
    update: { type: "boolean", default: false },
    build: { type: "boolean", default: false },
    "no-build": { type: "boolean", default: false },
    "package-dir": { type: "string", default: path.resolve(import.meta.dirname, "..") },
  },
});
const packageDir = path.resolve(values["package-dir"]);
const apiDir = path.join(packageDir, "api");
const started = performance.now();

function unifiedDiff(label: string, committed: string, built: string): string {
  const result = spawnSync(
    "diff",
    ["-u", "--label", `${label} (committed)`, "--label", `${label} (built)`, committed, built],
    { encoding: "utf8" },
  );
  return result.stdout || `${label}: differs from the built declarations`;
}

async function committedReports(): Promise<string[]> {
  const names = await readdir(apiDir).catch(() => [] as string[]);
  return names.filter((name) => name.endsWith(".api.md"));
}

async function update(reports: Report[]): Promise<string> {
  await mkdir(apiDir, { recursive: true });
  const wanted = new Set(reports.map((r) => `${r.entry.name}.api.md`));
  const removed = (await committedReports()).filter((name) => !wanted.has(name));
  await Promise.all(removed.map((name) => unlink(path.join(apiDir, name))));
  let changed = 0;
  for (const report of reports) {
    const file = path.join(apiDir, `${report.entry.name}.api.md`);
    const before = await readFile(file, "utf8").catch(() => undefined);
    if (before !== report.text) changed++;
    await writeFile(file, report.text);
  }
  const gone = removed.length ? `, removed ${removed.join(", ")}` : "";
  return `api/ updated: ${changed} of ${reports.length} reports changed${gone}`;
}

/** The problems found, each a readable paragraph; empty when api/ matches the build. */
async function check(reports: Report[]): Promise<string[]> {
  const scratch = await mkdtemp(path.join(os.tmpdir(), "check-api-"));
  try {
    const problems: string[] = [];
    const wanted = new Set(reports.map((r) => `${r.entry.name}.api.md`));
    for (const name of await committedReports()) {
      if (!wanted.has(name)) problems.push(`api/${name}: no entry point in package.json exports produces it`);
    }
    for (const report of reports) {
      const label = `api/${report.entry.name}.api.md`;
      const committedFile = path.join(apiDir, `${report.entry.name}.api.md`);
      const committed = await readFile(committedFile, "utf8").catch(() => undefined);
      if (committed === undefined) {
        problems.push(`${label}: missing (entry point "${report.entry.subpath}" has no committed report)`);
      } else if (committed !== report.text) {
        const builtFile = path.join(scratch, `${report.entry.name}.api.md`);
        await writeFile(builtFile, report.text);
        problems.push(unifiedDiff(label, committedFile, builtFile));
      }
    }
    return problems;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

try {
  const entries = await entryPoints(packageDir);
  if (values.build && values["no-build"]) throw new Error("--build and --no-build exclude each other");
  const mode = values.build ? "always" : values["no-build"] ? "never" : "when-stale";
  const built = await ensureBuilt(
    packageDir,
    entries.map((e) => e.declarations),
    mode,
  );
  const reports = await extractReports(packageDir, entries);
  const seconds = `${((performance.now() - started) / 1000).toFixed(1)} s`;
  const names = entries.map((e) => e.subpath).join(", ");
  if (values.update) {
    console.log(`${await update(reports)} (${names}; ${built}; ${seconds})`);
  } else {
    const problems = await check(reports);
    if (problems.length > 0) {
      console.error(problems.join("\n"));
      console.error(
        `\nThe public API differs from api/ (${problems.length} of ${reports.length} reports; ${seconds}).\n` +
          "If the change is intended: `npm run api:update`, commit api/, and bump the version as\n" +
          "guides/regenerating.md says (removed or changed → major, added → minor).",
      );
      process.exitCode = 1;
    } else {
      console.log(`check:api: the public API matches api/ (${names}; ${built}; ${seconds})`);
    }
  }
} catch (error) {
  console.error(`check:api: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 2;
}
