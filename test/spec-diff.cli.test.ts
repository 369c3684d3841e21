/**
 * spec:diff on our own spec: against itself reorganised (every $ref inlined, schemas renamed,
 * keys and unordered lists reversed, written as JSON) it finds nothing, while one real edit in
 * the reorganised copy is still found. Then the command itself: text and --json output, exit
 * status 1 / 0 / 2, YAML and JSON files, and git revisions.
 */
import { spawnSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { stringify } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isObject } from "../scripts/spec-diff/refs.js";
import type { DiffResult } from "../scripts/spec-diff/report.js";
import { at, BASE, changesOf, diff, load, OURS, reorganise, root } from "./spec-diff-helpers.js";

describe("our spec against itself reorganised", { timeout: 60_000 }, () => {
  const ours = load(OURS);
  const reorganised = reorganise(load(OURS));

  it("is really laid out differently", () => {
    const text = JSON.stringify(reorganised);
    expect(text).not.toContain('"$ref"');
    expect(Object.keys(at(reorganised, "components", "schemas"))).toContain("RenamedSmsActionParameters");
    expect(Object.keys(at(reorganised, "components", "schemas"))).not.toContain("SmsActionParameters");
    const oneOf = at(reorganised, "components", "schemas", "RenamedAction").oneOf;
    expect(Array.isArray(oneOf) && isObject(oneOf[0]) && JSON.stringify(oneOf[0])).toContain(
      "KNOWLEDGE_BASE",
    );
    expect(Object.keys(reorganised)[0]).not.toBe("openapi");
  });

  it("shows no difference either way", () => {
    expect(changesOf(diff(ours, reorganised))).toEqual([]);
    expect(changesOf(diff(reorganised, ours))).toEqual([]);
  });

  it("keys oneOf members by their constant even without the discriminator keyword", () => {
    const strip = (node: unknown): unknown =>
      Array.isArray(node)
        ? node.map(strip)
        : isObject(node)
          ? Object.fromEntries(
              Object.entries(node)
                .filter(([k]) => k !== "discriminator")
                .map(([k, v]) => [k, strip(v)]),
            )
          : node;
    const bare = strip(reorganise(load(OURS))) as ReturnType<typeof load>;
    expect(JSON.stringify(bare)).not.toContain('"discriminator"');
    expect(changesOf(diff(ours, bare))).toEqual([]);
  });

  it("still shows a real change made in the reorganised copy, and only that", () => {
    const changed = reorganise(load(OURS));
    const sms = at(
      changed,
      "paths",
      "/voice-ai/actions",
      "post",
      "requestBody",
      "content",
      "application/json",
      "schema",
    );
    const member = (sms.oneOf as unknown[]).find((m) => JSON.stringify(m).includes('"const":"SMS"'));
    // The SMS member is an allOf of the shared fields and the SMS config; drop messageBody there.
    const config =
      isObject(member) && Array.isArray(member.allOf)
        ? member.allOf.find((p) => JSON.stringify(p).includes("messageBody"))
        : undefined;
    if (!isObject(config)) throw new Error("SMS config not found");
    const parameters = at(config, "properties", "actionParameters");
    delete at(parameters, "properties").messageBody;
    parameters.required = (parameters.required as string[]).filter((n) => n !== "messageBody");
    const found = changesOf(diff(ours, changed));
    expect(found).toEqual([
      {
        operation: "POST /voice-ai/actions",
        rule: "field-removed",
        breaking: true,
        where: "request body (application/json) › (actionType=SMS).actionParameters.messageBody",
        detail: "field removed",
      },
    ]);
  });
});

