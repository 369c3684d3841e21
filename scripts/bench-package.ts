/**
 * `npm run bench:package`: what the built package costs. Not a test: it prints two tables.
 *
 * - Cold start (bench/support/cold-start.ts): fresh `node` processes importing the built ESM entry
 *   (`import("highlevel-voice-ai")`, resolved by package self-reference to dist/index.mjs), the CJS
 *   entry and openapi-fetch alone, interleaved (rotating order) with an empty `node` process, the
 *   baseline; medians over `--cold` processes each. Goals: the ESM entry's import within 2x
 *   openapi-fetch's, measured in the same run (issue 23), and <= 10 ms net.
 * - Per request (bench/support/per-request.ts, run by bare `node` against dist/): raw fetch vs bare
 *   openapi-fetch (createClient<paths>), alone and with a per-request `AbortSignal.timeout` (what
 *   the client's per-attempt timeout costs by itself) vs the client with the rate limiter off
 *   (`rateLimit: false`) and on (the default limiter, limits raised so that it never waits),
 *   against a keep-alive node:http server on 127.0.0.1 in a separate process answering the same
 *   small JSON body (no rate-limit headers). Sequential, and 16 in flight at once. Goals: client
 *   within 5% of openapi-fetch, <= 1.25x fetch.
 *
 * Options: --no-build (bench dist/ as it is), --rounds N (12), --per-round N (500), --cold N (15),
 * --no-cold-start, --no-per-request, --profile [variant]: run only that variant under `node --cpu-prof`
 * and print self time by origin, the top self-time frames and the inclusive time of the package's
 * and openapi-fetch's functions. Variants: client (default), client-limiter, openapi-fetch,
 * openapi-fetch-timeout, fetch; or import / import-openapi-fetch: `--cold` fresh processes each
 * importing the core entry / openapi-fetch, profiled at a 50 µs interval (where a cold start goes).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { coldStartRows, measureColdStart } from "../bench/support/cold-start.js";
import { printProfiles } from "../bench/support/cpu-profile.js";
import { positiveInt } from "../bench/support/flags.js";
import { notLimiting } from "../bench/support/limit-server.js";
import { mediansOf, measurePerRequest, type Variant } from "../bench/support/per-request.js";
import { startServerProcess } from "../bench/support/server-process.js";
import { loadAverage, machine, printTable } from "../bench/support/table.js";
import { bin, root, run } from "./package-lib.js";

const { values } = parseArgs({
  options: {
    build: { type: "boolean", default: true },
    rounds: { type: "string", default: "12" },
    "per-round": { type: "string", default: "500" },
    cold: { type: "string", default: "15" },
    "cold-start": { type: "boolean", default: true },
    "per-request": { type: "boolean", default: true },
    profile: { type: "string" },
  },
  allowNegative: true,
});

const ROUNDS = positiveInt("rounds", values.rounds);
const PER_ROUND = positiveInt("per-round", values["per-round"]);
const COLD_RUNS = positiveInt("cold", values.cold);
const VARIANTS: Variant[] = ["fetch", "openapi-fetch", "openapi-fetch-timeout", "client", "client-limiter"];
const LABELS: Record<Variant, string> = {
  fetch: "raw fetch",
  "openapi-fetch": "bare openapi-fetch",
  "openapi-fetch-timeout": "openapi-fetch + AbortSignal.timeout",
  client: "client, rateLimit: false",
  "client-limiter": "client, limiter on",
};
const IMPORTS: Record<string, string> = {
  import: "highlevel-voice-ai",
  "import-openapi-fetch": "openapi-fetch",
};

/** Profiles `variant` (a per-request variant, or the import of the core or openapi-fetch). */
async function profile(variant: string) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "voice-ai-prof-"));
  try {
    const specifier = IMPORTS[variant];
    if (specifier) {
      for (let i = 0; i < COLD_RUNS; i++) {
        const args = ["--cpu-prof", "--cpu-prof-interval=50", `--cpu-prof-dir=${dir}`, "--input-type=module"];
        const result = spawnSync(process.execPath, [...args, "-e", `await import("${specifier}")`], {
          cwd: root,
        });
        if (result.status !== 0) throw new Error(`profiled import failed: ${result.stderr}`);
      }
      printProfiles(dir, root, `a fresh process importing ${specifier} (the whole process)`);
      return;
    }
    if (!VARIANTS.includes(variant as Variant)) {
      throw new Error(`--profile takes one of ${[...VARIANTS, ...Object.keys(IMPORTS)].join(", ")}`);
    }
    const server = await startServerProcess(notLimiting(1, 10_000, false));
    try {
      const options = {
        port: server.port,
        variants: [variant as Variant],
        rounds: ROUNDS,
        perRound: PER_ROUND,
      };
      await measurePerRequest({
        ...options,
        concurrency: [1, 16],
        source: "dist",
        profile: { variant: variant as Variant, dir },
      });
    } finally {
      await server.stop();
    }
    printProfiles(dir, root, `"${LABELS[variant as Variant]}"`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function perRequestRows(): Promise<string[][]> {
  const server = await startServerProcess(notLimiting(1, 10_000, false));
  let results;
  try {
    const options = { port: server.port, variants: VARIANTS, rounds: ROUNDS, perRound: PER_ROUND };
    results = await measurePerRequest({ ...options, concurrency: [1, 16], source: "dist" });
  } finally {
    await server.stop();
  }
  const rows = [["per request", "µs/req", "vs openapi-fetch", "vs fetch", "goal"]];
  for (const [mode, m] of mediansOf(results)) {
    for (const name of VARIANTS) {
      const vsBare = m.get(name)! / m.get("openapi-fetch")!;
      const vsFetch = m.get(name)! / m.get("fetch")!;
      const ok = (pass: boolean) => (pass ? "ok" : "MISSED");
      rows.push([
        `${mode}: ${LABELS[name]}`,
        m.get(name)!.toFixed(1),
        name === "fetch" ? "" : `${vsBare.toFixed(3)}x`,
        `${vsFetch.toFixed(3)}x`,
        name.startsWith("client")
          ? `<= 1.05x bare: ${ok(vsBare <= 1.05)}; <= 1.25x fetch: ${ok(vsFetch <= 1.25)}`
          : "",
      ]);
    }
  }
  return rows;
}

async function main() {
  if (values.build) {
    const built = await run(bin("tsdown"), ["--log-level", "error"], { timeoutMs: 180_000 });
    if (built.code !== 0) throw new Error(`build failed:\n${built.stdout}\n${built.stderr}`);
  }
  if (values.profile !== undefined) return profile(values.profile || "client");
  const parts = [
    ...(values["cold-start"] ? [`cold start: median of ${COLD_RUNS} processes per scenario`] : []),
    ...(values["per-request"]
      ? [`per request: median of ${ROUNDS} rounds x ${PER_ROUND} requests per variant`]
      : []),
  ];
  console.log(`${[machine(), ...parts].join("; ")}; load average before: ${loadAverage()}\n`);
  if (values["cold-start"]) {
    printTable(coldStartRows(measureColdStart(COLD_RUNS, root)));
    console.log(`load average: ${loadAverage()}\n`);
  }
  if (values["per-request"]) {
    printTable(await perRequestRows());
    console.log(`load average after: ${loadAverage()} (other processes on this machine skew the figures)`);
  }
}

await main();
