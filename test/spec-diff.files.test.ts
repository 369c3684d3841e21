/**
 * spec:diff on documents spread over several files, as HighLevel publishes them
 * (`apps/voice-ai.json` → `../common/common-schemas.json#/components/schemas/X`): refs resolve
 * relative to the file they are in, across files, nested, with escaped pointers, whole files,
 * cycles between files, discriminator mappings; data that merely contains a `$ref` is not followed.
 */
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { diffDocuments } from "../scripts/spec-diff/diff.js";
import { at, changesOf } from "./spec-diff-helpers.js";
import {
  answering,
  copyHighLevel,
  editJson,
  HIGHLEVEL,
  loadIn,
  tempDir,
  writeTree,
} from "./spec-diff-files.js";

let dir: string;
let remove: () => Promise<void>;
beforeEach(async () => ({ dir, remove } = await tempDir()));
afterEach(() => remove());

/** The changes from `old` (a file under dir) to `now` (a file under dir, or a document). */
const changes = (old: string, now: string | ReturnType<typeof answering>) =>
  changesOf(
    diffDocuments(
      loadIn(dir, old),
      typeof now === "string" ? loadIn(dir, now) : { label: "inline", doc: now },
    ),
  ).map((c) => `${c.breaking ? "BREAKING" : "ok"} ${c.operation} ${c.where}: ${c.detail}`);

