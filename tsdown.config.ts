import path from "node:path";
import { defineConfig } from "tsdown";

/**
 * Rolldown bug (rolldown/rolldown#10800, rolldown/tsdown#1054): in a "type": "module" package the
 * CJS output wraps an external CJS dependency with `__toESM(mod, 1)` ("Node mode"), so the default
 * import becomes openapi-fetch's whole `exports` object instead of its `exports.default` (which it
 * marks with `__esModule`), and `require("highlevel-voice-ai")` then fails with "createClient is not
 * a function". Drop the Node-mode flag for openapi-fetch only: its CJS build sets `__esModule`, so
 * plain `__toESM` picks `exports.default`. If a fixed rolldown stops emitting the pattern this is a
 * no-op; the CJS smoke test of `npm run check:package` guards the result either way.
 */
const cjsInteropFix = {
  name: "cjs-interop-openapi-fetch",
  renderChunk(code: string, _chunk: unknown, outputOptions: { format?: string }) {
    if (outputOptions.format !== "cjs") return null;
    // With several entries the helper lives in a shared chunk: `require_chunk.__toESM(...)`.
    const fixed = code.replace(
      /(let (\w+) = require\("openapi-fetch"\);\s*\2 = (?:[\w$]+\.)?__toESM\(\2), 1\)/g,
      "$1)",
    );
    return fixed === code ? null : { code: fixed, map: null };
  },
};

const CORE_ENTRY = path.resolve(import.meta.dirname, "src/index.ts");
/** The one module through which the core uses openapi-fetch's code (its query serializers). */
const CORE_SERIALIZERS = path.resolve(import.meta.dirname, "src/request/query-serializers.ts");

/**
 * openapi-fetch stays a dependency (its types are in our declarations; /oauth sends through its
 * client), external like every dependency, except for the core's two query serializers, bundled
 * from it: importing it as a package cost the core's cold start a resolve, a read and a compile.
 */
const bundledFromDependencies = (id: string, importer: string | undefined) =>
  id === "openapi-fetch" && importer === CORE_SERIALIZERS;
/**
 * The error classes every entry throws: their own small chunk, so that an entry that never sends
 * through the client (/webhooks in a worker) loads them without the core.
 */
const ERROR_BASE = path.resolve(import.meta.dirname, "src/errors/base.ts");
const coreGraphs = new WeakMap<object, Set<string>>();

interface ModuleGraph {
  getModuleInfo(id: string): { importedIds: readonly string[] } | null;
}

/**
 * Cold start: every file an `import` loads costs the ESM loader a resolve, an async read and a
 * compile (about 0.5 ms of CPU each, more than evaluating our code), so the code the core entry
 * imports is kept in one chunk ("core") instead of one chunk per set of entries that share it
 * (which made dist/index.mjs load five). The group is the core entry's static import graph but
 * the error classes (ERROR_BASE): the other entries import what they share with the core from
 * these two chunks (one copy of each class, so `instanceof` holds across entries) and keep what
 * only they use in their own files.
 */
function coreChunk(id: string, graph: ModuleGraph): string | null {
  const entry = graph.getModuleInfo(CORE_ENTRY);
  if (!entry || /\.d\.[cm]?ts$/.test(id)) return null;
  let members = coreGraphs.get(entry);
  if (!members) {
    members = new Set();
    const visit = (at: string) => {
      if (members!.has(at) || /\.d\.[cm]?ts$/.test(at)) return;
      members!.add(at);
      for (const next of graph.getModuleInfo(at)?.importedIds ?? []) visit(next);
    };
    visit(CORE_ENTRY);
    coreGraphs.set(entry, members);
  }
  return members.has(id) && id !== CORE_ENTRY ? "core" : null;
}

/**
 * The CLI reaches the library through its entry points only: in dist/cli.mjs each stays an import
 * of the package itself (Node resolves a package's own name through its `exports`), so the
 * library's code is installed once, not a second time inside the CLI's file.
 */
const ENTRY_SUBPATHS: Readonly<Record<string, string>> = {
  "src/index.ts": "highlevel-voice-ai",
  "src/oauth/index.ts": "highlevel-voice-ai/oauth",
  "src/sync/index.ts": "highlevel-voice-ai/sync",
  "src/testing/index.ts": "highlevel-voice-ai/testing",
  "src/validate/index.ts": "highlevel-voice-ai/validate",
};
const cliImportsThePackage = {
  name: "cli-imports-the-package",
  resolveId(source: string, importer: string | undefined) {
    if (!importer || !source.startsWith(".")) return null;
    const target = path.relative(import.meta.dirname, path.resolve(path.dirname(importer), source));
    const subpath = ENTRY_SUBPATHS[target.replace(/\.js$/, ".ts").split(path.sep).join("/")];
    return subpath ? { id: subpath, external: true } : null;
  },
};

