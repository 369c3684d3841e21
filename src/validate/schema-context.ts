/**
 * What every schema check shares: the schemas `$ref`s point into, whether unknown properties are
 * reported, and the shape of one violation.
 */
import type { JsonSchema } from "./table.js";

export interface Violation {
  /** Where: `body.agentName`, `query.pageSize`, `header.Version`, `path.agentId`. */
  path: string;
  /** What the value must be: `at most 40 characters`, `required`, `unknown field`. */
  rule: string;
}

export interface SchemaContext {
  schemas: Readonly<Record<string, JsonSchema>>;
  /** Report object properties no schema declares (like `unevaluatedProperties: false`). */
  rejectUnknown: boolean;
  /**
   * Check only what the generated types say: types, required properties, enums and constants,
   * unions; not lengths, patterns, formats, bounds, item counts or if/then rules. For data a
   * server sent (webhook bodies), which is refused only where its type would lie.
   */
  typesOnly?: boolean;
}

export const has = (o: object, key: string) => Object.prototype.hasOwnProperty.call(o, key);

export function resolve(ctx: SchemaContext, schema: JsonSchema): JsonSchema {
  if (schema.$ref === undefined) return schema;
  const target = ctx.schemas[schema.$ref];
  if (!target || !has(ctx.schemas, schema.$ref)) throw new Error(`unknown schema ${schema.$ref}`);
  return target;
}
