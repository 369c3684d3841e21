/**
 * `npm run check:package`: is what `npm publish` would ship correct and usable?
 *
 * 1. build (tsdown: ESM + CJS + .d.mts/.d.cts into dist/); the core entry loads three files and
 *    no other package (openapi-fetch's query serializers are bundled in; /oauth imports its client)
 * 2. publint --strict: no message of any level
 * 3. attw --pack . --profile strict: no problem under node10, node16 (CJS and ESM) and bundler
 * 4. npm pack --dry-run: the tarball holds dist/, README.md, every guide of guides/ (GUIDE_ORDER),
 *    ARCHITECTURE.md, the spec, the two examples and package.json, nothing else
 * 5. npm install of the packed tarball into a temp project, then from it:
 *    - an ESM (.mjs, import) and a CJS (.cjs, require) script call getAgent against a local
 *      node:http server and check the result, the request, and `instanceof` for a 404;
 *    - the runtime matrix (scripts/runtimes/matrix.ts): the same package in Bun, Deno, workerd
 *      (miniflare) and edge-runtime, each against a fake API on 127.0.0.1, all four at once;
 *    - TypeScript 5.9 and 7 each type-check consumer files importing every entry (node16 and
 *      nodenext ESM + CJS, bundler; scripts/consumer-types.ts) and every ts block of README.md
 *      and guides/*.md and docs code sample as written (scripts/snippets.ts);
 *    - the installed `highlevel-voice-ai` bin runs against the same server (check-package-cli.ts).
 * 6. size: dist's ESM entry bundled with openapi-fetch, minified, gzipped. It fails past
 *    SIZE_BUDGET_BYTES, the ceiling that guards against growth; the 10 KiB goal is not met
 *    (~13.5 KB, of which openapi-fetch's query serializers ~0.33 KB: `npm run bench:size` shows
 *    each file's share) and the distance to it is printed.
 *
 * Prints one line per step and a closing `N passed, N failed`; exits 1 if any step failed.
 * KEEP_TMP=1 keeps the temp project (its path is printed). --smoke leaves out the steps whose result
 * does not depend on the Node version (publint, attw, runtimes, snippets, size): used by
 * `npm run test:node-matrix`.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { publint } from "publint";
import { formatMessage } from "publint/utils";
import { SIZE_GOAL_BYTES, formatModules, measureBundle } from "./bundle-size.js";
import { countByFile, projectSnippets } from "./check-snippets.js";
import { GUIDE_ORDER } from "./docs-bundle.js";
import {
  AGENT,
  bin,
  installPackedPackage,
  root,
  run,
  startMockServer,
  withoutNpmNoise,
  type RunResult,
} from "./package-lib.js";
import { formatReports, runRuntimeMatrix } from "./runtimes/matrix.js";
import { checkConsumerTypes } from "./consumer-types.js";
import { checkDualPackage } from "./dual-package.js";
import { COMPILERS, compileSnippets, compilerVersion, type Compiler } from "./snippets.js";
import { checkInstalledCli } from "./check-package-cli.js";

/**
 * Issue 10's budget for the ESM entry with openapi-fetch, minified and gzipped: 13,200 until the
 * error classes got their brands for `instanceof` across the ESM and CJS builds (+155 B), then
 * `withResponse()` on every method's promise and the User-Agent (package version, `appName`) of
 * issue 22 §3 (+220 B).
 */
const SIZE_BUDGET_BYTES = 13_570;

/** Every file the tarball must hold; dist/ may hold nothing else. */
const ENTRIES = ["index", "types", "validate", "testing", "webhooks", "oauth", "redis", "sync"];
/** Every file the tarball must hold: the package files and each entry point's four builds. */
const EXPECTED_FILES = [
  "package.json",
  "README.md",
  "LICENSE",
  "openapi/voice-ai.yaml",
  // The README links them: an app on node:http and the quick start, importing the package by name,
  // and the map of the source.
  "examples/oauth-app.ts",
  "examples/quickstart.ts",
  "ARCHITECTURE.md",
  // The README's topic guides, which it links (every guides/*.md: test/docs-bundle.test.ts).
  ...GUIDE_ORDER.map((name) => `guides/${name}`),
  ...ENTRIES.flatMap((name) => [".mjs", ".cjs", ".d.mts", ".d.cts"].map((ext) => `dist/${name}${ext}`)),
  // The `highlevel-voice-ai` command (package.json `bin`): one ESM file.
  "dist/cli.mjs",
];
/**
 * Besides them, dist/ may only hold the chunks the entries share (the core's code, whose error
 * classes the other entries import so that `instanceof` holds across entries; the code /validate
 * and /testing share; shared declarations): their names follow the bundler's splitting, so only
 * their kind is checked.
 */
