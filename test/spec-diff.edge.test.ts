/**
 * spec:diff on documents that loop or misbehave: self-containing schemas, $ref cycles, names
 * like __proto__, fragments that are no JSON pointer (other files: spec-diff.files*.test.ts).
 */
import { describe, expect, it } from "vitest";
import type { JsonObject } from "../scripts/spec-diff/refs.js";
import { at, changesOf, diff } from "./spec-diff-helpers.js";

describe("spec:diff on documents that loop or misbehave", () => {
  const treeDoc = (childType: string): JsonObject => ({
    openapi: "3.1.0",
    paths: {
      "/tree": {
        get: {
          responses: {
            "200": {
              description: "A tree.",
              content: { "application/json": { schema: { $ref: "#/components/schemas/Node" } } },
            },
          },
        },
      },
    },
    components: {
      schemas: {
        Node: {
          type: "object",
          properties: {
            label: { type: childType },
            children: { type: "array", items: { $ref: "#/components/schemas/Node" } },
          },
        },
      },
    },
  });

  it("compares a schema that contains itself, once", () => {
    expect(diff(treeDoc("string"), treeDoc("string")).operations).toEqual([]);
    const found = changesOf(diff(treeDoc("string"), treeDoc("number")));
    expect(found.map((c) => `${c.rule} ${c.where} ${c.breaking}`)).toEqual([
      "type-changed response 200 (application/json) › label true",
    ]);
  });

  it("names a $ref cycle instead of looping", () => {
    const doc = treeDoc("string");
    Object.assign(at(doc, "components", "schemas"), {
      A: { $ref: "#/components/schemas/B" },
      B: { $ref: "#/components/schemas/A" },
    });
    at(doc, "components", "schemas", "Node", "properties").loop = { $ref: "#/components/schemas/A" };
    expect(() => diff(doc, doc)).toThrow(
      '$ref cycle: "#/components/schemas/A" → "#/components/schemas/B" → "#/components/schemas/A"',
    );
  });

  it("treats __proto__ and constructor as ordinary names", () => {
    const old = treeDoc("string");
    const now = treeDoc("string");
    const properties = at(now, "components", "schemas", "Node", "properties");
    // As JSON.parse makes them: own, enumerable properties.
    for (const name of ["__proto__", "constructor"]) {
      Object.defineProperty(properties, name, { value: { type: "string" }, enumerable: true });
    }
    const found = changesOf(diff(old, now)).map((c) => c.where);
    expect(found).toEqual([
      "response 200 (application/json) › __proto__",
      "response 200 (application/json) › constructor",
    ]);
    expect(({} as Record<string, unknown>).type).toBeUndefined();
  });

  it("refuses a fragment that is not a JSON pointer, or a malformed %-escape, naming the $ref", () => {
    const cases: [string, string][] = [
      // Before: "#Thing" was read as the empty pointer, i.e. the whole document.
      ["#Thing", '$ref "#Thing": only JSON-pointer fragments (#/...) are followed'],
      ["#/components/schemas/100%", '$ref "#/components/schemas/100%" has a malformed %-escape'],
      // A document not read through loadSpec has had no file refs resolved.
      ["other.yaml#/Thing", '$ref "other.yaml#/Thing" names another file: read documents with loadSpec'],
    ];
    for (const [ref, message] of cases) {
      const doc = treeDoc("string");
      at(doc, "components", "schemas", "Node", "properties").other = { $ref: ref };
      expect(() => diff(doc, doc)).toThrow(message);
    }
  });

  it("reads OpenAPI 3.0 nullable and boolean exclusiveMinimum as 3.1 says them", () => {
    const v30 = treeDoc("string");
    v30.openapi = "3.0.3";
    Object.assign(at(v30, "components", "schemas", "Node", "properties", "label"), {
      nullable: true,
      minimum: 0,
      exclusiveMinimum: true,
    });
    const v31 = treeDoc("string");
    Object.assign(at(v31, "components", "schemas", "Node", "properties", "label"), {
      type: ["string", "null"],
      exclusiveMinimum: 0,
    });
    expect(changesOf(diff(v30, v31))).toEqual([]);
    const found = changesOf(diff(treeDoc("string"), v30)).map((c) => `${c.rule} ${c.detail} ${c.breaking}`);
    // A response value that may now be null breaks its readers; a limit on it does not.
    expect(found).toEqual([
      "type-changed type string → null | string true",
      "limit-narrowed exclusiveMinimum none → 0 false",
    ]);
  });
});
