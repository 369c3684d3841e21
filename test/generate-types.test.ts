/**
 * The generator's rules for named types and method interfaces, on small specs: which schemas
 * are exported and under which names, what it refuses, and what a method's docs carry.
 */
import { describe, expect, it } from "vitest";
import { buildOperationTable, type OpenAPIDocument } from "../scripts/operation-table.js";
import { renderClientMethods } from "../scripts/render-client-methods.js";
import { readModelNames, renderModels } from "../scripts/render-models.js";
import type { JsonObject } from "../scripts/spec-json.js";

function specWith(schemas: JsonObject, operation: JsonObject = {}): OpenAPIDocument {
  return {
    tags: [{ name: "Things", description: "Things of a location." }],
    paths: {
      "/things/{thingId}": {
        get: {
          operationId: "getThing",
          summary: "Get a thing",
          description: "Returns one thing.",
          externalDocs: { url: "https://example.com/docs#get-thing" },
          tags: ["Things"],
          parameters: [
            {
              name: "thingId",
              in: "path",
              required: true,
              description: "ID of the thing.",
              schema: { type: "string" },
            },
            { name: "locationId", in: "query", required: true, schema: { type: "string" } },
          ],
          responses: {
            "200": {
              description: "ok",
              content: { "application/json": { schema: { $ref: "#/components/schemas/Thing" } } },
            },
          },
          ...operation,
        },
      },
    },
    components: { schemas },
  };
}

const thing = {
  type: "object",
  "x-sdk-name": "Thing",
  description: "A thing.",
  required: ["id", "kind"],
  properties: { id: { type: "string" }, kind: { $ref: "#/components/schemas/Kind" } },
};
const kind = { type: "string", "x-sdk-name": "ThingKind", enum: ["a", "b"] };

function render(doc: OpenAPIDocument) {
  const table = buildOperationTable(doc);
  const names = readModelNames(doc);
  return { models: renderModels(doc, table, names), methods: renderClientMethods(doc, table, names) };
}

describe("named models", () => {
  it("exports the schemas marked x-sdk-name, under that name, with their descriptions", () => {
    const { models } = render(specWith({ Thing: thing, Kind: kind, Hidden: { type: "object" } }));
    expect(models).toContain(
      '/** A thing. */\nexport interface Thing extends Omit<Schema<"Thing">, "kind"> {',
    );
    expect(models).toContain("  kind: ThingKind;");
    expect(models).toContain('export type ThingKind = Schema<"Kind">;');
    expect(models).not.toContain("Hidden");
  });

  it("refuses names that are not PascalCase identifiers, and duplicates", () => {
    expect(() => readModelNames(specWith({ Thing: { ...thing, "x-sdk-name": "thing-1" } }))).toThrow(
      /schema Thing: x-sdk-name must be a PascalCase identifier/,
    );
    expect(() =>
      readModelNames(specWith({ Thing: thing, Other: { ...kind, "x-sdk-name": "Thing" } })),
    ).toThrow(/schemas Thing and Other both have x-sdk-name Thing/);
  });

  it("refuses a named union with an unnamed member", () => {
    const union = {
      "x-sdk-name": "Either",
      oneOf: [{ $ref: "#/components/schemas/Thing" }, { $ref: "#/components/schemas/Kind" }],
    };
    const doc = specWith({ Thing: thing, Kind: { type: "string" }, Either: union });
    expect(() => render(doc)).toThrow(/schema Either uses schema Kind, which has no x-sdk-name/);
  });
});

describe("method interfaces", () => {
  it("carry the summary, the description and the docs link, and use the named result", () => {
    const { methods } = render(specWith({ Thing: thing, Kind: kind }));
    expect(methods).toContain(
      "  /**\n   * Get a thing\n   *\n   * Returns one thing.\n   *\n   * @see https://example.com/docs#get-thing\n   */\n" +
        "  get(params: WithLocation<ThingsGetParams, D>, options?: CallOptions): APIPromise<Thing>;",
    );
    expect(methods).toContain(
      "/** Things of a location. */\nexport interface ThingsMethods<D extends boolean = boolean> {",
    );
    expect(methods).toContain("  /** ID of the thing. */\n  thingId:");
    expect(methods).toContain("  locationId?:");
  });

  it("fall back to the spec's type for a result without x-sdk-name", () => {
    const { methods } = render(
      specWith({ Thing: { ...thing, "x-sdk-name": undefined as never }, Kind: kind }),
    );
    expect(methods).toContain('APIPromise<SuccessBody<operations["getThing"]>>');
  });
});
