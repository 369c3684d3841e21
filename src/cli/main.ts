#!/usr/bin/env node
/**
 * The `highlevel-voice-ai` command (package.json `bin`): its own entry, built to dist/cli.mjs; the
 * library entries never import it.
 */
import { commandRegistry } from "./registry.js";
import { run } from "./run.js";
import { packageVersion } from "./version.js";

// A reader that goes away (`| head`) is reported by the write that fails, not as a crash.
process.stdout.on("error", () => {});
process.stderr.on("error", () => {});

process.exitCode = await run(
  process.argv.slice(2),
  {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
    signals: process,
  },
  { registry: commandRegistry(), version: packageVersion(), exitNow: (code) => process.exit(code) },
);
