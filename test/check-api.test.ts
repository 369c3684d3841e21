/**
 * scripts/check-api.ts (`npm run check:api` / `api:update`) run as a command on temporary
 * packages: a small hand-written one (three entry points, no build needed) and a copy of this
 * package's built declarations. Each time: --update writes one report per entry point, the
 * untouched copy passes, and a changed export fails with a diff that shows the change.
 */
import { spawnSync } from "node:child_process";
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt } from "../scripts/api-report/build.js";
import { entryPoints, reportName } from "../scripts/api-report/entries.js";

const root = path.resolve(import.meta.dirname, "..");
const tempDirs: string[] = [];

async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

function checkApi(packageDir: string, ...args: string[]): { status: number | null; output: string } {
  const result = spawnSync(
    "npx",
    ["tsx", "scripts/check-api.ts", "--no-build", "--package-dir", packageDir, ...args],
    {
      cwd: root,
      encoding: "utf8",
      timeout: 120_000,
    },
  );
  if (result.error) throw result.error;
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

const entry = (name: string) => ({
  import: { types: `./dist/${name}.d.mts`, default: `./dist/${name}.mjs` },
  require: { types: `./dist/${name}.d.cts`, default: `./dist/${name}.cjs` },
});

/** A package with entry points ".", "./types" and "./extra/tools", declarations only. */
async function smallPackage(): Promise<string> {
  const dir = await tempDir("check-api-small-");
  await mkdir(path.join(dir, "dist"));
  const exports = { ".": entry("index"), "./types": entry("types"), "./extra/tools": entry("tools") };
  await writeFile(
    path.join(dir, "package.json"),
    JSON.stringify({ name: "small", version: "1.0.0", exports }),
  );
  await writeFile(
    path.join(dir, "dist/index.d.mts"),
    'import type { Shape } from "./types.mjs";\n' +
      "/** Greets. */\nexport declare function greet(name: string, shape?: Shape): string;\n",
  );
  await writeFile(path.join(dir, "dist/types.d.mts"), "export interface Shape {\n  sides: number;\n}\n");
  await writeFile(path.join(dir, "dist/tools.d.mts"), "export declare const VERSION: 1;\n");
  return dir;
}

afterAll(async () => {
  await Promise.all(tempDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe("entry points come from package.json exports", () => {
  it("lists every subpath with declarations, named after it, and none without", async () => {
    const dir = await smallPackage();
    const pkg = JSON.parse(await readFile(path.join(dir, "package.json"), "utf8"));
    pkg.exports["./package.json"] = "./package.json";
    pkg.exports["./flat"] = { types: "./dist/flat.d.ts", default: "./dist/flat.js" };
    pkg.exports["./cjs-only"] = { require: { types: "./dist/c.d.cts", default: "./dist/c.cjs" } };
    await writeFile(path.join(dir, "package.json"), JSON.stringify(pkg));
    const entries = await entryPoints(dir);
    expect(entries.map((e) => [e.subpath, e.name, path.relative(dir, e.declarations)])).toEqual([
      [".", "index", "dist/index.d.mts"],
      ["./types", "types", "dist/types.d.mts"],
      ["./extra/tools", "extra-tools", "dist/tools.d.mts"],
      ["./flat", "flat", "dist/flat.d.ts"],
      ["./cjs-only", "cjs-only", "dist/c.d.cts"],
    ]);
  });

  it("refuses a subpath that cannot name a report file", () => {
    expect(() => reportName("./../escape")).toThrow(/cannot name a report file/);
    expect(() => reportName("./*")).toThrow(/cannot name a report file/);
  });

  it("covers this package's own entry points", async () => {
    const names = (await entryPoints(root)).map((e) => e.name);
    expect(names).toContain("index");
    expect(names).toContain("types");
    const committed = (await readdir(path.join(root, "api"))).sort();
    expect(committed).toEqual(names.map((n) => `${n}.api.md`).sort());
  });
});

describe("scripts/check-api.ts on a small package", { timeout: 120_000 }, () => {
  let dir: string;
  beforeAll(async () => {
    dir = await smallPackage();
    const { status, output } = checkApi(dir, "--update");
    expect(output).toContain("3 of 3 reports changed");
    expect(status).toBe(0);
  }, 120_000);

  it("writes one report per entry point and passes when nothing changed", async () => {
    expect((await readdir(path.join(dir, "api"))).sort()).toEqual([
      "extra-tools.api.md",
      "index.api.md",
      "types.api.md",
    ]);
    expect(await readFile(path.join(dir, "api/index.api.md"), "utf8")).toContain(
      "export function greet(name: string, shape?: Shape): string;",
    );
    const { status, output } = checkApi(dir);
    expect(output).toContain("the public API matches api/ (., ./types, ./extra/tools");
    expect(status).toBe(0);
  });

  it("fails with a diff when an export's type changed, an export was added, or an entry point appeared", async () => {
    const copy = await tempDir("check-api-changed-");
    await cp(dir, copy, { recursive: true });
    await writeFile(
      path.join(copy, "dist/index.d.mts"),
      'import type { Shape } from "./types.mjs";\n' +
        "/** Greets. */\nexport declare function greet(name: string, shape: Shape): string;\n" +
        "export declare const added: number;\n",
    );
    await writeFile(path.join(copy, "dist/types.d.mts"), "export interface Shape {\n  sides: string;\n}\n");
    const pkg = JSON.parse(await readFile(path.join(copy, "package.json"), "utf8"));
    pkg.exports["./more"] = entry("tools");
    await writeFile(path.join(copy, "package.json"), JSON.stringify(pkg));

    const { status, output } = checkApi(copy);
    expect(status).toBe(1);
    expect(output).toContain("--- api/index.api.md (committed)");
    expect(output).toContain("+++ api/index.api.md (built)");
    expect(output).toMatch(/^-export function greet\(name: string, shape\?: Shape\): string;$/m);
    expect(output).toMatch(/^\+export function greet\(name: string, shape: Shape\): string;$/m);
    expect(output).toMatch(/^\+export const added: number;$/m);
    expect(output).toMatch(/^-\s+sides: number;$/m);
    expect(output).toMatch(/^\+\s+sides: string;$/m);
    expect(output).toContain('api/more.api.md: missing (entry point "./more" has no committed report)');
    expect(output).toContain("npm run api:update");
    // The untouched entry point is not reported.
    expect(output).not.toContain("extra-tools.api.md");
  });

  it("fails when an entry point disappeared, and --update removes its report", async () => {
    const copy = await tempDir("check-api-removed-");
    await cp(dir, copy, { recursive: true });
    const pkg = JSON.parse(await readFile(path.join(copy, "package.json"), "utf8"));
    delete pkg.exports["./extra/tools"];
    await writeFile(path.join(copy, "package.json"), JSON.stringify(pkg));

    const failed = checkApi(copy);
    expect(failed.status).toBe(1);
    expect(failed.output).toContain(
      "api/extra-tools.api.md: no entry point in package.json exports produces it",
    );
    const updated = checkApi(copy, "--update");
    expect(updated.status).toBe(0);
    expect(updated.output).toContain("removed extra-tools.api.md");
    expect(checkApi(copy).status).toBe(0);
  });

  it("exits 2 naming the problem when declarations cannot be analysed", async () => {
    const copy = await tempDir("check-api-broken-");
    await cp(dir, copy, { recursive: true });
    await writeFile(path.join(copy, "dist/tools.d.mts"), "export declare const VERSION: ;\n");
    const { status, output } = checkApi(copy);
    expect(status).toBe(2);
    expect(output).toContain("check:api: declarations that do not parse:");
    expect(output).toMatch(/dist\/tools\.d\.mts:1:\d+: /);
  });
});

describe("scripts/check-api.ts on a copy of this package's build", { timeout: 240_000 }, () => {
  it("passes on the copy and fails, showing the change, when a public signature changed", async () => {
    const entries = await entryPoints(root);
    await ensureBuilt(
      root,
      entries.map((e) => e.declarations),
      "when-stale",
    );
    const copy = await tempDir("check-api-real-");
    await cp(path.join(root, "package.json"), path.join(copy, "package.json"));
    await cp(path.join(root, "dist"), path.join(copy, "dist"), { recursive: true });
    await symlink(path.join(root, "node_modules"), path.join(copy, "node_modules"), "dir");
    expect(checkApi(copy, "--update").status).toBe(0);
    expect(checkApi(copy).status).toBe(0);

    // The client's declaration is in the core entry's file, or in a chunk it shares with another
    // entry (the sync entry takes a client): edit it where it is.
    const declared = /rateLimit\(locationId\?: string\): RateLimitInfo \| undefined;/;
    const candidates = (await readdir(path.join(copy, "dist"))).filter((name) => name.endsWith(".d.mts"));
    const texts = await Promise.all(
      candidates.map((name) => readFile(path.join(copy, "dist", name), "utf8")),
    );
    const file = path.join(
      copy,
      "dist",
      candidates[texts.findIndex((text) => declared.test(text))] ?? "index.d.mts",
    );
    const original = await readFile(file, "utf8");
    const changed = original.replace(
      /rateLimit\(locationId\?: string\): RateLimitInfo \| undefined;/,
      "rateLimit(locationId: string): RateLimitInfo | undefined;",
    );
    expect(changed).not.toBe(original);
    await writeFile(file, changed);

    const { status, output } = checkApi(copy);
    expect(status).toBe(1);
    expect(output).toContain("--- api/index.api.md (committed)");
    expect(output).toMatch(/^-\s+rateLimit\(locationId\?: string\): RateLimitInfo \| undefined;$/m);
    expect(output).toMatch(/^\+\s+rateLimit\(locationId: string\): RateLimitInfo \| undefined;$/m);
    expect(output).not.toContain("api/types.api.md (committed)");
  });
});
