/** One concern per module: every source file of src, in every folder and entry, has at most 200 lines. */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { expect, it } from "vitest";

const src = path.resolve(import.meta.dirname, "../src");
const MAX_LINES = 200;

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return sourceFiles(full);
      return Promise.resolve(entry.name.endsWith(".ts") ? [full] : []);
    }),
  );
  return nested.flat();
}

it(`every file of src (all folders) has at most ${MAX_LINES} lines`, async () => {
  const files = await sourceFiles(src);
  // The walk found the tree: the core alone has more than fifty files.
  expect(files.length).toBeGreaterThan(50);
  const over: Record<string, number> = {};
  for (const file of files) {
    const lines = (await readFile(file, "utf8")).trimEnd().split("\n").length;
    if (lines > MAX_LINES) over[path.relative(src, file)] = lines;
  }
  expect(over).toEqual({});
});

it("the core has no source file loose at the root of src but its entry points", async () => {
  const loose = (await readdir(src, { withFileTypes: true }))
    .filter((entry) => entry.isFile() && entry.name.endsWith(".ts"))
    .map((entry) => entry.name);
  expect(loose.sort()).toEqual(["index.ts", "types-entry.ts"]);
});
