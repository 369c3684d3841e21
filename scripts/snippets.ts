/**
 * Compiles code snippets as a user would paste them: each one a file of its own in a consumer
 * project that has the packed package installed, type-checked strict under `node16` and `nodenext`
 * (as .mts) and `bundler` (as .ts) resolution, by TypeScript 5.9 or 7 (COMPILERS). Snippets come from Markdown (every ```ts block) or from any
 * other list (the docs' code samples); errors are reported against where the snippet came from.
 */
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { root, run } from "./package-lib.js";

export interface Snippet {
  /** Where it came from, for messages: `README.md:42` (first code line) or `createAgent sample`. */
  origin: string;
  /** Line of the origin that the snippet's first line is: diagnostics are shifted by it. */
  firstLine?: number;
  source: string;
}

/** Every ```ts (or ```typescript) block of a Markdown text; other languages are not snippets. */
export function markdownSnippets(markdown: string, file: string): Snippet[] {
  const snippets: Snippet[] = [];
  const lines = markdown.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*(\S*)/.exec(lines[i] ?? "");
    if (!open) continue;
    const [, indent = "", fence = "", lang = ""] = open;
    let end = i + 1;
    while (end < lines.length && !(lines[end] ?? "").trimStart().startsWith(fence)) end++;
    if (/^(ts|typescript)$/i.test(lang)) {
      const body = lines
        .slice(i + 1, end)
        .map((line) => (line.startsWith(indent) ? line.slice(indent.length) : line));
      snippets.push({ origin: `${file}:${i + 2}`, firstLine: i + 2, source: body.join("\n") + "\n" });
    }
    i = end;
  }
  return snippets;
}

export interface SnippetResult {
  /** One readable line (or more) per compile error; empty when every snippet compiled. */
  errors: string[];
  ms: number;
}

const MODES = {
  node16: { ext: ".mts", compilerOptions: { module: "node16", moduleResolution: "node16" } },
  nodenext: { ext: ".mts", compilerOptions: { module: "nodenext", moduleResolution: "nodenext" } },
  bundler: { ext: ".ts", compilerOptions: { module: "esnext", moduleResolution: "bundler" } },
} as const;

/**
 * The compilers users type-check with: TypeScript 5.9 (this repository's own) and 7 (what
 * `npm i typescript` installs today; a devDependency under the alias `typescript7`).
 */
export interface Compiler {
  /** The package folder in node_modules. */
  package: "typescript" | "typescript7";
  tsc: string;
}
export const COMPILERS: readonly Compiler[] = (["typescript", "typescript7"] as const).map((name) => ({
  package: name,
  tsc: path.join(root, "node_modules", name, "bin/tsc"),
}));

export const compilerVersion = async (compiler: Compiler): Promise<string> =>
  (
    JSON.parse(await readFile(path.join(root, "node_modules", compiler.package, "package.json"), "utf8")) as {
      version: string;
    }
  ).version;

/**
 * Type-checks the snippets inside `consumerDir`, a project where `npm install <tarball>` ran, with
 * `compiler` (default: TypeScript 5.9); each compiler has a folder of its own, so both can run at once.
 * Node's types come from this repository's @types/node (a Node user has them; the package does
 * not depend on them).
 */
export async function compileSnippets(
  consumerDir: string,
  snippets: readonly Snippet[],
  compiler: Compiler = COMPILERS[0]!,
): Promise<SnippetResult> {
  const started = performance.now();
  const dir = path.join(consumerDir, `snippets-${compiler.package}`);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const { tsc } = compiler;
  // The same error under both resolutions is reported once, naming both.
  const found = new Map<string, { order: number[]; modes: string[] }>();
  const failures: string[] = [];
  await Promise.all(
    Object.entries(MODES).map(async ([mode, { ext, compilerOptions }]) => {
      const files = snippets.map((_, index) => `snippet-${String(index).padStart(3, "0")}-${mode}${ext}`);
      await Promise.all(files.map((file, index) => writeFile(path.join(dir, file), snippets[index]!.source)));
      const config = {
        compilerOptions: {
          ...compilerOptions,
          strict: true,
          noEmit: true,
          target: "ES2022",
          lib: ["ES2022"],
          typeRoots: [path.join(root, "node_modules/@types")],
          types: ["node"],
          skipLibCheck: true,
        },
        files,
      };
      const configFile = `tsconfig.${mode}.json`;
      await writeFile(path.join(dir, configFile), JSON.stringify(config, null, 2));
      const result = await run(process.execPath, [tsc, "-p", configFile, "--pretty", "false"], {
        cwd: dir,
        timeoutMs: 180_000,
      });
      if (result.code === 0) return;
      const output = `${result.stdout}${result.stderr}`.trim();
      const located = locate(output, files, snippets);
      if (located.length === 0) failures.push(`tsc (${mode}) exited with ${result.code}:\n${output}`);
      for (const { text, order } of located) {
        const entry = found.get(text) ?? { order, modes: [] };
        entry.modes.push(mode);
        found.set(text, entry);
      }
    }),
  );
  const byPlace = [...found].sort(([, a], [, b]) => a.order[0]! - b.order[0]! || a.order[1]! - b.order[1]!);
  const errors = byPlace.map(([text, { modes }]) => text.replace("%MODES%", modes.sort().join(", ")));
  return { errors: [...failures, ...errors], ms: performance.now() - started };
}

/** Reads `snippet-003-node16.mts(4,7): error TS…` as `README.md:45:7 (%MODES%): error TS…`. */
function locate(
  output: string,
  files: readonly string[],
  snippets: readonly Snippet[],
): { text: string; order: number[] }[] {
  const located: { text: string; order: number[] }[] = [];
  for (const line of output.split("\n")) {
    const match = /^(snippet-\d+-\w+\.m?ts)\((\d+),(\d+)\): (.*)$/.exec(line);
    const index = match ? files.indexOf(match[1]!) : -1;
    const snippet = snippets[index];
    const last = located[located.length - 1];
    if (!match || !snippet) {
      // Continuation lines of a multi-line message belong to the error above.
      if (last && line.trim()) last.text += `\n    ${line.trim()}`;
      continue;
    }
    const where =
      snippet.firstLine === undefined
        ? `${snippet.origin}, line ${match[2]}`
        : `${snippet.origin.replace(/:\d+$/, "")}:${snippet.firstLine + Number(match[2]) - 1}`;
    located.push({ text: `${where}:${match[3]} (%MODES%): ${match[4]}`, order: [index, Number(match[2])] });
  }
  return located;
}
