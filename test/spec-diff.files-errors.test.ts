/**
 * spec:diff refusing what it must not read, and naming what is broken: a URL ref (any scheme; a
 * local HTTP server proves nothing was fetched), a missing file, a pointer to nothing, invalid
 * JSON or YAML, a directory or a device; each one line naming the file and the ref, exit 2, no
 * stack. And documents read from git: their refs are read from the same revision.
 */
import { spawnSync } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { diffDocuments } from "../scripts/spec-diff/diff.js";
import { loadSpec } from "../scripts/spec-diff/load.js";
import { changesOf, root } from "./spec-diff-helpers.js";
import { answering, copyHighLevel, editJson, loadIn, tempDir, writeTree } from "./spec-diff-files.js";

let dir: string;
let remove: () => Promise<void>;
let server: Server;
let requests = 0;
let local: string;

beforeAll(async () => {
  ({ dir, remove } = await tempDir());
  server = createServer((_req, res) => {
    requests++;
    res.end(JSON.stringify({ A: { type: "string" } }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  local = `http://127.0.0.1:${(server.address() as AddressInfo).port}/schemas.json#/A`;
  await writeTree(dir, {
    "common.json": { components: { schemas: { A: { type: "string" } } } },
    "bad.json": '{ "A": { "type": "string", }',
    "bad.yaml": "A:\n  type: [string\n",
    "folder/keep.json": "{}",
  });
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await remove();
});

/** The message loading a document whose response schema is `{ $ref }` fails with. */
async function failure(ref: string, file = "api.json"): Promise<string> {
  await writeTree(dir, { [file]: answering({ $ref: ref }) });
  try {
    loadIn(dir, file);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`${ref} was accepted`);
}

describe("spec:diff refuses and names", () => {
  it("a URL of any scheme, as a ref or as the document, without reading it", async () => {
    for (const ref of [
      local,
      "https://example.com/s.json#/A",
      "file:///etc/hostname",
      "//example.com/s.json",
    ]) {
      expect(await failure(ref)).toBe(
        `api.json: $ref ${JSON.stringify(ref)} is a URL: spec:diff reads local files only`,
      );
    }
    expect(() => loadSpec(local.replace("#/A", ""), dir, dir)).toThrow(
      `${local.replace("#/A", "")} is a URL: spec:diff reads local files only`,
    );
    expect(requests).toBe(0);
  });

  it("a URL in a file that a ref led to, naming that file", async () => {
    await writeTree(dir, { "sub/next.json": { B: { $ref: "https://example.com/s.json#/A" } } });
    expect(await failure("sub/next.json#/B")).toBe(
      'sub/next.json: $ref "https://example.com/s.json#/A" is a URL: spec:diff reads local files only',
    );
  });

  it("a missing file, a pointer to nothing, invalid JSON or YAML, a directory, a device", async () => {
    const cases: [string, string][] = [
      ["nope.json#/A", 'api.json: $ref "nope.json#/A": nope.json: no such file'],
      [
        "common.json#/components/schemas/Nope",
        'api.json: $ref "common.json#/components/schemas/Nope" points to nothing in common.json',
      ],
      [
        "common.json#components",
        'api.json: $ref "common.json#components" has a fragment that is not a JSON pointer (#/...)',
      ],
      ["bad.json#/A", 'api.json: $ref "bad.json#/A": bad.json: not valid YAML or JSON ('],
      ["bad.yaml#/A", 'api.json: $ref "bad.yaml#/A": bad.yaml: not valid YAML or JSON ('],
      ["folder#/A", 'api.json: $ref "folder#/A": folder: not a regular file'],
      ["/dev/zero", 'api.json: $ref "/dev/zero": /dev/zero: not a regular file'],
      ["100%.json", 'api.json: $ref "100%.json": malformed %-escape in its path'],
    ];
    for (const [ref, message] of cases) {
      const got = await failure(ref);
      expect(got.startsWith(message), `${got}\n  does not start with\n${message}`).toBe(true);
      expect(got).not.toContain("\n");
    }
  });
});

describe("npm run spec:diff on broken references", { timeout: 60_000 }, () => {
  it("exits 2 with one line on stderr naming the file and the ref, and no stack", async () => {
    for (const ref of ["https://example.com/s.json#/A", "nope.json#/A", "common.json#/Nope", "bad.yaml#/A"]) {
      await writeTree(dir, { "cli.json": answering({ $ref: ref }) });
      // Run from `dir`, with the file named as a user there would name it.
      const { INIT_CWD: _npm, ...env } = process.env;
      const tsx = path.join(root, "node_modules/.bin/tsx");
      const result = spawnSync(tsx, [path.join(root, "scripts/spec-diff/cli.ts"), "cli.json", "cli.json"], {
        cwd: dir,
        encoding: "utf8",
        timeout: 60_000,
        env,
      });
      expect(result.status).toBe(2);
      expect(result.stdout).toBe("");
      const lines = result.stderr.trimEnd().split("\n");
      expect(lines).toHaveLength(1);
      expect(lines[0]!.startsWith(`spec:diff: cli.json: $ref ${JSON.stringify(ref)}`), lines[0]).toBe(true);
    }
  });
});

describe("spec:diff on documents in git", () => {
  const git = (cwd: string, ...args: string[]) => {
    const result = spawnSync("git", ["-c", "user.name=t", "-c", "user.email=t@t", ...args], {
      cwd,
      encoding: "utf8",
    });
    if (result.status !== 0) throw new Error(`git ${args.join(" ")}: ${result.stderr}`);
  };

  it("reads a revision's refs from the same revision, and no further than the repository", async () => {
    const repo = path.join(dir, "repo");
    await copyHighLevel("old", repo);
    await writeTree(repo, {
      "apps/escape.json": answering({ $ref: "../../common.json#/components/schemas/A" }),
    });
    git(repo, "init", "-q");
    git(repo, "add", ".");
    git(repo, "commit", "-qm", "old");
    await editJson(path.join(repo, "common/common-schemas.json"), (doc) => {
      const language = (doc.components as { schemas: { Language: { enum: string[] } } }).schemas.Language;
      language.enum.push("fr");
    });
    const old = loadSpec("HEAD:apps/voice-ai.json", repo, repo);
    const now = loadSpec("apps/voice-ai.json", repo, repo);
    expect(changesOf(diffDocuments(old, old))).toEqual([]);
    const found = changesOf(diffDocuments(old, now)).map((c) => `${c.rule} ${c.where}`);
    expect(found).toContain("enum-value-added response 200 (application/json) › language");
    expect(() => loadSpec("HEAD:apps/escape.json", repo, repo)).toThrow(
      'HEAD:apps/escape.json: $ref "../../common.json#/components/schemas/A": leads outside the git repository',
    );
    expect(() => loadSpec("HEAD:common", repo, repo)).toThrow(
      /^HEAD:common: neither a file nor a blob in git/,
    );
  });
});