describe("spec:diff on HighLevel-shaped files", () => {
  it("reads the fixture pair: an upstream enum value, a field made required, an operation added", () => {
    const result = diffDocuments(
      loadIn(HIGHLEVEL, "old/apps/voice-ai.json"),
      loadIn(HIGHLEVEL, "new/apps/voice-ai.json"),
    );
    expect(
      changesOf(result).map((c) => `${c.breaking ? "BREAKING" : "ok"} ${c.operation} ${c.where}`),
    ).toEqual([
      "ok DELETE /voice-ai/agents/{agentId} operation",
      "BREAKING GET /voice-ai/agents response 200 (application/json) › agents[].language",
      "BREAKING GET /voice-ai/agents/{agentId} response 200 (application/json) › language",
      "BREAKING POST /voice-ai/agents request body (application/json) › businessName",
      "ok POST /voice-ai/agents request body (application/json) › language",
      "BREAKING POST /voice-ai/agents response 201 (application/json) › language",
    ]);
    expect(result.bump).toBe("major");
  });

  it("follows refs inside the common file relative to it, not to the app file", async () => {
    await copyHighLevel("old", path.join(dir, "old"));
    await copyHighLevel("old", path.join(dir, "new"));
    expect(changes("old/apps/voice-ai.json", "new/apps/voice-ai.json")).toEqual([]);
    // UnauthorizedDTO (common) takes BadRequestDTO (common) through "#/components/schemas/…".
    await editJson(path.join(dir, "new/common/common-schemas.json"), (doc) => {
      at(doc, "components", "schemas", "BadRequestDTO", "properties", "statusCode").type = "string";
    });
    expect(changes("old/apps/voice-ai.json", "new/apps/voice-ai.json")).toEqual(
      expect.arrayContaining([
        "BREAKING GET /voice-ai/agents response 401 (application/json) › statusCode: type number → string",
        "BREAKING POST /voice-ai/agents response 400 (application/json) › statusCode: type number → string",
      ]),
    );
  });

  it("resolves a path relative to the file the ref is in, across several files", async () => {
    await writeTree(dir, {
      "apps/api.json": answering({ $ref: "../common/a.json#/A" }),
      "common/a.json": { A: { type: "object", properties: { n: { $ref: "./b.json#/B" } } } },
      "common/b.json": { B: { type: "integer" } },
      "apps/b.json": { B: { type: "string" } }, // what a ref resolved against the app file would find
    });
    const inline = (type: string) => answering({ type: "object", properties: { n: { type } } });
    expect(changes("apps/api.json", inline("integer"))).toEqual([]);
    expect(changes("apps/api.json", inline("string"))).toEqual([
      "BREAKING GET /thing response 200 (application/json) › n: type integer → string",
    ]);
  });

  it("follows nested refs through YAML and JSON, escaped pointers (~1 ~0 %7B) and whole files", async () => {
    await writeTree(dir, {
      "root.yaml": answering({ $ref: "schemas/one.yaml#/components/schemas/a~1b~0c" }),
      "schemas/one.yaml": {
        components: {
          schemas: {
            "a/b~c": {
              type: "object",
              properties: {
                pet: { $ref: "../shared/pet.json" },
                id: { $ref: "../shared/paths.json#/~1pets~1%7Bid%7D/x" },
              },
            },
          },
        },
      },
      "shared/pet.json": { type: "object", required: ["name"], properties: { name: { type: "string" } } },
      "shared/paths.json": { "/pets/{id}": { x: { type: "integer", minimum: 1 } } },
    });
    const pet = { type: "object", required: ["name"], properties: { name: { type: "string" } } };
    const id = { type: "integer", minimum: 1 };
    expect(changes("root.yaml", answering({ type: "object", properties: { pet, id } }))).toEqual([]);
    await writeTree(dir, { "shared/pet.json": { type: "object", properties: { name: { type: "string" } } } });
    expect(changes("root.yaml", answering({ type: "object", properties: { pet, id } }))).toEqual([
      "ok GET /thing response 200 (application/json) › pet.name: field now required",
    ]);
  });

  it("terminates on files that refer to each other, comparing each schema once", async () => {
    const node = (label: string, link: string, to: string) => ({
      Node: { type: "object", properties: { label: { type: label }, [link]: { $ref: to } } },
    });
    await writeTree(dir, {
      "old.json": answering({ $ref: "a.json#/Node" }),
      "a.json": node("string", "next", "b.json#/Node"),
      "b.json": node("string", "prev", "a.json#/Node"),
      "new.json": answering({ $ref: "c.json#/Node" }),
      "c.json": node("string", "next", "d.json#/Node"),
      "d.json": node("number", "prev", "c.json#/Node"),
    });
    expect(changes("old.json", "old.json")).toEqual([]);
    expect(changes("old.json", "new.json")).toEqual([
      "BREAKING GET /thing response 200 (application/json) › next.label: type string → number",
    ]);
  });

  it("names a cycle of refs between files as the files wrote them", async () => {
    await writeTree(dir, {
      "api.json": answering({ $ref: "a.json#/A" }),
      "a.json": { A: { $ref: "b.json#/B" } },
      "b.json": { B: { $ref: "a.json#/A" } },
    });
    expect(() => changes("api.json", "api.json")).toThrow(
      '$ref cycle: "a.json#/A" → "b.json#/B" → "a.json#/A"',
    );
  });

  it("matches oneOf members through a discriminator mapping that points into another file", async () => {
    const kinds = (smsFields: object) => ({
      Sms: { type: "object", properties: { kind: { type: "string" }, ...smsFields } },
      Call: { type: "object", properties: { kind: { type: "string" }, to: { type: "string" } } },
    });
    const api = answering({
      oneOf: [{ $ref: "kinds.json#/Sms" }, { $ref: "kinds.json#/Call" }],
      discriminator: { propertyName: "kind", mapping: { sms: "kinds.json#/Sms", call: "kinds.json#/Call" } },
    });
    await writeTree(dir, { "old/api.json": api, "new/api.json": api });
    await writeTree(dir, {
      "old/kinds.json": kinds({ body: { type: "string" } }),
      "new/kinds.json": kinds({}),
    });
    expect(changes("old/api.json", "new/api.json")).toEqual([
      "BREAKING GET /thing response 200 (application/json) › (kind=sms).body: field removed",
    ]);
  });

  it("does not follow a $ref inside example, default or extension data, but does in a property named so", async () => {
    const schema = {
      type: "object",
      example: { $ref: "https://example.com/not-read.json" },
      default: { $ref: "missing.json#/Nothing" },
      "x-note": { $ref: "missing.json" },
      properties: { default: { $ref: "d.json#/D" }, example: { $ref: "d.json#/D" } },
    };
    await writeTree(dir, { "api.json": answering(schema), "d.json": { D: { type: "integer" } } });
    const inline = answering({
      ...schema,
      properties: { default: { type: "integer" }, example: { type: "integer" } },
    });
    expect(changes("api.json", inline)).toEqual([]);
  });
});