const SHARED_CHUNK = /^dist\/[\w-]+\.(mjs|cjs|d\.mts|d\.cts)$/;
const FORBIDDEN =
  /(^|\/)(node_modules|src|test|tests|__tests__|fixtures?|scripts|generated|coverage|\.tmp|\.ci)\/|\.test\.|\.spec\./;

interface Step {
  name: string;
  /** Returns a short detail for the summary line; throws to fail. */
  run: () => Promise<string | void>;
  /** Steps after a failed critical step are skipped. */
  critical?: boolean;
  /** Does not depend on the Node version running it: left out by --smoke. */
  static?: boolean;
}

class CheckFailure extends Error {}
const fail = (message: string): never => {
  throw new CheckFailure(message);
};

function expectOk(result: RunResult, what: string): RunResult {
  if (result.code !== 0) {
    fail(
      `${what} exited with ${result.code}\n${withoutNpmNoise(result.stdout)}\n${withoutNpmNoise(result.stderr)}`,
    );
  }
  return result;
}

let tmp = "";
const versions = new Map(
  await Promise.all(COMPILERS.map(async (c) => [c, await compilerVersion(c)] as const)),
);
let tarball = "";

const steps: Step[] = [
  {
    name: "build (tsdown)",
    critical: true,
    run: async () => {
      expectOk(await run(bin("tsdown"), ["--log-level", "warn"], { timeoutMs: 180_000 }), "tsdown");
      const sizes = await Promise.all(
        ["index.mjs", "index.cjs", "index.d.mts", "types.d.mts"].map(async (f) => {
          const text = await readFile(path.join(root, "dist", f), "utf8").catch(() =>
            fail(`dist/${f} was not built`),
          );
          return `${f} ${(text.length / 1024).toFixed(1)} KiB`;
        }),
      );
      const esm = await loadedFiles("index.mjs");
      const cjs = await loadedFiles("index.cjs");
      const core = [...esm.values(), ...cjs.values()].join("\n");
      // Cold start: the core loads three files (the entry, the "core" chunk and the error classes,
      // tsdown.config.ts), not openapi-fetch as a package: its two query serializers are bundled in.
      if (esm.size > 3 || cjs.size > 3)
        fail(`the core entry loads ${[...esm.keys(), ...cjs.keys()].join(", ")}: more than 3 files each`);
      if (/from "openapi-fetch"|require\("openapi-fetch"\)/.test(core))
        fail("the core entry imports openapi-fetch at run time (only its serializers are bundled)");
      if (!/function serializeArrayParam\(/.test(core)) fail("the core lacks openapi-fetch's serializers");
      // The opt-in entries add nothing to the core: it loads neither the validators nor the fake.
      if (/\.\/(request|testing|validate|webhooks|oauth|redis|sync|cli)\.[cm]js/.test(core))
        fail(
          "dist/index loads code of another entry (/validate, /testing, /webhooks, /oauth, /redis, /sync) or of the CLI",
        );
      // Beyond the serializers, openapi-fetch stays a dependency: /oauth imports its client.
      const oauth = await readFile(path.join(root, "dist/oauth.mjs"), "utf8");
      if (!/^import createClient from "openapi-fetch";$/m.test(oauth))
        fail("dist/oauth.mjs does not import openapi-fetch's client (bundled?)");
      const all = await Promise.all(
        (await readdir(path.join(root, "dist")))
          .filter((f) => /\.[cm]js$/.test(f))
          .map((f) => readFile(path.join(root, "dist", f), "utf8")),
      );
      if (all.some((text) => /function (createClient|createFinalURL|defaultPathSerializer)\(/.test(text)))
        fail("openapi-fetch's client was bundled into dist/");
      // Nor does /webhooks, often alone in a worker, load the client (the core chunk).
      if ((await loadedFiles("webhooks.mjs")).has("core.mjs")) fail("dist/webhooks.mjs loads dist/core.mjs");
      // The webhooks entry runs on workers and edge runtimes: nothing it loads imports a Node built-in.
      const builtins = await nodeImportsOf("webhooks.mjs");
      if (builtins.length) fail(`dist/webhooks.mjs loads Node built-ins: ${builtins.join(", ")}`);
      return sizes.join(", ");
    },
  },
  {
    name: "publint --strict",
    static: true,
    run: async () => {
      const { messages, pkg } = await publint({
        pkgDir: root,
        strict: true,
        pack: "npm",
        level: "suggestion",
      });
      if (messages.length > 0) {
        fail(
          messages.map((m) => `${m.type}: ${formatMessage(m, pkg, { color: false }) ?? m.code}`).join("\n"),
        );
      }
      return "no errors, warnings or suggestions";
    },
  },
  {
    name: "attw --pack . --profile strict",
    static: true,
    run: async () => {
      const result = await run(
        bin("attw"),
        ["--pack", ".", "--profile", "strict", "--format", "ascii", "--no-emoji", "--no-color"],
        {
          timeoutMs: 120_000,
        },
      );
      const out = withoutNpmNoise(result.stdout + result.stderr);
      if (result.code !== 0 || !out.includes("No problems found")) fail(`attw found problems:\n${out}`);
      const entrypoints = [...out.matchAll(/^"([^"]+)"$/gm)].map((m) => m[1]);
      return `no problems (node10, node16 CJS/ESM, bundler) for ${entrypoints.join(", ")}`;
    },
  },
  {
    name: "npm pack --dry-run contents",
    run: async () => {
      const result = expectOk(
        await run("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"]),
        "npm pack --dry-run",
      );
      const [info] = JSON.parse(result.stdout) as {
        files: { path: string }[];
        size: number;
        unpackedSize: number;
      }[];
      if (!info) return fail("npm pack printed no package");
      const files = info.files.map((f) => f.path).sort();
      const problems: string[] = [];
      for (const expected of EXPECTED_FILES)
        if (!files.includes(expected)) problems.push(`missing ${expected}`);
      for (const file of files) {
        if (FORBIDDEN.test(file)) problems.push(`must not ship ${file}`);
        else if (!EXPECTED_FILES.includes(file) && !SHARED_CHUNK.test(file) && !/^LICEN[CS]E/i.test(file))
          problems.push(`unexpected ${file}`);
      }
      if (problems.length) fail(problems.join("\n"));
      return `${files.length} files, ${(info.size / 1024).toFixed(1)} KiB packed, ${(info.unpackedSize / 1024).toFixed(1)} KiB unpacked`;
    },
  },
  {
    name: "npm install <tarball> into a temp project",
    critical: true,
    run: async () => {
      tmp = await mkdtemp(path.join(os.tmpdir(), "voice-ai-consumer-"));
      const installed = await installPackedPackage(tmp).catch((error: Error) => fail(error.message));
      tarball = installed.tarball;
      const pkg = JSON.parse(
        await readFile(path.join(tmp, "node_modules/highlevel-voice-ai/package.json"), "utf8"),
      ) as { dependencies?: Record<string, string> };
      const deps = Object.keys(pkg.dependencies ?? {});
      if (deps.join() !== "openapi-fetch")
        fail(`runtime dependencies must be exactly openapi-fetch, got ${deps.join(", ")}`);
      const fetchPkg = JSON.parse(
        await readFile(path.join(tmp, "node_modules/openapi-fetch/package.json"), "utf8"),
      ) as {
        version: string;
      };
      return `${path.basename(tarball)}, openapi-fetch@${fetchPkg.version} (${(installed.ms / 1000).toFixed(1)} s)`;
    },
  },
  smokeStep("ESM", "smoke.mjs", ESM_SMOKE(), "dist/index.mjs"),
  smokeStep("CJS", "smoke.cjs", CJS_SMOKE(), "dist/index.cjs"),
  {
    name: "smoke: the installed bin (highlevel-voice-ai) against 127.0.0.1",
    run: () => checkInstalledCli(tmp),
  },
  {
    name: "dual package: ESM and CJS builds in one process, instanceof across them",
    run: async () => {
      const server = await startMockServer();
      try {
        return await checkDualPackage(tmp, server.port).catch((error: Error) => fail(error.message));
      } finally {
        await server.close();
      }
    },
  },
  {
    name: "runtimes: Bun, Deno, workerd (miniflare), edge-runtime",
    static: true,
    run: async () => {
      const reports = await runRuntimeMatrix(tmp);
      const text = formatReports(reports);
      if (reports.some((r) => !r.ok)) fail(text);
      return `every scenario passed in ${reports.map((r) => `${r.runtime} ${r.version}`).join(", ")}\n${text}`;
    },
  },
  ...COMPILERS.map(consumerTypesStep),
  ...COMPILERS.map(snippetsStep),
  {
    name: `size: ESM entry + openapi-fetch, minified, gzip <= ${SIZE_BUDGET_BYTES} B`,
    static: true,
    run: async () => {
      const { minified, gzipped, modules } = await measureBundle(path.join(root, "dist/index.mjs"));
      const figure = `${gzipped} B gzip (${minified} B minified)`;
      if (gzipped > SIZE_BUDGET_BYTES) {
        const { modules: bySource } = await measureBundle(path.join(root, "src/index.ts"));
        fail(
          `${figure}: ${gzipped - SIZE_BUDGET_BYTES} B over the ${SIZE_BUDGET_BYTES} B budget.\n` +
            `minified bytes by module (bundled from src/):\n${formatModules(bySource)}`,
        );
      }
      const goal = gzipped <= SIZE_GOAL_BYTES ? "within" : `${gzipped - SIZE_GOAL_BYTES} B over`;
      return `${figure}, ${SIZE_BUDGET_BYTES - gzipped} B under the ceiling, ${goal} the ${SIZE_GOAL_BYTES} B goal; largest: ${formatModules(modules.slice(0, 3), ", ")}`;
    },
  },
];

/** The dist files an entry loads (itself and the chunks it imports, recursively): name -> text. */
async function loadedFiles(entry: string, found = new Map<string, string>()): Promise<Map<string, string>> {
  if (found.has(entry)) return found;
  const text = await readFile(path.join(root, "dist", entry), "utf8");
  found.set(entry, text);
  for (const [, file] of text.matchAll(/(?:from |require\()"\.\/([\w-]+\.[cm]js)"/g)) {
    await loadedFiles(file!, found);
  }
  return found;
}

/** The consumer files (both entries, real types) under node16, nodenext (ESM + CJS) and bundler. */
function consumerTypesStep(compiler: Compiler): Step {
  return {
    name: `tsc: consumer types, TypeScript ${versions.get(compiler)} (node16, nodenext: ESM + CJS; bundler)`,
    run: async () => {
      await checkConsumerTypes(tmp, compiler).catch((error: Error) => fail(error.message));
      return "no errors, strict, skipLibCheck off";
    },
  };
}

/** Every ts block of the README and the guides and every docs code sample, as written (scripts/snippets.ts). */
function snippetsStep(compiler: Compiler): Step {
  return {
    name: `tsc: ts blocks of README.md and guides/*.md and the docs' code samples, TypeScript ${versions.get(compiler)} (node16, nodenext, bundler)`,
    static: true,
    run: async () => {
      const snippets = await projectSnippets();
      const { errors } = await compileSnippets(tmp, snippets, compiler);
      if (errors.length > 0) fail(`${errors.length} compile errors:\n${errors.join("\n")}`);
      return `${snippets.length} snippets compile (${countByFile(snippets)})`;
    },
  };
}

function smokeStep(kind: string, file: string, source: string, expectedEntry: string): Step {
  return {
    name: `smoke: ${kind} consumer (${file}) against 127.0.0.1`,
    run: async () => {
      await writeFile(path.join(tmp, file), source);
      const server = await startMockServer();
      try {
        const result = expectOk(
          await run(process.execPath, [file], {
            cwd: tmp,
            env: { ...process.env, PORT: String(server.port) },
            timeoutMs: 30_000,
          }),
          `node ${file}`,
        );
        const report = JSON.parse(result.stdout.trim().split("\n").pop() ?? "null") as Record<
          string,
          unknown
        >;
        const problems: string[] = [];
        if (JSON.stringify(report.agent) !== JSON.stringify(AGENT))
          problems.push(`agent: got ${JSON.stringify(report.agent)}`);
        for (const key of ["isNotFoundError", "isAPIError", "isVoiceAIError"]) {
          if (report[key] !== true)
            problems.push(`404 error: ${key} is ${String(report[key])} (${String(report.errorName)})`);
        }
        if (report.status !== 404) problems.push(`404 error: status is ${String(report.status)}`);
        if (typeof report.resolved !== "string" || !report.resolved.endsWith(expectedEntry)) {
          problems.push(`resolved to ${String(report.resolved)}, expected .../${expectedEntry}`);
        }
        if (JSON.stringify(report.typesEntry) !== "[]")
          problems.push(`types entry exports ${JSON.stringify(report.typesEntry)}`);
        if (report.oauthEntry !== "function")
          problems.push(`oauth entry: createOAuth is ${String(report.oauthEntry)}`);
        if (report.redisEntry !== "function")
          problems.push(`redis entry: createRedisStore is ${String(report.redisEntry)}`);
        if (report.storeErrorIsVoiceAIError !== true)
          problems.push("redis entry: StoreUnavailableError is not a VoiceAIError of the core entry");
        if (report.syncEntry !== "function")
          problems.push(`sync entry: syncCallLogs is ${String(report.syncEntry)}`);
        if (report.webhooksEntry !== "function")
          problems.push(`webhooks entry: createWebhookHandler is ${String(report.webhooksEntry)}`);
        if (report.webhookErrorShared !== true)
          problems.push(
            "webhooks entry: its WebhookVerificationError is not /oauth's, or not a VoiceAIError",
          );
        const first = server.seen[0];
        if (server.seen.length !== 2) problems.push(`server saw ${server.seen.length} requests, expected 2`);
        if (first?.authorization !== "Bearer tok_smoke")
          problems.push(`Authorization: ${String(first?.authorization)}`);
        if (first?.version !== "2021-04-15") problems.push(`Version: ${String(first?.version)}`);
        if (problems.length) fail(`${problems.join("\n")}\nstdout: ${result.stdout}`);
        return `getAgent ok, 404 instanceof NotFoundError/APIError/VoiceAIError, via ${expectedEntry}; /redis and /webhooks load`;
      } finally {
        await server.close();
      }
    },
  };
}

/** The `node:` modules an ESM file of dist/ imports, itself or through the chunks it imports. */
async function nodeImportsOf(file: string, seen = new Set<string>()): Promise<string[]> {
  if (seen.has(file)) return [];
  seen.add(file);
  const code = await readFile(path.join(root, "dist", file), "utf8");
  const found: string[] = [];
  for (const [, spec] of code.matchAll(/(?:from|import)\s*\(?\s*"([^"]+)"/g)) {
    if (spec!.startsWith("node:")) found.push(`${spec} (in ${file})`);
    else if (spec!.startsWith("./")) found.push(...(await nodeImportsOf(spec!.slice(2), seen)));
  }
  return found;
}

function ESM_SMOKE() {
  return `import { createVoiceAIClient, NotFoundError, APIError, VoiceAIError } from "highlevel-voice-ai";
import * as typesEntry from "highlevel-voice-ai/types";
import { createOAuth, WebhookVerificationError as OAuthWebhookError } from "highlevel-voice-ai/oauth";
import { createRedisStore, StoreUnavailableError } from "highlevel-voice-ai/redis";
import { syncCallLogs } from "highlevel-voice-ai/sync";
import { createWebhookHandler, WebhookVerificationError } from "highlevel-voice-ai/webhooks";

const voiceAI = createVoiceAIClient({ token: "tok_smoke", baseUrl: \`http://127.0.0.1:\${process.env.PORT}\` });
const agent = await voiceAI.agents.get({ agentId: "a1", locationId: "L1" });
let error;
try {
  await voiceAI.agents.get({ agentId: "missing", locationId: "L1" });
} catch (e) {
  error = e;
}
console.log(JSON.stringify({
  agent,
  isNotFoundError: error instanceof NotFoundError,
  isAPIError: error instanceof APIError,
  isVoiceAIError: error instanceof VoiceAIError,
  status: error?.status,
  errorName: error?.name,
  resolved: import.meta.resolve("highlevel-voice-ai"),
  typesEntry: Object.keys(typesEntry),
  oauthEntry: typeof createOAuth,
  redisEntry: typeof createRedisStore,
  storeErrorIsVoiceAIError: new StoreUnavailableError("x") instanceof VoiceAIError,
  webhooksEntry: typeof createWebhookHandler,
  webhookErrorShared: WebhookVerificationError === OAuthWebhookError && new WebhookVerificationError("malformed", "x") instanceof VoiceAIError,
  syncEntry: typeof syncCallLogs,
}));
`;
}

function CJS_SMOKE() {
  return `"use strict";
const { createVoiceAIClient, NotFoundError, APIError, VoiceAIError } = require("highlevel-voice-ai");
const typesEntry = require("highlevel-voice-ai/types");
const { createOAuth, WebhookVerificationError: OAuthWebhookError } = require("highlevel-voice-ai/oauth");
const { createRedisStore, StoreUnavailableError } = require("highlevel-voice-ai/redis");
const { syncCallLogs } = require("highlevel-voice-ai/sync");
const { createWebhookHandler, WebhookVerificationError } = require("highlevel-voice-ai/webhooks");

(async () => {
  const voiceAI = createVoiceAIClient({ token: "tok_smoke", baseUrl: \`http://127.0.0.1:\${process.env.PORT}\` });
  const agent = await voiceAI.agents.get({ agentId: "a1", locationId: "L1" });
  let error;
  try {
    await voiceAI.agents.get({ agentId: "missing", locationId: "L1" });
  } catch (e) {
    error = e;
  }
  console.log(JSON.stringify({
    agent,
    isNotFoundError: error instanceof NotFoundError,
    isAPIError: error instanceof APIError,
    isVoiceAIError: error instanceof VoiceAIError,
    status: error && error.status,
    errorName: error && error.name,
    resolved: require.resolve("highlevel-voice-ai"),
    typesEntry: Object.keys(typesEntry),
    oauthEntry: typeof createOAuth,
    redisEntry: typeof createRedisStore,
    storeErrorIsVoiceAIError: new StoreUnavailableError("x") instanceof VoiceAIError,
    webhooksEntry: typeof createWebhookHandler,
    webhookErrorShared: WebhookVerificationError === OAuthWebhookError && new WebhookVerificationError("malformed", "x") instanceof VoiceAIError,
    syncEntry: typeof syncCallLogs,
  }));
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
`;
}

async function main() {
  let passed = 0;
  let failed = 0;
  let skipRest = false;
  try {
    const smokeOnly = process.argv.includes("--smoke");
    console.log(
      `node ${process.version}${smokeOnly ? " (--smoke: build, pack, install, smoke tests, tsc)" : ""}`,
    );
    for (const step of steps.filter((s) => !(smokeOnly && s.static))) {
      if (skipRest) {
        console.log(`- ${step.name}: skipped`);
        failed++;
        continue;
      }
      const started = performance.now();
      try {
        const detail = await step.run();
        const ms = Math.round(performance.now() - started);
        console.log(`✔ ${step.name} (${ms} ms)${detail ? `: ${detail.replace(/\n/g, "\n    ")}` : ""}`);
        passed++;
      } catch (error) {
        const ms = Math.round(performance.now() - started);
        const message =
          error instanceof CheckFailure ? error.message : String((error as Error)?.stack ?? error);
        console.log(`✘ ${step.name} (${ms} ms) FAILED:\n${message.replace(/^/gm, "    ")}`);
        failed++;
        if (step.critical) skipRest = true;
      }
    }
  } finally {
    if (tmp && process.env.KEEP_TMP) console.log(`temp project kept: ${tmp}`);
    else if (tmp) await rm(tmp, { recursive: true, force: true });
  }
  console.log(`package: ${passed} passed, ${failed} failed`);
  if (failed > 0) process.exitCode = 1;
}

await main();
