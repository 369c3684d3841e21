/**
 * spec:diff, one fixture pair per rule: the base fixture (test/fixtures/spec-diff/base.yaml) and
 * a copy with one change. Each case names the change it must find (rule, breaking or not, where)
 * and whether the whole diff is breaking; the base against itself finds nothing.
 */
import { describe, expect, it } from "vitest";
import type { Rule } from "../scripts/spec-diff/change.js";
import type { JsonObject } from "../scripts/spec-diff/refs.js";
import { at, BASE, changesOf, diff, load } from "./spec-diff-helpers.js";

interface Case {
  name: string;
  change: (doc: JsonObject) => void;
  /** A change that must be reported: its rule, verdict, operation and a part of where it is. */
  expected: { rule: Rule; breaking: boolean; operation: string; where: string; detail?: string }[];
  /** Is the diff as a whole breaking (exit status 1)? */
  breaking: boolean;
  /** The change is applied to the old document: the new one is the base. */
  reverse?: true;
}

const schema = (doc: JsonObject, name: string) => at(doc, "components", "schemas", name);
const props = (doc: JsonObject, name: string) => at(doc, "components", "schemas", name, "properties");
const petPart = (doc: JsonObject) => at(doc, "components", "schemas", "Pet", "allOf", "1");
const listParams = (doc: JsonObject) => at(doc, "paths", "/pets", "get").parameters as JsonObject[];
const BODY = "request body (application/json)";

