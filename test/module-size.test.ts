/** One concern per module: every source file, in every entry, has at most 200 lines. */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");
const MAX_LINES = 200;
const DIRS = ["src", "src/pipeline", "src/oauth", "src/redis", "src/sync", "src/testing", "src/validate"];

it.each(DIRS)(`every file of %s has at most ${MAX_LINES} lines`, async (dir) => {
  const names = (await readdir(path.join(root, dir))).filter((name) => name.endsWith(".ts"));
  expect(names.length).toBeGreaterThan(3);
  const sizes: Record<string, number> = {};
  for (const name of names) {
    const text = await readFile(path.join(root, dir, name), "utf8");
    sizes[name] = text.trimEnd().split("\n").length;
  }
  const over = Object.entries(sizes).filter(([, lines]) => lines > MAX_LINES);
  expect(over).toEqual([]);
});

it("the list above covers every folder of src", async () => {
  const folders = (await readdir(path.join(root, "src"), { withFileTypes: true }))
    .filter((entry) => entry.isDirectory())
    .map((entry) => `src/${entry.name}`);
  expect(["src", ...folders].sort()).toEqual([...DIRS].sort());
});
