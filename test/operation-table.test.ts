/**
 * The generated operation table carries, per query parameter, what the client checks values
 * against — read from the spec, so limits such as pageSize ≤ 50 are never written in src/.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { operations } from "../generated/operations.js";
import { buildOperationTable, type OpenAPIDocument } from "../scripts/operation-table.js";
import type { Json } from "../scripts/spec-json.js";

const root = path.resolve(import.meta.dirname, "..");
const spec = parseYaml(await readFile(path.join(root, "openapi/voice-ai.yaml"), "utf8")) as OpenAPIDocument;

/** A spec of one GET operation with the query parameters given. */
function oneOperation(parameters: Json[]): OpenAPIDocument {
  return {
    paths: {
      "/things": {
        get: {
          operationId: "listThings",
          tags: ["Things"],
          parameters,
          responses: { "204": { description: "none" } },
        },
      },
    },
  };
}

describe("query parameters in the operation table", () => {
  it("carry the pagination limits of the spec", () => {
    expect(operations.listAgents.query.page).toEqual({ type: "integer", min: 1, max: 5000 });
    expect(operations.listAgents.query.pageSize).toEqual({ type: "integer", min: 1, max: 50 });
    expect(operations.listCallLogs.query.page).toEqual({ type: "integer", min: 1 });
    expect(operations.listCallLogs.query.pageSize).toEqual({ type: "integer", min: 1, max: 50 });
  });

  it("carry enums, item enums, required and comma-separated marks", () => {
    const q = operations.listCallLogs.query;
    expect(q.locationId).toEqual({ type: "string", required: true });
    expect(q.callType).toEqual({ type: "string", enum: ["LIVE", "TRIAL"] });
    expect(q.startDate).toEqual({ type: "number" });
    expect(q.contactId).toEqual({ type: "array", items: { type: "string" }, comma: true });
    expect(q.actionType.type).toBe("array");
    expect(q.actionType.items.enum).toContain("SMS");
    expect(q.actionType.items.enum).toHaveLength(8);
  });

  it("are read from the spec: a changed bound changes the table", () => {
    const changed = structuredClone(spec);
    const pageSize = (changed.components!["parameters"] as Record<string, { schema: { maximum: number } }>)
      .PageSize!;
    pageSize.schema.maximum = 20;
    const entry = buildOperationTable(changed).find((e) => e.operationId === "listAgents")!;
    expect(entry.query.find((q) => q.name === "pageSize")!.schema).toEqual({
      type: "integer",
      minimum: 1,
      maximum: 20,
    });
  });

  it("refuse a query parameter whose schema the client cannot check", () => {
    const objectParam = { name: "filter", in: "query", schema: { type: "object" } };
    expect(() => buildOperationTable(oneOperation([objectParam]))).toThrow(
      /listThings: query parameter filter: a query value must be a string/,
    );
    const nested = { name: "grid", in: "query", schema: { type: "array", items: { type: "array" } } };
    expect(() => buildOperationTable(oneOperation([nested]))).toThrow(/arrays of arrays/);
  });
});