const breakingCases: Case[] = [
  {
    name: "an operation removed",
    change: (doc) => delete at(doc, "paths", "/pets/{petId}").delete,
    expected: [
      { rule: "operation-removed", breaking: true, operation: "DELETE /pets/{petId}", where: "operation" },
    ],
    breaking: true,
  },
  {
    name: "a parameter removed",
    change: (doc) => void listParams(doc).pop(),
    expected: [
      { rule: "parameter-removed", breaking: true, operation: "GET /pets", where: "query parameter kind" },
    ],
    breaking: true,
  },
  {
    name: "a parameter renamed",
    change: (doc) => void (listParams(doc)[1]!.name = "species"),
    expected: [
      { rule: "parameter-removed", breaking: true, operation: "GET /pets", where: "query parameter kind" },
      { rule: "parameter-added", breaking: false, operation: "GET /pets", where: "query parameter species" },
    ],
    breaking: true,
  },
  {
    name: "a body field removed",
    change: (doc) => delete props(doc, "NewPet").tag,
    expected: [{ rule: "field-removed", breaking: true, operation: "POST /pets", where: `${BODY} › tag` }],
    breaking: true,
  },
  {
    name: "a body field renamed",
    change: (doc) => {
      const properties = props(doc, "NewPet");
      properties.label = properties.tag!;
      delete properties.tag;
    },
    expected: [
      {
        rule: "field-removed",
        breaking: true,
        operation: "POST /pets",
        where: `${BODY} › tag`,
        detail: "field removed (renamed to label?)",
      },
      { rule: "field-added", breaking: false, operation: "POST /pets", where: `${BODY} › label` },
    ],
    breaking: true,
  },
  {
    name: "a parameter becoming required",
    change: (doc) => void (listParams(doc)[1]!.required = true),
    expected: [
      { rule: "parameter-required", breaking: true, operation: "GET /pets", where: "query parameter kind" },
    ],
    breaking: true,
  },
  {
    name: "a body field becoming required",
    change: (doc) => void (schema(doc, "NewPet").required = ["name", "tag"]),
    expected: [
      { rule: "field-required", breaking: true, operation: "POST /pets", where: `${BODY} › tag` },
      // The same field in a response: now always there, which breaks nobody.
      {
        rule: "field-required",
        breaking: false,
        operation: "GET /pets/{petId}",
        where: "response 200 (application/json) › tag",
      },
    ],
    breaking: true,
  },
  {
    name: "a type changed",
    change: (doc) => void (props(doc, "NewPet").tag = { type: "integer" }),
    expected: [
      {
        rule: "type-changed",
        breaking: true,
        operation: "POST /pets",
        where: `${BODY} › tag`,
        detail: "type string → integer",
      },
      {
        rule: "type-changed",
        breaking: true,
        operation: "GET /pets",
        where: "response 200 (application/json) › [].tag",
      },
    ],
    breaking: true,
  },
  {
    name: "an enum value removed from a request",
    change: (doc) => void (schema(doc, "Kind").enum = ["cat"]),
    expected: [
      {
        rule: "enum-value-removed",
        breaking: true,
        operation: "GET /pets",
        where: "query parameter kind",
        detail: 'value "dog" removed',
      },
      { rule: "enum-value-removed", breaking: true, operation: "POST /pets", where: `${BODY} › kind` },
      // Fewer values a client may receive: not breaking.
      {
        rule: "enum-value-removed",
        breaking: false,
        operation: "GET /pets/{petId}",
        where: "response 200 (application/json) › kind",
      },
    ],
    breaking: true,
  },
  {
    name: "an enum value added to a response",
    change: (doc) => void (at(petPart(doc), "properties", "status").enum = ["available", "sold", "lost"]),
    expected: [
      {
        rule: "enum-value-added",
        breaking: true,
        operation: "GET /pets/{petId}",
        where: "response 200 (application/json) › status",
      },
    ],
    breaking: true,
  },
  {
    name: "a shorter maxLength",
    change: (doc) => void (at(props(doc, "NewPet"), "name").maxLength = 20),
    expected: [
      {
        rule: "limit-narrowed",
        breaking: true,
        operation: "POST /pets",
        where: `${BODY} › name`,
        detail: "maxLength 50 → 20",
      },
    ],
    breaking: true,
  },
  {
    name: "a higher minimum and a new lower maximum",
    change: (doc) =>
      Object.assign(at(doc, "components", "parameters", "Limit", "schema"), { minimum: 5, maximum: 50 }),
    expected: [
      {
        rule: "limit-narrowed",
        breaking: true,
        operation: "GET /pets",
        where: "query parameter limit",
        detail: "minimum 1 → 5",
      },
      {
        rule: "limit-narrowed",
        breaking: true,
        operation: "GET /pets",
        where: "query parameter limit",
        detail: "maximum 100 → 50",
      },
    ],
    breaking: true,
  },
  {
    name: "a response field removed",
    change: (doc) => {
      delete at(petPart(doc), "properties").id;
      petPart(doc).required = ["status"];
    },
    expected: [
      {
        rule: "field-removed",
        breaking: true,
        operation: "GET /pets/{petId}",
        where: "response 200 (application/json) › id",
      },
    ],
    breaking: true,
  },
  {
    name: "a success status changed",
    change: (doc) => {
      const responses = at(doc, "paths", "/pets", "post", "responses");
      responses["200"] = responses["201"]!;
      delete responses["201"];
    },
    expected: [
      {
        rule: "success-status-removed",
        breaking: true,
        operation: "POST /pets",
        where: "response 201",
        detail: "success status 201 removed (now 200)",
      },
    ],
    breaking: true,
  },
  {
    name: "a field of one oneOf member removed (found by its discriminator value)",
    change: (doc) => delete props(doc, "Rope").length,
    expected: [
      {
        rule: "field-removed",
        breaking: true,
        operation: "POST /pets",
        where: `${BODY} › toy (toyType=ROPE).length`,
      },
    ],
    breaking: true,
  },
  {
    name: "a oneOf member removed from a request",
    change: (doc) => {
      const toy = schema(doc, "Toy");
      toy.oneOf = [{ $ref: "#/components/schemas/Ball" }];
      delete at(toy, "discriminator", "mapping").ROPE;
    },
    expected: [
      {
        rule: "variant-removed",
        breaking: true,
        operation: "POST /pets",
        where: `${BODY} › toy (toyType=ROPE)`,
      },
    ],
    breaking: true,
  },
  {
    name: "a oneOf member added to a response",
    change: (doc) => {
      const toy = schema(doc, "Toy");
      toy.oneOf = [
        ...(toy.oneOf as JsonObject[]),
        { type: "object", properties: { toyType: { const: "BONE" } } },
      ];
    },
    expected: [
      {
        rule: "variant-added",
        breaking: true,
        operation: "GET /pets/{petId}",
        where: "response 200 (application/json) › toy (toyType=BONE)",
      },
      {
        rule: "variant-added",
        breaking: false,
        operation: "POST /pets",
        where: `${BODY} › toy (toyType=BONE)`,
      },
    ],
    breaking: true,
  },
  {
    name: "a required body field added",
    change: (doc) => {
      props(doc, "NewPet").owner = { type: "string" };
      schema(doc, "NewPet").required = ["name", "owner"];
    },
    expected: [{ rule: "field-added", breaking: true, operation: "POST /pets", where: `${BODY} › owner` }],
    breaking: true,
  },
];

