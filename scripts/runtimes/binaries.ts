/**
 * Where the runtimes of the matrix are and which versions they are. All come from the npm
 * registry as devDependencies (package.json pins them): Bun's and Deno's binaries ship inside
 * their per-platform packages (`@oven/bun-<os>-<arch>`, `@deno/<os>-<arch>`); workerd's likewise
 * (`@cloudflare/workerd-<os>-<arch>`, found by miniflare through the `workerd` package); edge-runtime
 * is JavaScript. Bun's and Deno's postinstall scripts only move the binary into the main package:
 * when npm did not run them (`--ignore-scripts`, or a future npm that blocks scripts not in
 * `allowScripts`), the binary is taken from the platform package instead.
 */
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { root, run } from "../package-lib.js";

const modules = path.join(root, "node_modules");

export interface Located {
  /** The executable, or undefined when none runs here. */
  binary: string | undefined;
  version: string;
  /** Why no candidate runs (the exact reason of each), when binary is undefined. */
  reason?: string;
}

/** The first of `candidates` that exists and answers `--version` with exit 0. */
async function firstWorking(candidates: string[], versionOf: (out: string) => string): Promise<Located> {
  const reasons: string[] = [];
  for (const candidate of candidates) {
    if (!existsSync(candidate)) {
      reasons.push(`${path.relative(root, candidate)}: not installed`);
      continue;
    }
    const result = await run(candidate, ["--version"], { timeoutMs: 30_000 }).catch((error: Error) => ({
      code: -1,
      stdout: "",
      stderr: error.message,
    }));
    if (result.code === 0) return { binary: candidate, version: versionOf(result.stdout) };
    reasons.push(
      `${path.relative(root, candidate)}: exit ${result.code}: ${result.stderr.trim().split("\n")[0]}`,
    );
  }
  return { binary: undefined, version: "?", reason: reasons.join("; ") };
}

/** The platform packages of a scope whose name starts with `prefix` (e.g. `bun-linux-`). */
async function platformPackages(scope: string, prefix: string): Promise<string[]> {
  const names = await readdir(path.join(modules, scope)).catch(() => [] as string[]);
  return names.filter((name) => name.startsWith(prefix)).map((name) => path.join(modules, scope, name));
}

export async function locateBun(): Promise<Located> {
  const platform = await platformPackages("@oven", `bun-${process.platform}-`);
  return firstWorking(
    [path.join(modules, "bun/bin/bun.exe"), ...platform.map((dir) => path.join(dir, "bin/bun"))],
    (out) => out.trim(),
  );
}

export async function locateDeno(): Promise<Located> {
  const platform = await platformPackages("@deno", `${process.platform}-`);
  return firstWorking(
    [path.join(modules, "deno/deno"), ...platform.map((dir) => path.join(dir, "deno"))],
    (out) => /deno (\S+)/.exec(out)?.[1] ?? out.trim(),
  );
}

export const packageVersion = async (name: string): Promise<string> =>
  (JSON.parse(await readFile(path.join(modules, name, "package.json"), "utf8")) as { version: string })
    .version;
