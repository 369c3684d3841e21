/**
 * `npm run check:snippets`: do the code snippets users read compile as written? Every ```ts block
 * of README.md and of every guides/*.md, and every code sample of the rendered docs
 * (generated/code-samples.json) is
 * type-checked as a file of its own in a fresh consumer project against the packed package
 * (strict; node16 and bundler resolution). `npm test` runs the same check as a step of
 * `check:package`, in the project that step already installed; this script builds, packs and
 * installs on its own, to check snippets alone. KEEP_TMP=1 keeps the temp project; `--consumer DIR`
 * reuses a kept one (no build, pack or install: for editing snippets against an unchanged package).
 */
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { bin, installPackedPackage, root, run } from "./package-lib.js";
import { compileSnippets, markdownSnippets, type Snippet } from "./snippets.js";

/** Markdown files whose ts blocks are checked: the README and every guide (the docs page renders both). */
async function markdownFiles(): Promise<string[]> {
  const guides = (await readdir(path.join(root, "guides"))).filter((name) => name.endsWith(".md")).sort();
  return ["README.md", ...guides.map((name) => `guides/${name}`)];
}
/** The docs' per-operation samples, written by `npm run generate` (scripts/code-samples.ts). */
const CODE_SAMPLES = "generated/code-samples.json";

/** The snippets of this repository: README and guide blocks first, then one code sample per operation. */
export async function projectSnippets(): Promise<Snippet[]> {
  const snippets: Snippet[] = [];
  for (const file of await markdownFiles()) {
    snippets.push(...markdownSnippets(await readFile(path.join(root, file), "utf8"), file));
  }
  const samples = JSON.parse(await readFile(path.join(root, CODE_SAMPLES), "utf8")) as Record<string, string>;
  for (const [operationId, source] of Object.entries(samples)) {
    snippets.push({ origin: `${CODE_SAMPLES} ${operationId}`, source });
  }
  return snippets;
}

/**
 * `5 from README.md, 40 from guides/*.md (11 files), 24 from generated/code-samples.json`: how many
 * snippets came from where.
 */
export function countByFile(snippets: readonly Snippet[]): string {
  const counts = new Map<string, { count: number; files: Set<string> }>();
  for (const { origin } of snippets) {
    const file = origin.split(/[: ]/)[0] ?? origin;
    const group = file.startsWith("guides/") ? "guides/*.md" : file;
    const entry = counts.get(group) ?? { count: 0, files: new Set<string>() };
    entry.count++;
    entry.files.add(file);
    counts.set(group, entry);
  }
  return [...counts]
    .map(
      ([group, { count, files }]) =>
        `${count} from ${group}${files.size > 1 ? ` (${files.size} files)` : ""}`,
    )
    .join(", ");
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { consumer: { type: "string" } } });
  const snippets = await projectSnippets();
  let tmp = values.consumer;
  if (!tmp) {
    const built = await run(bin("tsdown"), ["--log-level", "warn"], { timeoutMs: 180_000 });
    if (built.code !== 0) throw new Error(`tsdown exited with ${built.code}\n${built.stdout}${built.stderr}`);
    tmp = await mkdtemp(path.join(os.tmpdir(), "voice-ai-snippets-"));
  }
  try {
    if (!values.consumer) await installPackedPackage(tmp);
    const { errors, ms } = await compileSnippets(tmp, snippets);
    const figure = `${snippets.length} snippets (${countByFile(snippets)}), tsc ${Math.round(ms)} ms`;
    if (errors.length > 0) {
      console.error(`${errors.join("\n")}\n\n${errors.length} compile errors in ${figure}`);
      process.exitCode = 1;
    } else console.log(`all compile: ${figure}`);
  } finally {
    if (values.consumer || process.env.KEEP_TMP) console.log(`temp project kept: ${tmp}`);
    else await rm(tmp, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await main();
