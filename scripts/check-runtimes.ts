/**
 * `npm run check:runtimes`: the runtime matrix alone (scripts/runtimes/matrix.ts), for working on
 * it. `npm test` runs it inside `npm run check:package`, on the build and tarball that check makes.
 * Here: build, pack and install into a temp project, or `--consumer <dir>` to reuse a project where
 * the tarball is installed (`KEEP_TMP=1 npm run check:package` prints one).
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { bin, installPackedPackage, run } from "./package-lib.js";
import { formatReports, runRuntimeMatrix } from "./runtimes/matrix.js";

const at = process.argv.indexOf("--consumer");
const given = at > 0 ? process.argv[at + 1] : undefined;
const consumer = given ?? (await mkdtemp(path.join(os.tmpdir(), "voice-ai-runtimes-")));
try {
  if (!given) {
    const built = await run(bin("tsdown"), ["--log-level", "warn"], { timeoutMs: 180_000 });
    if (built.code !== 0) throw new Error(`tsdown failed:\n${built.stdout}${built.stderr}`);
    await installPackedPackage(consumer);
  }
  const started = performance.now();
  const reports = await runRuntimeMatrix(consumer);
  console.log(formatReports(reports));
  const failed = reports.filter((r) => !r.ok).length;
  console.log(`(${((performance.now() - started) / 1000).toFixed(1)} s)`);
  console.log(`runtimes: ${reports.length - failed} passed, ${failed} failed`);
  if (failed) process.exitCode = 1;
} finally {
  if (!given && !process.env.KEEP_TMP) await rm(consumer, { recursive: true, force: true });
}
