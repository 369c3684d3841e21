/**
 * spec:diff, breaking rules: one fixture pair per rule (the base fixture and a copy with one
 * change); each must be found, marked breaking, and make the whole diff breaking (exit 1).
 */
import { describe, it } from "vitest";
import type { JsonObject } from "../scripts/spec-diff/refs.js";
import { BODY, check, listParams, petPart, props, schema, type Case } from "./spec-diff-cases.js";
import { at } from "./spec-diff-helpers.js";

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

describe("spec:diff breaking rules", () => {
  for (const c of breakingCases) it(c.name, () => check(c));
});
