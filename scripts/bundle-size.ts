/**
 * How big a module is once an application bundles it: bundled with its dependencies by esbuild
 * (browser platform, ES2022), minified, gzipped at level 9. Used by the size step of
 * scripts/check-package.ts and by scripts/size-report.ts.
 */
import { gzipSync } from "node:zlib";
import { build, type Metafile, type Plugin } from "esbuild";
import { root } from "./package-lib.js";

/**
 * The budget for the ESM entry bundled with openapi-fetch (10 KiB, the pipeline issue's figure).
 * Not met since the pipeline rebuild (~13.3 KB): see `npm run bench:size` for where the bytes go.
 */
export const SIZE_GOAL_BYTES = 10 * 1024;

export interface BundleSize {
  minified: number;
  gzipped: number;
  /** Minified bytes each input file contributes, largest first. */
  modules: { file: string; bytes: number }[];
}

export interface MeasureOptions {
  /** Replaces files whose path ends with a key by the source text given (TypeScript). */
  replace?: Record<string, string>;
  /** Source text to bundle instead of a file; `entry` then names it (for resolving imports). */
  contents?: string;
}

export async function measureBundle(entry: string, options: MeasureOptions = {}): Promise<BundleSize> {
  const { replace = {}, contents } = options;
  const replacing: Plugin = {
    name: "replace",
    setup(b) {
      b.onLoad({ filter: /\.[cm]?[jt]s$/ }, (args) => {
        const found = Object.entries(replace).find(([suffix]) => args.path.endsWith(suffix));
        return found && { contents: found[1], loader: "ts" };
      });
    },
  };
  const result = await build({
    ...(contents === undefined
      ? { entryPoints: [entry] }
      : { stdin: { contents, resolveDir: root, sourcefile: entry, loader: "ts" } }),
    absWorkingDir: root,
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    metafile: true,
    logLevel: "silent",
    plugins: [replacing],
  });
  const code = result.outputFiles[0]!.contents;
  const output = Object.values(result.metafile.outputs)[0] as Metafile["outputs"][string];
  const modules = Object.entries(output.inputs)
    .map(([file, { bytesInOutput }]) => ({ file, bytes: bytesInOutput }))
    .filter((m) => m.bytes > 0)
    .sort((a, b) => b.bytes - a.bytes);
  return { minified: code.length, gzipped: gzipSync(code, { level: 9 }).length, modules };
}

export function formatModules(modules: BundleSize["modules"], separator = "\n"): string {
  return modules.map((m) => `${separator === "\n" ? "  " : ""}${m.file} ${m.bytes} B`).join(separator);
}
