/**
 * Makes sure dist/ holds declarations built from the current sources, building (tsdown) only
 * when they are missing or older than any input. In `npm test` check:package has just built
 * dist/, so check:api reuses it instead of spending another build.
 */
import { spawnSync } from "node:child_process";
import { readdir, stat } from "node:fs/promises";
import path from "node:path";

/** What the build reads: a change to any of these makes dist/ stale. */
const INPUTS = ["src", "generated", "package.json", "tsdown.config.ts", "tsconfig.json"];

async function newestMtime(file: string): Promise<number> {
  const info = await stat(file).catch(() => undefined);
  if (!info) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  const names = await readdir(file);
  const times = await Promise.all(names.map((name) => newestMtime(path.join(file, name))));
  return Math.max(info.mtimeMs, ...times);
}

/** Why `outputs` must be rebuilt, or undefined when they are up to date. */
export async function staleReason(packageDir: string, outputs: string[]): Promise<string | undefined> {
  const inputTime = Math.max(
    ...(await Promise.all(INPUTS.map((f) => newestMtime(path.join(packageDir, f))))),
  );
  for (const output of outputs) {
    const info = await stat(output).catch(() => undefined);
    if (!info) return `${path.relative(packageDir, output)} is missing`;
    if (info.mtimeMs < inputTime) return `${path.relative(packageDir, output)} is older than the sources`;
  }
  return undefined;
}

export type BuildMode = "when-stale" | "always" | "never";

/** Builds with tsdown as `mode` says; returns what was done, for the summary line. */
export async function ensureBuilt(packageDir: string, outputs: string[], mode: BuildMode): Promise<string> {
  if (mode === "never") {
    for (const output of outputs) {
      await stat(output).catch(() => {
        throw new Error(`${path.relative(packageDir, output)} is missing (and --no-build was given)`);
      });
    }
    return "declarations read as they are (--no-build)";
  }
  const reason = mode === "always" ? "--build given" : await staleReason(packageDir, outputs);
  if (!reason) return "reused dist/ (newer than src/, generated/ and the build config)";
  const started = performance.now();
  const tsdown = path.join(packageDir, "node_modules", ".bin", "tsdown");
  const result = spawnSync(tsdown, ["--log-level", "warn"], {
    cwd: packageDir,
    encoding: "utf8",
    timeout: 300_000,
  });
  if (result.status !== 0) {
    throw new Error(`tsdown failed (${reason}):\n${result.stdout}\n${result.stderr}`.trim());
  }
  const missing = await staleReason(packageDir, outputs);
  if (missing) throw new Error(`tsdown ran but ${missing}: is every entry point in tsdown.config.ts?`);
  return `built dist/ in ${((performance.now() - started) / 1000).toFixed(1)} s (${reason})`;
}
