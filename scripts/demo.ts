/**
 * `npm run demo`: starts a Prism mock of openapi/voice-ai.yaml on a free local port, runs
 * examples/quickstart.ts against it, stops the mock whatever happens, and exits with the
 * example's exit code.
 *
 * `npm run demo -- --live` runs the example against the real API instead, without a mock
 * (GHL_TOKEN and GHL_LOCATION_ID must be set; the example says so if they are not).
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { startPrism, type PrismServer } from "./prism.js";

const root = path.resolve(import.meta.dirname, "..");
const spec = path.join(root, "openapi/voice-ai.yaml");
const quickstart = path.join(root, "examples/quickstart.ts");
const live = process.argv.includes("--live");
const startedAt = performance.now();
const seconds = () => `${((performance.now() - startedAt) / 1000).toFixed(1)} s`;

let prism: PrismServer | undefined;
let example: ChildProcess | undefined;
let interrupted: NodeJS.Signals | undefined;
// On Ctrl-C (or a kill): pass the signal on, let the example end, stop Prism, exit as interrupted.
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(signal, () => {
    interrupted = signal;
    example?.kill(signal);
    void prism?.stop();
  });
}

let exitCode = 1;
try {
  if (!live) {
    console.log("Starting a mock of the Voice AI API (Prism)…");
    prism = await startPrism({ spec });
    console.log(`Mock ready at ${prism.baseUrl} after ${(prism.startupMs / 1000).toFixed(1)} s\n`);
  }
  if (!interrupted) exitCode = await runExample(prism?.baseUrl);
  const violations = violationsIn(prism?.output() ?? "");
  if (violations.length > 0)
    console.warn(`\nThe mock reported violations of the spec:\n${violations.join("\n")}`);
} catch (error) {
  if (!interrupted)
    console.error(`\nThe demo could not run: ${error instanceof Error ? error.message : String(error)}`);
} finally {
  await prism?.stop();
}

if (interrupted) {
  console.error(`\nInterrupted (${interrupted}); the mock is stopped.`);
  exitCode = 128 + (interrupted === "SIGINT" ? 2 : interrupted === "SIGTERM" ? 15 : 1);
} else {
  console.log(
    `\nDemo ${exitCode === 0 ? "finished" : `failed (exit code ${exitCode})`} in ${seconds()} in all.`,
  );
}
process.exit(exitCode);

/** Prism logs every violation of the spec it sees, in a request or in its own answer. */
function violationsIn(output: string): string[] {
  return output.split("\n").filter((line) => line.includes("Violation:"));
}

/** Runs the example in its own Node process (TypeScript via tsx) and resolves to its exit code. */
function runExample(baseUrl: string | undefined): Promise<number> {
  const child = spawn(process.execPath, ["--import", "tsx", quickstart, ...(live ? ["--live"] : [])], {
    stdio: "inherit",
    env: { ...process.env, ...(baseUrl && { VOICE_AI_BASE_URL: baseUrl }) },
  });
  example = child;
  return new Promise((resolve) => {
    child.once("error", (error) => {
      console.error(`Could not start the example: ${error.message}`);
      resolve(1);
    });
    child.once("exit", (code, signal) => resolve(code ?? (signal === "SIGINT" ? 130 : 1)));
  });
}