const compatibleCases: Case[] = [
  {
    name: "an operation added",
    change: (doc) =>
      void (at(doc, "paths", "/pets/{petId}").put = {
        operationId: "replacePet",
        responses: { "200": { description: "Done." } },
      }),
    expected: [
      { rule: "operation-added", breaking: false, operation: "PUT /pets/{petId}", where: "operation" },
    ],
    breaking: false,
  },
  {
    name: "an optional parameter added",
    change: (doc) => void listParams(doc).push({ name: "q", in: "query", schema: { type: "string" } }),
    expected: [
      { rule: "parameter-added", breaking: false, operation: "GET /pets", where: "query parameter q" },
    ],
    breaking: false,
  },
  {
    name: "a parameter becoming optional",
    // Old: the parameter required; new: the base, where it is optional.
    change: (doc) => void (listParams(doc)[1]!.required = true),
    reverse: true,
    expected: [
      { rule: "parameter-optional", breaking: false, operation: "GET /pets", where: "query parameter kind" },
    ],
    breaking: false,
  },
  {
    name: "an optional body field added",
    change: (doc) => void (props(doc, "NewPet").nickname = { type: "string" }),
    expected: [
      { rule: "field-added", breaking: false, operation: "POST /pets", where: `${BODY} › nickname` },
    ],
    breaking: false,
  },
  {
    name: "an enum value added to a request only",
    change: (doc) => void (listParams(doc)[1]!.schema = { type: "string", enum: ["cat", "dog", "bird"] }),
    expected: [
      {
        rule: "enum-value-added",
        breaking: false,
        operation: "GET /pets",
        where: "query parameter kind",
        detail: 'value "bird" added',
      },
    ],
    breaking: false,
  },
  {
    name: "an enum value removed from a response",
    change: (doc) => void (at(petPart(doc), "properties", "status").enum = ["available"]),
    expected: [
      {
        rule: "enum-value-removed",
        breaking: false,
        operation: "GET /pets/{petId}",
        where: "response 200 (application/json) › status",
      },
    ],
    breaking: false,
  },
  {
    name: "a limit widened",
    change: (doc) =>
      Object.assign(at(doc, "components", "parameters", "Limit", "schema"), { minimum: 0, maximum: 500 }),
    expected: [
      {
        rule: "limit-widened",
        breaking: false,
        operation: "GET /pets",
        where: "query parameter limit",
        detail: "minimum 1 → 0",
      },
      {
        rule: "limit-widened",
        breaking: false,
        operation: "GET /pets",
        where: "query parameter limit",
        detail: "maximum 100 → 500",
      },
    ],
    breaking: false,
  },
  {
    name: "a response field added",
    change: (doc) =>
      void (at(petPart(doc), "properties").createdAt = { type: "string", format: "date-time" }),
    expected: [
      {
        rule: "field-added",
        breaking: false,
        operation: "GET /pets/{petId}",
        where: "response 200 (application/json) › createdAt",
      },
    ],
    breaking: false,
  },
  {
    name: "descriptions changed",
    change: (doc) => {
      at(props(doc, "NewPet"), "name").description = "What the pet answers to.";
      at(doc, "paths", "/pets", "get").summary = "Every pet";
    },
    expected: [
      { rule: "description-changed", breaking: false, operation: "POST /pets", where: `${BODY} › name` },
      { rule: "description-changed", breaking: false, operation: "GET /pets", where: "operation" },
    ],
    breaking: false,
  },
  {
    name: "a oneOf member added to a request only",
    change: (doc) => {
      const body = at(
        doc,
        "paths",
        "/pets/{petId}/play",
        "post",
        "requestBody",
        "content",
        "application/json",
        "schema",
      );
      body.oneOf = [
        ...(body.oneOf as JsonObject[]),
        { type: "object", properties: { toyType: { const: "BONE" } } },
      ];
    },
    expected: [
      {
        rule: "variant-added",
        breaking: false,
        operation: "POST /pets/{petId}/play",
        where: `${BODY} › (toyType=BONE)`,
      },
    ],
    breaking: false,
  },
];

function check({ change, expected, breaking, reverse }: Case) {
  const base = load(BASE);
  const changed = load(BASE);
  change(changed);
  const result = reverse ? diff(changed, base) : diff(base, changed);
  const found = changesOf(result);
  for (const want of expected) {
    const match = found.find(
      (c) =>
        c.rule === want.rule &&
        c.operation === want.operation &&
        c.where.includes(want.where) &&
        (want.detail === undefined || c.detail === want.detail),
    );
    expect(match, `${JSON.stringify(want)} in ${JSON.stringify(found, null, 1)}`).toBeDefined();
    expect(match!.breaking).toBe(want.breaking);
  }
  expect(result.breaking).toBe(breaking);
  expect(result.bump).toBe(
    breaking ? "major" : expected.every((e) => e.rule === "description-changed") ? "patch" : "minor",
  );
}

describe("spec:diff rules", () => {
  it("finds no difference between the base and itself", () => {
    const result = diff(load(BASE), load(BASE));
    expect(result.operations).toEqual([]);
    expect(result.bump).toBe("none");
  });

  describe("breaking", () => {
    for (const c of breakingCases) it(c.name, () => check(c));
  });

  describe("not breaking", () => {
    for (const c of compatibleCases) it(c.name, () => check(c));
  });

  it("a field becoming optional: not breaking in the request, breaking in the response", () => {
    const base = load(BASE);
    const changed = load(BASE);
    schema(changed, "NewPet").required = [];
    const found = changesOf(diff(base, changed));
    const request = found.find((c) => c.operation === "POST /pets" && c.where === `${BODY} › name`);
    const response = found.find((c) => c.operation === "GET /pets/{petId}" && c.where.endsWith("› name"));
    expect(request).toMatchObject({ rule: "field-optional", breaking: false });
    expect(response).toMatchObject({ rule: "field-optional", breaking: true });
  });
});

export const ruleCount = breakingCases.length + compatibleCases.length;

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
      /\$ref cycle: #\/components\/schemas\/A → #\/components\/schemas\/B → #\/components\/schemas\/A/,
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

  it("refuses a $ref outside the document", () => {
    const doc = treeDoc("string");
    at(doc, "components", "schemas", "Node", "properties").other = { $ref: "other.yaml#/Thing" };
    expect(() => diff(doc, doc)).toThrow(/external \$ref "other.yaml#\/Thing" is not supported/);
  });
});
