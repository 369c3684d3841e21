/**
 * Reads the `.cpuprofile` files `node --cpu-prof` wrote into a directory and prints where the CPU
 * time went, summed over them: self time by origin (our dist/, openapi-fetch, undici, the ESM
 * loader, other node internals), the top self-time frames, and the inclusive time (self + callees)
 * of our and openapi-fetch's functions. Used by `npm run bench:package -- --profile`.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export function printProfiles(dir: string, root: string, title: string): void {
  const files = readdirSync(dir).filter((f) => f.endsWith(".cpuprofile"));
  if (!files.length) throw new Error("no .cpuprofile written");
  const frames = new Map<string, number>();
  const origins = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const add = (map: Map<string, number>, key: string, us: number) => map.set(key, (map.get(key) ?? 0) + us);
  const shortUrl = (url: string) =>
    url.replace(`file://${root}/`, "").replace(/^file:\/\/.*\/node_modules\//, "");
  const originOf = (functionName: string, url: string) => {
    if (!url) return functionName.startsWith("(") ? functionName : "native / builtin";
    if (url.includes(`${root}/dist/`)) return "highlevel-voice-ai (dist)";
    if (url.includes("/openapi-fetch/")) return "openapi-fetch";
    if (url.includes("undici")) return "undici (fetch)";
    if (url.startsWith("node:internal/modules/esm")) return "node: ESM loader";
    if (url.startsWith("node:")) return "node internals";
    return "other";
  };
  let total = 0;
  for (const file of files) {
    const prof = JSON.parse(readFileSync(path.join(dir, file), "utf8")) as Profile;
    const byId = new Map(prof.nodes.map((n) => [n.id, n]));
    const self = new Map<number, number>();
    prof.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (prof.timeDeltas[i] ?? 0)));
    for (const [id, us] of self) {
      const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
      if (functionName === "(idle)") continue;
      total += us;
      const where = url ? `${shortUrl(url)}:${lineNumber + 1}` : "";
      add(frames, `${functionName || "(anonymous)"} ${where}`.trim(), us);
      add(origins, originOf(functionName, url), us);
    }
    const totalOf = (id: number): number => {
      const node = byId.get(id)!;
      const sum = (self.get(id) ?? 0) + (node.children ?? []).reduce((acc, child) => acc + totalOf(child), 0);
      const { functionName, url, lineNumber } = node.callFrame;
      const origin = originOf(functionName, url);
      if (origin === "highlevel-voice-ai (dist)" || origin === "openapi-fetch") {
        add(inclusive, `${functionName || "(anonymous)"} ${shortUrl(url)}:${lineNumber + 1}`, sum);
      }
      return sum;
    };
    totalOf(prof.nodes[0]!.id);
  }
  const pct = (us: number) => `${((100 * us) / total).toFixed(1).padStart(5)} %`;
  const perFile = (us: number) => `${(us / files.length / 1000).toFixed(2).padStart(7)} ms`;
  const list = (map: Map<string, number>, count: number) => {
    for (const [key, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, count)) {
      console.log(`  ${pct(us)} ${perFile(us)}  ${key}`);
    }
  };
  console.log(
    `\nCPU profile of ${title}: ${(total / 1e6).toFixed(2)} s on CPU over ${files.length} process(es), idle excluded; ms per process`,
  );
  console.log("\nself time by origin:");
  list(origins, 20);
  console.log("\ntop self-time frames:");
  list(frames, 30);
  console.log("\ninclusive time of the package's and openapi-fetch's functions (async parts split):");
  list(inclusive, 20);
}
