/**
 * Renders generated/operations.ts: the table the client reads at run time to build its
 * methods and check their arguments, and the API-wide facts (base URL, versions).
 */
import type { OperationEntry, QueryValueSchema } from "./operation-table.js";
import { asArray, isObject, type Json, type OpenAPIDocument } from "./spec-json.js";

/** Facts of the whole API the client needs at run time. */
export interface ApiFacts {
  /** The first server of the spec: the client's default base URL. */
  defaultBaseUrl: string;
  /** Values the `Version` header may take; the first is the default. */
  versions: string[];
  /** operationIds of the spec's webhooks: operations HighLevel calls, not the client. */
  webhookOperations: string[];
}

export function readApiFacts(doc: OpenAPIDocument): ApiFacts {
  const servers = asArray(doc["servers"]);
  const first = servers[0];
  const defaultBaseUrl = isObject(first) && typeof first["url"] === "string" ? first["url"] : "";
  const params = isObject(doc.components) ? doc.components["parameters"] : undefined;
  let versionSchema: Json | undefined =
    isObject(params) && isObject(params["Version"]) ? params["Version"]["schema"] : undefined;
  // One level of $ref is all the spec uses for the Version schema.
  if (isObject(versionSchema) && typeof versionSchema["$ref"] === "string") {
    const name = versionSchema["$ref"].split("/").pop()!;
    const schemas = isObject(doc.components) ? doc.components["schemas"] : undefined;
    versionSchema = isObject(schemas) ? schemas[name] : undefined;
  }
  const versions = isObject(versionSchema) ? asArray(versionSchema["enum"]).map(String) : [];
  if (!defaultBaseUrl) throw new Error("the spec has no server URL");
  if (versions.length === 0) throw new Error("the Version header parameter has no enum of versions");
  const webhookOperations = Object.values(isObject(doc["webhooks"]) ? doc["webhooks"] : {}).flatMap((item) =>
    Object.values(isObject(item) ? item : {}).flatMap((op) =>
      isObject(op) && typeof op["operationId"] === "string" ? [op["operationId"]] : [],
    ),
  );
  return { defaultBaseUrl, versions, webhookOperations };
}

/** What the client needs of an operation at run time, in the compact form it is emitted in. */
function runtimeEntry(e: OperationEntry): Record<string, unknown> {
  const entry: Record<string, unknown> = { method: e.method, path: e.path, group: e.group, name: e.name };
  entry.query = Object.fromEntries(
    e.query.map((q) => [
      q.name,
      {
        ...compactSchema(q.schema),
        ...(q.required && { required: true }),
        ...(q.commaSeparated && { comma: true }),
      },
    ]),
  );
  if (e.body !== "none") {
    entry.body = {
      ...(e.body === "optional" && { optional: true }),
      required: e.bodyRequired,
      ...(e.bodyLocationId && { locationId: true }),
    };
  }
  if (e.pagination) entry.items = e.pagination.items;
  return entry;
}

/** A value schema in the table's short form: `min`/`max` for the bounds. */
function compactSchema(schema: QueryValueSchema): Record<string, unknown> {
  const { type, enum: values, minimum, maximum, items } = schema;
  return {
    type,
    ...(values && { enum: values }),
    ...(minimum !== undefined && { min: minimum }),
    ...(maximum !== undefined && { max: maximum }),
    ...(items && { items: compactSchema(items) }),
  };
}

export function renderOperationTable(entries: OperationEntry[], facts: ApiFacts): string {
  // Every operation of the spec's paths has its entry; webhooks are not the client's to call.
  const ids = facts.webhookOperations.length
    ? `Exclude<keyof OperationTypes, ${facts.webhookOperations.map((id) => JSON.stringify(id)).join(" | ")}>`
    : "keyof OperationTypes";
  const body = entries.map((e) => `  ${e.operationId}: ${JSON.stringify(runtimeEntry(e))},`).join("\n");
  return `import type { operations as OperationTypes } from "./schema.js";

/** What a query value is checked against before sending (from the parameter's schema). */
export interface QueryParamSpec {
  readonly type: "string" | "number" | "integer" | "boolean" | "array";
  readonly enum?: readonly (string | number)[];
  /** The schema's \`minimum\` / \`maximum\`. */
  readonly min?: number;
  readonly max?: number;
  /** For arrays: what each item is checked against. */
  readonly items?: Omit<QueryParamSpec, "items" | "required" | "comma">;
  readonly required?: boolean;
  /** An array sent as one comma-separated value (\`style: form, explode: false\`). */
  readonly comma?: boolean;
}

/** How one operation is called: read by the client to build its methods. */
export interface OperationSpec {
  readonly method: "GET" | "PUT" | "POST" | "DELETE" | "OPTIONS" | "HEAD" | "PATCH" | "TRACE";
  /** The path template; its \`{name}\` segments are the path parameters. */
  readonly path: string;
  /** Property of the client the method lives on, e.g. \`agents\`. */
  readonly group: string;
  /** Name of the method within its group, e.g. \`list\`. */
  readonly name: string;
  /** Query parameters by name. */
  readonly query: { readonly [name: string]: QueryParamSpec };
  /** The JSON body, when the operation takes one: the top-level properties it must have, and whether it has a \`locationId\`. */
  readonly body?: { readonly optional?: boolean; readonly required: readonly string[]; readonly locationId?: boolean };
  /** A page-based list (\`page\`, \`pageSize\`, \`total\`): the property that holds the items. */
  readonly items?: string;
}

/** Base URL of the API: the first server of the spec. */
export const defaultBaseUrl = ${JSON.stringify(facts.defaultBaseUrl)};

/** Values the \`Version\` header accepts; the first is the client's default. */
export const apiVersions = ${JSON.stringify(facts.versions)} as const;
export type ApiVersion = (typeof apiVersions)[number];

export const operations = {
${body}
} as const satisfies Record<${ids}, OperationSpec>;

export type OperationId = keyof typeof operations;
`;
}
