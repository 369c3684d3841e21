/**
 * The layout shows the architecture only while its modules form a tree of dependencies: no file of
 * src reaches itself again through its relative imports (type-only imports count too).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";

const src = path.resolve(import.meta.dirname, "../src");
const IMPORT = /^\s*(?:import|export)\s[^;]*?from\s*["'](\.{1,2}\/[^"']+)["']/gm;

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? walk(full) : full.endsWith(".ts") ? [full] : [];
  });
}

function importsOf(file: string): string[] {
  return [...readFileSync(file, "utf8").matchAll(IMPORT)].map((match) => {
    const target = path.resolve(path.dirname(file), match[1]!).replace(/\.js$/, ".ts");
    return target.endsWith(".ts")
      ? target
      : existsSync(`${target}.ts`)
        ? `${target}.ts`
        : `${target}/index.ts`;
  });
}

/** Each cycle found by a depth-first walk, as the chain of files that closes it. */
function cycles(graph: Map<string, string[]>): string[][] {
  const done = new Set<string>();
  const found: string[][] = [];
  const visit = (file: string, trail: string[]) => {
    const at = trail.indexOf(file);
    if (at >= 0) return void found.push([...trail.slice(at), file]);
    if (done.has(file)) return;
    for (const next of graph.get(file)!) visit(next, [...trail, file]);
    done.add(file);
  };
  for (const file of graph.keys()) visit(file, []);
  return found;
}

function graphOf(files: string[]): Map<string, string[]> {
  return new Map(files.map((file) => [file, importsOf(file).filter((t) => files.includes(t))]));
}

it("the detector reports a cycle, and reads real imports", () => {
  const graph = new Map([
    ["a", ["b"]],
    ["b", ["c"]],
    ["c", ["a"]],
    ["d", ["a"]],
  ]);
  expect(cycles(graph)).toEqual([["a", "b", "c", "a"]]);
  expect(importsOf(path.join(src, "client/client.ts"))).toContain(path.join(src, "client/shape.ts"));
});

it("src has no import cycles", () => {
  const found = cycles(graphOf(walk(src))).map((cycle) => cycle.map((file) => path.relative(src, file)));
  expect(found).toEqual([]);
});
