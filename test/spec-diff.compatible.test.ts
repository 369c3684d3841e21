/**
 * spec:diff, the opposites: one fixture pair per rule that must be found and marked not
 * breaking; the base against itself finds nothing; a field becoming optional is judged by who
 * sends it.
 */
import { describe, expect, it } from "vitest";
import type { JsonObject } from "../scripts/spec-diff/refs.js";
import { BODY, check, listParams, petPart, props, schema, type Case } from "./spec-diff-cases.js";
import { at, BASE, changesOf, diff, load } from "./spec-diff-helpers.js";

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

describe("spec:diff rules that break nothing", () => {
  it("finds no difference between the base and itself", () => {
    const result = diff(load(BASE), load(BASE));
    expect(result.operations).toEqual([]);
    expect(result.bump).toBe("none");
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