/**
 * The published build (`npm run build`): ESM + CJS + declarations for the root entry, and a
 * types-only entry for the generated spec types. openapi-fetch stays a dependency, external but
 * for the two query serializers the core bundles (bundledFromDependencies).
 * Second, the `highlevel-voice-ai` command (package.json `bin`): one ESM file, dist/cli.mjs, with
 * its shebang (tsdown makes it executable), importing the library's entries from the package; built
 * on its own, so no library entry grows by a byte.
 */
export default defineConfig([
  {
    entry: {
      index: "src/index.ts",
      // `highlevel-voice-ai/types`: the spec's types and the named models (no runtime code).
      types: "src/types-entry.ts",
      // `highlevel-voice-ai/validate`: opt-in request validation (withValidation).
      validate: "src/validate/index.ts",
      // `highlevel-voice-ai/testing`: the fake of the API for tests (Node only: it serves HTTP).
      testing: "src/testing/index.ts",
      // `highlevel-voice-ai/webhooks`: app webhooks verified (WebCrypto Ed25519), typed and
      // de-duplicated; no Node built-ins, so it runs in workers and edge runtimes. /oauth re-exports it.
      webhooks: "src/webhooks/index.ts",
      // `highlevel-voice-ai/oauth`: OAuth apps (tokens per location, stores, webhooks). Node only
      // for its file store; the core entry never imports it.
      oauth: "src/oauth/index.ts",
      // `highlevel-voice-ai/redis`: rate limits and tokens shared through Redis (its clients are peers).
      redis: "src/redis/index.ts",
      // `highlevel-voice-ai/sync`: export and incremental sync of call logs across many locations.
      // Node only for its file checkpoint store.
      sync: "src/sync/index.ts",
    },
    format: ["esm", "cjs"],
    // Nothing in src/ uses Node built-ins: the ESM build runs in browsers, Deno, Bun and workers too.
    platform: "neutral",
    target: "es2022",
    // Always .mjs/.cjs and .d.mts/.d.cts, whatever package.json "type" says.
    fixedExtension: true,
    dts: true,
    sourcemap: false,
    clean: true,
    hash: false,
    // Node built-ins stay imports (the fake and the oauth file store use them); never bundled.
    deps: { neverBundle: [/^node:/], alwaysBundle: bundledFromDependencies, onlyBundle: ["openapi-fetch"] },
    // The legacy-CJS notice is about Node >= 20.19 being able to require(esm); we ship CJS on purpose.
    checks: { legacyCjs: false, pluginTimings: false },
    report: true,
    plugins: [cjsInteropFix],
    outputOptions: {
      codeSplitting: {
        // Chosen first (higher priority), the error classes stay out of the core chunk.
        groups: [{ name: "errors", test: (id) => id === ERROR_BASE, priority: 1 }, { name: coreChunk }],
      },
      // The file token store imports node:fs when first used (src/oauth/node-files.ts): the CJS build
      // require()s it, since an import() in CJS fails under Jest without --experimental-vm-modules.
      dynamicImportInCjs: false,
      // The notice openapi-fetch's license asks for, on the chunk that holds its serializers.
      banner: (chunk) =>
        chunk.moduleIds.some((id) => id.includes("/node_modules/openapi-fetch/"))
          ? "// Includes openapi-fetch's query serializers: MIT License, Copyright (c) 2023 Drew Powers.\n"
          : "",
    },
    failOnWarn: true,
  },
  {
    entry: { cli: "src/cli/main.ts" },
    format: ["esm"],
    platform: "node",
    target: "node20",
    fixedExtension: true,
    dts: false,
    sourcemap: false,
    // Fewer bytes for every library user to install, and less to parse at each command's start.
    minify: true,
    // The library config above cleans dist/ for both.
    clean: false,
    hash: false,
    // `yaml` is an optional peer: imported only when a body is YAML, never bundled.
    deps: { neverBundle: ["openapi-fetch", "yaml", /^node:/, /^highlevel-voice-ai(\/|$)/] },
    plugins: [cliImportsThePackage],
    // One file: the library comes from its entries (above), the fake only for the fake command.
    outputOptions: { codeSplitting: false },
    checks: { legacyCjs: false, pluginTimings: false },
    report: true,
    failOnWarn: true,
  },
]);
