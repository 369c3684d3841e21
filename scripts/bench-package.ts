/**
 * `npm run bench:package`: what the built package costs. Not a test: it prints one table.
 *
 * - Cold start: fresh `node` processes importing the built ESM entry (`import("highlevel-voice-ai")`,
 *   resolved by package self-reference to dist/index.mjs), the CJS entry and openapi-fetch alone,
 *   interleaved (rotating order) with an empty `node` process, the baseline. Per scenario, the
 *   median over the processes of: wall time spawn-to-exit and the process's CPU time (raw, and net
 *   of the baseline), and the wall time of the import itself measured inside the process (the
 *   steadiest figure on a busy machine). Target: ESM entry <= 10 ms net.
 * - Per request (scripts/bench-worker.mjs, run by bare `node`): raw fetch vs bare openapi-fetch
 *   (createClient<paths>), alone and with a per-request `AbortSignal.timeout` (what the client's
 *   per-attempt timeout costs by itself) vs the client with the rate limiter off (`rateLimit: false`) and on (the
 *   default limiter, limits raised so that it never waits), against a keep-alive node:http server
 *   on 127.0.0.1 in a separate process answering the same small JSON body. Variants alternate
 *   round by round (rotating order) in one process; each figure is the median over rounds.
 *   Sequential, and 16 in flight at once. Goals: client within 5% of openapi-fetch, <= 1.25x fetch.
 *
 * Options: --no-build (bench dist/ as it is), --rounds N (12), --per-round N (500), --cold N (15),
 * --profile [variant]: run only that variant under `node --cpu-prof` and print self time by origin,
 * the top self-time frames and the inclusive time of the wrapper's and openapi-fetch's functions
 * (variant: client, client-limiter, openapi-fetch, openapi-fetch-timeout, fetch; default client).
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { bin, root, run } from "./package-lib.js";

const { values } = parseArgs({
  options: {
    build: { type: "boolean", default: true },
    rounds: { type: "string", default: "12" },
    "per-round": { type: "string", default: "500" },
    cold: { type: "string", default: "15" },
    profile: { type: "string" },
  },
  allowNegative: true,
});

const ROUNDS = Number(values.rounds);
const PER_ROUND = Number(values["per-round"]);
const COLD_RUNS = Number(values.cold);
type VariantName = "fetch" | "openapi-fetch" | "openapi-fetch-timeout" | "client" | "client-limiter";
const VARIANTS: VariantName[] = [
  "fetch",
  "openapi-fetch",
  "openapi-fetch-timeout",
  "client",
  "client-limiter",
];
const LABELS: Record<VariantName, string> = {
  fetch: "raw fetch",
  "openapi-fetch": "bare openapi-fetch",
  // What a per-attempt timeout costs by itself (the client has one, bare openapi-fetch has none).
  "openapi-fetch-timeout": "openapi-fetch + AbortSignal.timeout",
  client: "client, rateLimit: false",
  "client-limiter": "client, limiter on",
};

/** The server: a separate process, so that its work does not land on the measured event loop. */
const SERVER_SOURCE = `
const http = require("node:http");
const body = JSON.stringify({ id: "bench", locationId: "L1", agentName: "Bench agent", actions: [] });
const server = http.createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
    res.end(body);
  });
});
server.keepAliveTimeout = 60000;
server.listen(0, "127.0.0.1", () => console.log(server.address().port));
process.stdin.on("end", () => process.exit(0)).resume();
`;

async function startServerProcess(): Promise<{ port: number; stop: () => void }> {
  const child = spawn(process.execPath, ["-e", SERVER_SOURCE], { stdio: ["pipe", "pipe", "inherit"] });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.setEncoding("utf8").once("data", (line: string) => resolve(Number(line.trim())));
    child.once("exit", (code) => reject(new Error(`bench server exited with ${code}`)));
  });
  return { port, stop: () => child.stdin.end() };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

/** Runs scripts/bench-worker.mjs with bare node: µs per request per round, per mode and variant. */
async function perRequest(port: number) {
  const result = await run(
    process.execPath,
    [path.join(root, "scripts/bench-worker.mjs"), "bench", String(port), String(ROUNDS), String(PER_ROUND)],
    { timeoutMs: 900_000 },
  );
  if (result.code !== 0) throw new Error(`bench worker failed:\n${result.stderr}`);
  return JSON.parse(result.stdout) as Record<string, Record<VariantName, number[]>>;
}

/**
 * Each child reports, besides the wall time the parent sees (spawn to exit), its own CPU time
 * (user + system, whole process) and the wall time of the import itself (performance.now()
 * around it): on a shared, busy machine these two are far steadier than spawn-to-exit.
 */