describe("npm run spec:diff", { timeout: 60_000 }, () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "spec-diff-cli-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  function specDiff(...args: string[]) {
    const result = spawnSync("npx", ["tsx", "scripts/spec-diff/cli.ts", ...args], {
      cwd: root,
      encoding: "utf8",
      timeout: 60_000,
    });
    if (result.error) throw result.error;
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  async function write(
    name: string,
    change: (doc: ReturnType<typeof load>) => void,
    json = false,
  ): Promise<string> {
    const doc = load(BASE);
    change(doc);
    const file = path.join(dir, name);
    await writeFile(file, json ? JSON.stringify(doc) : stringify(doc));
    return file;
  }

  it("prints each change per operation, marked, and exits 1 on a breaking one", async () => {
    const file = await write("breaking.yaml", (doc) => {
      delete at(doc, "components", "schemas", "NewPet", "properties").tag;
      at(doc, "paths", "/pets", "get").summary = "Every pet";
    });
    const { status, stdout } = specDiff(BASE, file);
    expect(stdout).toContain(`spec:diff ${BASE} → ${file}`);
    expect(stdout).toMatch(
      /^POST \/pets \(createPet\)\n {2}BREAKING {2}request body \(application\/json\) › tag: field removed {2}\[field-removed\]$/m,
    );
    expect(stdout).toMatch(
      /^GET \/pets \(listPets\)\n(.*\n)* {2}ok {8}operation: summary or description changed {2}\[description-changed\]$/m,
    );
    expect(stdout).toMatch(/breaking, \d+ not breaking → a major version bump \(breaking changes\)\.$/m);
    expect(status).toBe(1);
  });

  it("--json prints the same as one JSON object; exits 0 when nothing breaks (JSON input too)", async () => {
    const file = await write(
      "additive.json",
      (doc) => void (at(doc, "components", "schemas", "NewPet", "properties").nickname = { type: "string" }),
      true,
    );
    const { status, stdout } = specDiff(BASE, file, "--json");
    const result = JSON.parse(stdout) as DiffResult;
    expect(result.breaking).toBe(false);
    expect(result.bump).toBe("minor");
    expect(result.operations.map((o) => `${o.method} ${o.path}`)).toEqual([
      "GET /pets",
      "GET /pets/{petId}",
      "POST /pets",
    ]);
    // In the list and get responses, and in createPet's request and response.
    expect(result.operations.flatMap((o) => o.changes.map((c) => `${c.rule} ${c.where}`))).toEqual([
      "field-added response 200 (application/json) › [].nickname",
      "field-added response 200 (application/json) › nickname",
      "field-added request body (application/json) › nickname",
      "field-added response 201 (application/json) › nickname",
    ]);
    expect(status).toBe(0);
  });

  it("reads git revisions: the committed spec against itself has no difference", () => {
    const { status, stdout } = specDiff("HEAD:openapi/voice-ai.yaml", "HEAD:openapi/voice-ai.yaml");
    expect(stdout).toContain("No difference in any operation or webhook: no version bump.");
    expect(status).toBe(0);
  });

  it("exits 2 naming the problem for a missing file, a non-OpenAPI file, broken YAML or a dangling $ref", async () => {
    const notOpenApi = path.join(dir, "not-openapi.yaml");
    await writeFile(notOpenApi, "hello: world\n");
    const broken = path.join(dir, "broken.yaml");
    await writeFile(broken, "openapi: 3.1.0\npaths: {\n");
    const dangling = await write(
      "dangling.yaml",
      (doc) =>
        void (at(doc, "paths", "/pets", "post", "requestBody", "content", "application/json", "schema").$ref =
          "#/components/schemas/Nope"),
    );
    const cases: [string, RegExp][] = [
      [path.join(dir, "missing.yaml"), /missing\.yaml: no such file/],
      [notOpenApi, /not an OpenAPI 3 document/],
      [broken, /broken\.yaml: not valid YAML or JSON/],
      [dangling, /\$ref "#\/components\/schemas\/Nope" points to nothing/],
    ];
    for (const [file, message] of cases) {
      const { status, stderr } = specDiff(BASE, file);
      expect(stderr).toMatch(message);
      expect(status).toBe(2);
    }
    expect(specDiff("a.yaml", "b.yaml", "c.yaml").stderr).toContain("expected at most two documents, got 3");
  });
});
