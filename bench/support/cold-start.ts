/**
 * Cold start: fresh `node` processes, each doing one thing at start (importing the built core
 * entry, openapi-fetch alone, ...), interleaved round by round in a rotating order with an empty
 * process (the baseline), after two rounds that warm the file cache. Per scenario, the median
 * over the processes of: the wall time spawn-to-exit and the process's CPU time (raw, and net of
 * the baseline), and the wall and CPU time of the work itself, measured inside the process
 * (performance.now() and process.cpuUsage() around it): on a busy machine the import's own CPU
 * time is the steadiest figure, its wall time what a user waits.
 */
import { spawnSync } from "node:child_process";
import { median } from "./stats.js";

interface Scenario {
  name: string;
  /** Module code run by `node --input-type=module -e` (or as CommonJS when `cjs`). */
  work: string;
  cjs?: true;
  /** The import the core entry's goal is measured against. */
  role?: "baseline" | "core" | "openapi-fetch";
}

export const SCENARIOS: readonly Scenario[] = [
  { name: "empty node (baseline)", work: "", role: "baseline" },
  // What any first dynamic import costs (the ESM loader), whatever it loads.
  { name: "import of an empty ESM module", work: 'await import("data:text/javascript,")' },
  { name: 'import("highlevel-voice-ai") ESM', work: 'await import("highlevel-voice-ai")', role: "core" },
  {
    name: "ESM import + createVoiceAIClient",
    work: 'const { createVoiceAIClient: c } = await import("highlevel-voice-ai"); c({ token: "t" })',
  },
  { name: 'require("highlevel-voice-ai") CJS', work: 'require("highlevel-voice-ai")', cjs: true },
  { name: 'import("openapi-fetch") alone', work: 'await import("openapi-fetch")', role: "openapi-fetch" },
  // Node 20 loads its fetch implementation (undici, ~25 ms) on the first Headers or Request:
  // openapi-fetch's createClient makes one, so both clients pay it at creation, not per import.
  {
    name: "openapi-fetch import + createClient",
    work: 'const { default: c } = await import("openapi-fetch"); c({ baseUrl: "https://h" })',
  },
];

export interface ColdFigures {
  scenario: Scenario;
  /** Spawn to exit, and the whole process's CPU time (ms). */
  wall: number;
  cpu: number;
  /** The same, less the empty process's. */
  wallNet: number;
  cpuNet: number;
  /** The work itself, inside the process: wall and CPU time (ms). */
  work: number;
  workCpu: number;
}

const probe = (work: string) =>
  `const c0 = process.cpuUsage(), t0 = performance.now(); { ${work}; } const t1 = performance.now();` +
  ` const c = process.cpuUsage(c0), u = process.cpuUsage(); console.log(JSON.stringify({ work: t1 - t0,` +
  ` workCpu: (c.user + c.system) / 1000, cpu: (u.user + u.system) / 1000 }))`;

/** Runs `runs` rounds of every scenario in fresh processes (cwd: the package, for self-reference). */
export function measureColdStart(runs: number, cwd: string): ColdFigures[] {
  const samples = SCENARIOS.map(() => ({
    wall: [] as number[],
    cpu: [] as number[],
    work: [] as number[],
    workCpu: [] as number[],
  }));
  for (let round = 0; round < runs + 2; round++) {
    // Rotate the order each round: the first process of a round is systematically slower or faster.
    for (let k = 0; k < SCENARIOS.length; k++) {
      const s = (k + round) % SCENARIOS.length;
      const scenario = SCENARIOS[s]!;
      const args = [...(scenario.cjs ? [] : ["--input-type=module"]), "-e", probe(scenario.work)];
      const started = process.hrtime.bigint();
      const result = spawnSync(process.execPath, args, { cwd, encoding: "utf8" });
      const wall = Number(process.hrtime.bigint() - started) / 1e6;
      if (result.status !== 0)
        throw new Error(`${scenario.name} exited with ${result.status}: ${result.stderr}`);
      if (round < 2) continue; // the first two rounds warm the file cache
      const figures = JSON.parse(result.stdout) as { work: number; workCpu: number; cpu: number };
      samples[s]!.wall.push(wall);
      samples[s]!.cpu.push(figures.cpu);
      samples[s]!.work.push(figures.work);
      samples[s]!.workCpu.push(figures.workCpu);
    }
  }
  const base = samples[SCENARIOS.findIndex((s) => s.role === "baseline")]!;
  return SCENARIOS.map((scenario, s) => {
    const wall = median(samples[s]!.wall);
    const cpu = median(samples[s]!.cpu);
    return {
      scenario,
      wall,
      cpu,
      wallNet: wall - median(base.wall),
      cpuNet: cpu - median(base.cpu),
      work: median(samples[s]!.work),
      workCpu: median(samples[s]!.workCpu),
    };
  });
}

/** Goals: the core's import within 2x openapi-fetch's (issue 23), and within 10 ms net. */
export function coldStartRows(figures: readonly ColdFigures[]): string[][] {
  const fetchImport = figures.find((f) => f.scenario.role === "openapi-fetch")!;
  const rows = [
    [
      "cold start",
      "process wall (net)",
      "process CPU (net)",
      "import wall",
      "import CPU",
      "vs openapi-fetch",
      "goal",
    ],
  ];
  for (const f of figures) {
    const isBaseline = f.scenario.role === "baseline";
    const wallRatio = f.work / fetchImport.work;
    const cpuRatio = f.workCpu / fetchImport.workCpu;
    const ok = (pass: boolean) => (pass ? "ok" : "MISSED");
    rows.push([
      f.scenario.name,
      isBaseline ? `${f.wall.toFixed(1)} ms` : `${f.wall.toFixed(1)} (${f.wallNet.toFixed(1)}) ms`,
      isBaseline ? `${f.cpu.toFixed(1)} ms` : `${f.cpu.toFixed(1)} (${f.cpuNet.toFixed(1)}) ms`,
      isBaseline ? "" : `${f.work.toFixed(1)} ms`,
      isBaseline ? "" : `${f.workCpu.toFixed(1)} ms`,
      isBaseline || f === fetchImport ? "" : `${wallRatio.toFixed(2)}x wall, ${cpuRatio.toFixed(2)}x CPU`,
      f.scenario.role === "core"
        ? `<= 2x openapi-fetch: wall ${ok(wallRatio <= 2)}, CPU ${ok(cpuRatio <= 2)}; <= 10 ms net: wall ${ok(f.wallNet <= 10)}, CPU ${ok(f.cpuNet <= 10)}`
        : "",
    ]);
  }
  return rows;
}