function coldStart() {
  const probe = (esm: boolean, work: string) => [
    ...(esm ? ["--input-type=module"] : []),
    "-e",
    `const t0 = performance.now(); ${work}; const t1 = performance.now(); const u = process.cpuUsage(); ` +
      `console.log(JSON.stringify({ work: t1 - t0, cpu: (u.user + u.system) / 1000 }))`,
  ];
  const scenarios: { name: string; args: string[]; goal?: true }[] = [
    { name: "empty node (baseline)", args: probe(true, "") },
    // What any first dynamic import costs (the ESM loader), whatever it loads.
    { name: "import of an empty ESM module", args: probe(true, 'await import("data:text/javascript,")') },
    {
      name: 'import("highlevel-voice-ai") ESM',
      args: probe(true, 'await import("highlevel-voice-ai")'),
      goal: true,
    },
    {
      name: "ESM import + createVoiceAIClient",
      args: probe(
        true,
        'const { createVoiceAIClient: c } = await import("highlevel-voice-ai"); c({ token: "t" })',
      ),
    },
    { name: 'require("highlevel-voice-ai") CJS', args: probe(false, 'require("highlevel-voice-ai")') },
    { name: 'import("openapi-fetch") alone', args: probe(true, 'await import("openapi-fetch")') },
    // Node 20 loads its fetch implementation (undici, ~25 ms) on the first Headers or Request:
    // openapi-fetch's createClient makes one, so both clients pay it at creation, not per import.
    {
      name: "openapi-fetch import + createClient",
      args: probe(true, 'const { default: c } = await import("openapi-fetch"); c({ baseUrl: "https://h" })'),
    },
  ];
  const samples = scenarios.map(() => ({ wall: [] as number[], cpu: [] as number[], work: [] as number[] }));
  for (let i = 0; i < COLD_RUNS + 2; i++) {
    // Rotate the order each round: the first process of a round is systematically slower or faster.
    const order = scenarios.map((_, k) => (k + i) % scenarios.length);
    for (const s of order) {
      const scenario = scenarios[s]!;
      const started = process.hrtime.bigint();
      const result = spawnSync(process.execPath, scenario.args, { cwd: root, encoding: "utf8" });
      const wall = Number(process.hrtime.bigint() - started) / 1e6;
      if (result.status !== 0)
        throw new Error(`${scenario.name} exited with ${result.status}: ${result.stderr}`);
      if (i < 2) continue; // the first two rounds warm the file cache
      const { cpu, work } = JSON.parse(result.stdout) as { cpu: number; work: number };
      samples[s]!.wall.push(wall);
      samples[s]!.cpu.push(cpu);
      samples[s]!.work.push(work);
    }
  }
  const base = { wall: median(samples[0]!.wall), cpu: median(samples[0]!.cpu) };
  return scenarios.map((scenario, s) => {
    const wall = median(samples[s]!.wall);
    const cpu = median(samples[s]!.cpu);
    return {
      name: scenario.name,
      goal: scenario.goal ?? false,
      wall,
      wallNet: wall - base.wall,
      cpu,
      cpuNet: cpu - base.cpu,
      work: median(samples[s]!.work),
    };
  });
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

/** Runs one variant under --cpu-prof and prints the top self-time frames and a breakdown by origin. */
async function profile(variant: VariantName, port: number) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "voice-ai-prof-"));
  try {
    const result = await run(
      process.execPath,
      [
        "--cpu-prof",
        `--cpu-prof-dir=${dir}`,
        path.join(root, "scripts/bench-worker.mjs"),
        "profile",
        String(port),
        String(ROUNDS),
        String(PER_ROUND),
        variant,
      ],
      { timeoutMs: 300_000 },
    );
    if (result.code !== 0) throw new Error(`profile worker failed:\n${result.stderr}`);
    const file = readdirSync(dir).find((f) => f.endsWith(".cpuprofile"));
    if (!file) throw new Error("no .cpuprofile written");
    const prof = JSON.parse(readFileSync(path.join(dir, file), "utf8")) as {
      nodes: ProfileNode[];
      samples: number[];
      timeDeltas: number[];
    };
    const byId = new Map(prof.nodes.map((n) => [n.id, n]));
    const self = new Map<number, number>();
    prof.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (prof.timeDeltas[i] ?? 0)));
    const frames = new Map<string, number>();
    const origins = new Map<string, number>();
    let total = 0;
    for (const [id, us] of self) {
      const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
      if (functionName === "(idle)") continue;
      total += us;
      const where = url ? `${shortUrl(url)}:${lineNumber + 1}` : "";
      const key = `${functionName || "(anonymous)"} ${where}`.trim();
      frames.set(key, (frames.get(key) ?? 0) + us);
      const origin = originOf(functionName, url);
      origins.set(origin, (origins.get(origin) ?? 0) + us);
    }
    // Inclusive time (self + callees) of the wrapper's and openapi-fetch's own functions.
    const inclusive = new Map<string, number>();
    const totalOf = (id: number): number => {
      const node = byId.get(id)!;
      const sum = (self.get(id) ?? 0) + (node.children ?? []).reduce((acc, child) => acc + totalOf(child), 0);
      const { functionName, url, lineNumber } = node.callFrame;
      const origin = originOf(functionName, url);
      if (origin === "highlevel-voice-ai (dist)" || origin === "openapi-fetch") {
        const key = `${functionName || "(anonymous)"} ${shortUrl(url)}:${lineNumber + 1}`;
        inclusive.set(key, (inclusive.get(key) ?? 0) + sum);
      }
      return sum;
    };
    totalOf(prof.nodes[0]!.id);
    const pct = (us: number) => `${((100 * us) / total).toFixed(1).padStart(5)} %`;
    console.log(
      `\nCPU profile of "${LABELS[variant]}" (${(total / 1e6).toFixed(2)} s on CPU, idle excluded)`,
    );
    console.log("\nself time by origin:");
    for (const [origin, us] of [...origins].sort((a, b) => b[1] - a[1]))
      console.log(`  ${pct(us)}  ${origin}`);
    console.log("\ntop self-time frames:");
    for (const [key, us] of [...frames].sort((a, b) => b[1] - a[1]).slice(0, 30))
      console.log(`  ${pct(us)}  ${key}`);
    console.log("\ninclusive time of the wrapper's and openapi-fetch's functions (async parts split):");
    for (const [key, us] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, 20)) {
      console.log(`  ${pct(us)}  ${key}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function shortUrl(url: string): string {
  return url.replace(`file://${root}/`, "").replace(/^file:\/\/.*\/node_modules\//, "");
}

function originOf(functionName: string, url: string): string {
  if (!url) return functionName.startsWith("(") ? functionName : "native / builtin";
  if (url.includes(`${root}/dist/`)) return "highlevel-voice-ai (dist)";
  if (url.includes("/openapi-fetch/")) return "openapi-fetch";
  if (url.includes("undici")) return "undici (fetch)";
  if (url.startsWith("node:")) return "node internals";
  return "other";
}

function table(rows: string[][]) {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  for (const [i, row] of rows.entries()) {
    console.log(
      row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join("  "),
    );
    if (i === 0) console.log(widths.map((w) => "-".repeat(w)).join("  "));
  }
}

async function main() {
  if (values.build) {
    const built = await run(bin("tsdown"), ["--log-level", "error"], { timeoutMs: 180_000 });
    if (built.code !== 0) throw new Error(`build failed:\n${built.stdout}\n${built.stderr}`);
  }
  const server = await startServerProcess();
  try {
    if (values.profile !== undefined) {
      const variant = (values.profile || "client") as VariantName;
      if (!VARIANTS.includes(variant)) throw new Error(`--profile takes one of ${VARIANTS.join(", ")}`);
      await profile(variant, server.port);
      return;
    }
    console.log(
      `node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model.trim()}); ` +
        `cold start: median of ${COLD_RUNS} processes; per request: median of ${ROUNDS} rounds x ${PER_ROUND} requests per variant\n`,
    );
    const cold = coldStart();
    const requests = await perRequest(server.port);

    const rows: string[][] = [["measure", "value", "vs openapi-fetch", "vs fetch", "goal"]];
    for (const c of cold) {
      const isBaseline = c.name.startsWith("empty");
      rows.push([
        `cold start: ${c.name}`,
        isBaseline
          ? `wall ${c.wall.toFixed(1)} ms, CPU ${c.cpu.toFixed(1)} ms`
          : `wall ${c.wall.toFixed(1)} (net ${c.wallNet.toFixed(1)}) ms, CPU ${c.cpu.toFixed(1)} (net ${c.cpuNet.toFixed(1)}) ms, import ${c.work.toFixed(1)} ms`,
        "",
        "",
        c.goal
          ? `<= 10 ms net: wall ${c.wallNet <= 10 ? "ok" : "MISSED"}, CPU ${c.cpuNet <= 10 ? "ok" : "MISSED"}`
          : "",
      ]);
    }
    for (const [mode, perVariant] of Object.entries(requests)) {
      const m = Object.fromEntries(VARIANTS.map((n) => [n, median(perVariant[n])])) as Record<
        VariantName,
        number
      >;
      for (const name of VARIANTS) {
        const vsBare = m[name] / m["openapi-fetch"];
        const vsFetch = m[name] / m.fetch;
        const isClient = name.startsWith("client");
        rows.push([
          `${mode}: ${LABELS[name]}`,
          `${m[name].toFixed(1)} µs/req`,
          name === "fetch" ? "" : `${vsBare.toFixed(3)}x`,
          `${vsFetch.toFixed(3)}x`,
          isClient
            ? `<= 1.05x bare: ${vsBare <= 1.05 ? "ok" : "MISSED"}; <= 1.25x fetch: ${vsFetch <= 1.25 ? "ok" : "MISSED"}`
            : "",
        ]);
      }
    }
    table(rows);
  } finally {
    server.stop();
  }
}

await main();
