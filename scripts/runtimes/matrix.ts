/**
 * The runtime matrix of `npm run check:package`: the built package, installed from its tarball in
 * the check's consumer project, runs scenarios.mjs in Bun, Deno, workerd (through miniflare) and
 * Vercel's edge-runtime, all four at once, each against a fake of the API of its own (the package's
 * `/testing` entry, from the same tarball) on 127.0.0.1, stopped also on failure.
 *
 * A runtime that cannot run here fails the check with the exact reason: nothing is skipped.
 */
import { copyFile, mkdir, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import type { createFakeVoiceAI as CreateFake } from "../../src/testing/index.js";
import { run } from "../package-lib.js";
import { locateBun, locateDeno, packageVersion, type Located } from "./binaries.js";

/** workerd runs the Worker at this compatibility date, with no compatibility flags. */
const COMPATIBILITY_DATE = "2026-04-01";
const here = import.meta.dirname;
/** Copied into the consumer project, where "highlevel-voice-ai" resolves to the installed tarball. */
const SOURCES = ["scenarios.mjs", "webhook-entry.mjs", "cli-entry.mjs", "worker-entry.mjs", "edge-entry.mjs"];

interface Runtime {
  name: string;
  /** Resolves the command (the input file's path is appended), or why it cannot run here. */
  prepare(dir: string): Promise<Located & { command?: string[] }>;
  /** Whether the file token store can work there (it needs node:fs). */
  fileStore: "works" | "unavailable";
}

interface ScenarioResult {
  name: string;
  ok: boolean;
  detail: string;
  ms: number;
}

export interface RuntimeReport {
  runtime: string;
  version: string;
  ok: boolean;
  lines: string[];
  ms: number;
}

/** Bundles an entry as a deployment tool would: Node's built-ins left as imports (they fail there). */
async function bundle(dir: string, entry: string, format: "esm" | "iife", conditions: string[]) {
  const outfile = path.join(
    dir,
    entry.replace(/-entry\.mjs$/, format === "esm" ? ".bundle.mjs" : ".bundle.js"),
  );
  await build({
    entryPoints: [path.join(dir, entry)],
    absWorkingDir: dir,
    bundle: true,
    outfile,
    format,
    platform: "neutral",
    mainFields: ["browser", "module", "main"],
    conditions,
    external: ["node:*"],
    target: "es2022",
    logLevel: "silent",
  });
  return outfile;
}

const RUNTIMES: Runtime[] = [
  {
    name: "Bun",
    fileStore: "works",
    prepare: async (dir) => {
      const bun = await locateBun();
      return { ...bun, command: bun.binary ? [bun.binary, path.join(dir, "cli-entry.mjs")] : [] };
    },
  },
  {
    name: "Deno",
    fileStore: "works",
    prepare: async (dir) => {
      const deno = await locateDeno();
      const permissions = ["--allow-net=127.0.0.1", `--allow-read=${dir}`, `--allow-write=${dir}`];
      const args = ["run", "--no-prompt", "--no-lock", ...permissions, path.join(dir, "cli-entry.mjs")];
      return { ...deno, command: deno.binary ? [deno.binary, ...args] : [] };
    },
  },
  {
    name: "workerd",
    fileStore: "unavailable",
    prepare: async (dir) => {
      const worker = await bundle(dir, "worker-entry.mjs", "esm", ["workerd", "worker", "browser"]);
      const host = [process.execPath, path.join(here, "workerd-host.mjs"), worker];
      const version = `${await packageVersion("workerd")} (miniflare ${await packageVersion("miniflare")})`;
      return { binary: "node", version, command: [...host, COMPATIBILITY_DATE] };
    },
  },
  {
    name: "edge-runtime",
    fileStore: "unavailable",
    prepare: async (dir) => {
      const script = await bundle(dir, "edge-entry.mjs", "iife", ["edge-light", "worker", "browser"]);
      const version = `${await packageVersion("edge-runtime")} (on Node ${process.versions.node})`;
      return {
        binary: "node",
        version,
        command: [process.execPath, path.join(here, "edge-host.mjs"), script],
      };
    },
  },
];

/** Runs every runtime at once against the package installed in `consumerDir`. */
export async function runRuntimeMatrix(consumerDir: string): Promise<RuntimeReport[]> {
  const dir = path.join(consumerDir, "runtimes");
  await mkdir(dir, { recursive: true });
  await Promise.all(SOURCES.map((file) => copyFile(path.join(here, file), path.join(dir, file))));
  const requireFromConsumer = createRequire(path.join(consumerDir, "package.json"));
  const testing = (await import(
    pathToFileURL(requireFromConsumer.resolve("highlevel-voice-ai/testing")).href
  )) as { createFakeVoiceAI: typeof CreateFake };
  return Promise.all(RUNTIMES.map((runtime) => runOne(runtime, dir, testing.createFakeVoiceAI)));
}

async function runOne(runtime: Runtime, dir: string, createFake: typeof CreateFake): Promise<RuntimeReport> {
  const started = performance.now();
  const report = (version: string, ok: boolean, lines: string[]): RuntimeReport => ({
    runtime: runtime.name,
    version,
    ok,
    lines,
    ms: performance.now() - started,
  });
  const prepared = await runtime.prepare(dir).catch((error: Error) => ({
    binary: undefined,
    version: "?",
    reason: `cannot prepare: ${error.message}`,
    command: [] as string[],
  }));
  if (!prepared.binary || !prepared.command?.length)
    return report(prepared.version, false, [`cannot run here: ${prepared.reason ?? "no command"}`]);

  const fake = await createFake({ locations: ["LOC1"], oauth: true, seed: runtime.name });
  try {
    fake.failNext({ operationId: "listCallLogs", status: 429, headers: { "Retry-After": "1" } });
    fake.failNext({ operationId: "getCallLog", delayMs: 2_000, times: 2 });
    const signer = fake.oauth!.webhooks;
    const webhook = await signer.sign({
      type: "INSTALL",
      appId: "app1",
      locationId: "LOC1",
      companyId: "C1",
    });
    const input = {
      baseUrl: fake.url,
      token: fake.tokenFor("LOC1"),
      locationId: "LOC1",
      fileStore: runtime.fileStore,
      fileStorePath: path.join(dir, `${runtime.name}-store`, "tokens.json"),
      webhook: { ...webhook, publicKey: await signer.publicKey() },
    };
    const inputPath = path.join(dir, `${runtime.name}-input.json`);
    await writeFile(inputPath, JSON.stringify(input));
    // Every command takes the input file as its last argument.
    const [command, ...args] = [...prepared.command, inputPath];
    // No update checks, crash reports or telemetry: only 127.0.0.1 is a network target.
    const env = {
      ...process.env,
      NO_COLOR: "1",
      DO_NOT_TRACK: "1",
      DENO_NO_UPDATE_CHECK: "1",
      DENO_DIR: path.join(dir, ".deno"),
    };
    const result = await run(command!, args, { cwd: dir, env, timeoutMs: 90_000 });
    const line = result.stdout
      .split("\n")
      .filter((l) => l.startsWith("RESULT "))
      .pop();
    if (result.code !== 0 || !line) {
      const output = `${result.stdout}\n${result.stderr}`.trim().split("\n").slice(-25).join("\n    ");
      return report(prepared.version, false, [`exited with ${result.code}, no results:\n    ${output}`]);
    }
    const results = JSON.parse(line.slice("RESULT ".length)) as ScenarioResult[];
    const journal = fake.requests.filter((r) => r.operationId === "listCallLogs").map((r) => r.status);
    if (JSON.stringify(journal) !== "[429,200]")
      results.push({ name: "server saw the 429 retried", ok: false, detail: `statuses ${journal}`, ms: 0 });
    if (results.length < 8)
      results.push({ name: "scenarios", ok: false, detail: `only ${results.length} reported`, ms: 0 });
    const lines = results.map((r) => `${r.ok ? "✔" : "✘"} ${r.name} (${r.ms} ms): ${r.detail}`);
    return report(
      prepared.version,
      results.every((r) => r.ok),
      lines,
    );
  } finally {
    await fake.close();
  }
}

/** One block per runtime: a headline, then one line per scenario (or the reason it could not run). */
export function formatReports(reports: RuntimeReport[]): string {
  return reports
    .map((r) => {
      const head = `${r.ok ? "✔" : "✘"} ${r.runtime} ${r.version} (${(r.ms / 1000).toFixed(1)} s)`;
      return [head, ...r.lines.map((line) => `    ${line}`)].join("\n");
    })
    .join("\n");
}
