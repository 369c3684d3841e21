/**
 * Renders generated/operation-docs.ts: what each operation says about itself in the spec (its
 * summary and description, the scopes its token needs, each parameter's description, a list's
 * item properties), for the command line's `--help`, its error messages and its CSV columns. Only the CLI reads it: the core's table
 * (operations.ts) stays as small as the client needs.
 */
import type { OperationEntry } from "./operation-table.js";
import { asArray, isObject, refResolver, type Json, type OpenAPIDocument } from "./spec-json.js";

/** The property names of a schema, through `$ref`s and `allOf`, in the spec's order. */
function propertiesOf(doc: OpenAPIDocument, schema: Json | undefined): string[] {
  const resolve = refResolver(doc);
  const node = resolve(schema);
  if (!isObject(node)) return [];
  const own = isObject(node["properties"]) ? Object.keys(node["properties"]) : [];
  const merged = asArray(node["allOf"]).flatMap((part) => propertiesOf(doc, part));
  return [...new Set([...merged, ...own])];
}

/** A list's items: the array's name in the page and the properties of one item (CSV's columns). */
function itemsOf(doc: OpenAPIDocument, entry: OperationEntry) {
  if (!entry.pagination || !entry.resultSchema) return undefined;
  const page = refResolver(doc)(isObject(doc.components) ? doc.components["schemas"] : undefined);
  const pageSchema = isObject(page) ? page[entry.resultSchema] : undefined;
  const list = propertySchema(doc, pageSchema, entry.pagination.items);
  const item = isObject(list) ? list["items"] : undefined;
  return { name: entry.pagination.items, properties: propertiesOf(doc, item) };
}

function propertySchema(doc: OpenAPIDocument, schema: Json | undefined, name: string): Json | undefined {
  const node = refResolver(doc)(schema);
  if (!isObject(node)) return undefined;
  const properties = node["properties"];
  if (isObject(properties) && properties[name] !== undefined) return refResolver(doc)(properties[name]);
  for (const part of asArray(node["allOf"])) {
    const found = propertySchema(doc, part, name);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** The scopes of the operation's security requirement (`bearerAuth: [scope]`), or the document's. */
function scopesOf(doc: OpenAPIDocument, entry: OperationEntry): string[] {
  const item = doc.paths[entry.path];
  const op = isObject(item) ? item[entry.method.toLowerCase()] : undefined;
  const security = isObject(op) && op["security"] !== undefined ? op["security"] : doc["security"];
  const scopes = new Set<string>();
  for (const requirement of asArray(security)) {
    if (!isObject(requirement)) continue;
    for (const list of Object.values(requirement)) for (const s of asArray(list)) scopes.add(String(s));
  }
  return [...scopes];
}

const oneLine = (text: string) => text.replace(/\s+/g, " ").trim();

export function renderOperationDocs(doc: OpenAPIDocument, table: OperationEntry[]): string {
  const entries = table.map((e) => {
    const parameters: Record<string, string> = {};
    for (const p of [...e.pathParams, ...e.query]) parameters[p.name] = oneLine(p.description);
    const items = itemsOf(doc, e);
    const docs = {
      summary: oneLine(e.summary),
      description: e.description,
      scopes: scopesOf(doc, e),
      parameters,
      ...(e.bodySchema && { bodySchema: e.bodySchema }),
      ...(items && { items }),
    };
    return `  ${e.operationId}: ${JSON.stringify(docs)},`;
  });
  return [
    'import type { OperationId } from "./operations.js";',
    "",
    "/** What the spec says of one operation, for people: `--help` and error messages of the CLI. */",
    "export interface OperationDocs {",
    "  readonly summary: string;",
    "  readonly description: string;",
    "  /** The OAuth scopes a token needs for it. */",
    "  readonly scopes: readonly string[];",
    "  /** The description of each path and query parameter, by name. */",
    "  readonly parameters: { readonly [name: string]: string };",
    "  /** The request body's schema in components, when it has one. */",
    "  readonly bodySchema?: string;",
    "  /** A page-based list: the array of items in a page, and the properties of one item. */",
    "  readonly items?: { readonly name: string; readonly properties: readonly string[] };",
    "}",
    "",
    "export const operationDocs: { readonly [id in OperationId]: OperationDocs } = {",
    ...entries,
    "};",
    "",
  ].join("\n");
}
