/**
 * The shape of generated/validation.ts: the spec's JSON schemas and, per operation, what its
 * requests and responses must look like. Produced by scripts/validation-table.ts.
 */

/** The subset of JSON Schema (2020-12, as OpenAPI 3.1 uses it) that the spec uses. */
export interface JsonSchema {
  /** The name of a schema in `ValidationTable.schemas`. */
  $ref?: string;
  type?: string | readonly string[];
  enum?: readonly unknown[];
  const?: unknown;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  items?: JsonSchema;
  required?: readonly string[];
  properties?: Readonly<Record<string, JsonSchema>>;
  additionalProperties?: boolean | JsonSchema;
  oneOf?: readonly JsonSchema[];
  anyOf?: readonly JsonSchema[];
  allOf?: readonly JsonSchema[];
  if?: JsonSchema;
  then?: JsonSchema;
  else?: JsonSchema;
  format?: string;
  default?: unknown;
  /** OpenAPI's discriminator, its mapping values shortened to schema names. */
  discriminator?: { propertyName: string | null; mapping: Readonly<Record<string, string>> };
}

export interface ParameterRule {
  name: string;
  in: string;
  required: boolean;
  /** An array sent as one comma-separated value. */
  commaSeparated?: boolean;
  schema: JsonSchema;
}

export interface OperationRules {
  method: string;
  path: string;
  parameters: readonly ParameterRule[];
  body?: { required: boolean; schema: JsonSchema | null };
  /** By status ("200", "4XX", ...): the JSON schema of the body, null when there is none. */
  responses: Readonly<Record<string, JsonSchema | null>>;
}

export interface ValidationTable {
  schemas: Readonly<Record<string, JsonSchema>>;
  operations: Readonly<Record<string, OperationRules>>;
}
