/**
 * Renders generated/operation-docs.ts: what each operation says about itself in the spec (its
 * summary and description, the scopes its token needs, each parameter's description), for the
 * command line's `--help` and its error messages. Only the CLI reads it: the core's table
 * (operations.ts) stays as small as the client needs.
 */
import type { OperationEntry } from "./operation-table.js";
import { asArray, isObject, type OpenAPIDocument } from "./spec-json.js";

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
    const docs = {
      summary: oneLine(e.summary),
      description: e.description,
      scopes: scopesOf(doc, e),
      parameters,
      ...(e.bodySchema && { bodySchema: e.bodySchema }),
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
    "}",
    "",
    "export const operationDocs: { readonly [id in OperationId]: OperationDocs } = {",
    ...entries,
    "};",
    "",
  ].join("\n");
}
