/**
 * `npm run bench:size`: where the bundle's bytes go. Not a test: it prints one table.
 *
 * The client's ESM entry is bundled from src/ (esbuild, browser, ES2022) without minifying, so
 * that each input file's code stays a separate, labelled piece; each piece is then minified on
 * its own. A file's row is its marginal cost: the gzipped size of all pieces minus the gzipped
 * size of all pieces but that one, i.e. what the file adds to an application's bundle given the
 * rest (shared strings and names are counted once, where gzip finds them first). The rows add
 * up to roughly the whole; check:package measures the whole the ordinary way.
 */
import { gzipSync } from "node:zlib";
import { build, transform } from "esbuild";
import { SIZE_GOAL_BYTES, measureBundle } from "./bundle-size.js";
import { root } from "./package-lib.js";

const ENTRY = "src/index.ts";
const gzip = (text: string) => gzipSync(text, { level: 9 }).length;

const result = await build({
  entryPoints: [ENTRY],
  absWorkingDir: root,
  bundle: true,
  format: "esm",
  platform: "browser",
  target: "es2022",
  write: false,
  logLevel: "silent",
});
// esbuild labels each input's code with a "// path" line when not minifying.
const pieces = await Promise.all(
  result.outputFiles[0]!.text.split(/^(?=\/\/ (?:src|generated|node_modules)\/)/m).map(async (text) => ({
    file: /^\/\/ (\S+)/.exec(text)?.[1] ?? "(glue)",
    code: (await transform(text.replace(/^export \{[\s\S]*?\};?\s*$/m, ""), { minify: true })).code,
  })),
);
const all = gzip(pieces.map((p) => p.code).join(""));
const rows = pieces
  .map((p, i) => ({
    file: p.file,
    minified: p.code.length,
    cost: all - gzip(pieces.flatMap((q, j) => (j === i ? [] : [q.code])).join("")),
  }))
  .filter((r) => r.minified > 0)
  .sort((a, b) => b.cost - a.cost);

const whole = await measureBundle(ENTRY);
const width = Math.max(...rows.map((r) => r.file.length), 40);
const cell = (text: string | number, w: number) => String(text).padStart(w);
console.log(
  `${"file (marginal cost in the bundle)".padEnd(width)}  ${cell("minified", 9)}  ${cell("gzip", 6)}`,
);
for (const r of rows) console.log(`${r.file.padEnd(width)}  ${cell(r.minified, 9)}  ${cell(r.cost, 6)}`);
const sum = rows.reduce((total, r) => total + r.cost, 0);
console.log(`${"sum of the rows".padEnd(width)}  ${cell("", 9)}  ${cell(sum, 6)}`);
console.log(
  `${"the entry, bundled and minified whole".padEnd(width)}  ${cell(whole.minified, 9)}  ${cell(whole.gzipped, 6)}` +
    `  (${whole.gzipped - SIZE_GOAL_BYTES > 0 ? `${whole.gzipped - SIZE_GOAL_BYTES} B over` : "within"} the ${SIZE_GOAL_BYTES} B goal)`,
);
