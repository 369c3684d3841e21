/**
 * Reads, from the spec, what a request or response of each operation must look like, and
 * renders it as generated/validation.ts: the JSON schemas (components.schemas, with `$ref`s
 * shortened to the schema's name and docs-only keywords dropped), and per operation its
 * parameters with their schemas, its request body and its response schemas. The validators of
 * src/validate/ (used by `highlevel-voice-ai/validate` and by the fake of
 * `highlevel-voice-ai/testing`) read this table: the same schemas as the spec, not a copy.
 */
import type { OpenAPIDocument } from "./operation-table.js";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** Keywords the validator implements; a spec that uses another one fails generation. */
const KEPT = new Set([
  "type",
  "enum",
  "const",
  "minLength",
  "maxLength",
  "pattern",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "minItems",
  "maxItems",
  "items",
  "required",
  "properties",
  "additionalProperties",
  "oneOf",
  "anyOf",
  "allOf",
  "if",
  "then",
  "else",
  "format",
  "default",
  "discriminator",
  "$ref",
]);
/** Keywords that only document. */
const DROPPED = new Set(["description", "example", "examples", "title", "summary", "deprecated"]);
const FORMATS = new Set(["date-time", "email"]);
const SCHEMA_REF = "#/components/schemas/";

const isObject = (value: Json | undefined): value is JsonObject =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** A schema with `$ref`s to components.schemas shortened to the name, docs keywords dropped. */
export function compact(node: Json, where: string): Json {
  if (!isObject(node)) throw new Error(`${where}: a schema must be an object`);
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (DROPPED.has(key) || key.startsWith("x-")) continue;
    if (!KEPT.has(key)) throw new Error(`${where}: the validator does not implement "${key}"`);
    const at = `${where}.${key}`;
    if (key === "$ref") out.$ref = refName(value, at);
    else if (key === "format" && !FORMATS.has(String(value)))
      throw new Error(`${at}: the validator does not implement format "${String(value)}"`);
    else if (key === "properties" && isObject(value))
      out.properties = Object.fromEntries(
        Object.entries(value).map(([name, schema]) => [name, compact(schema, `${at}.${name}`)]),
      );
    else if (
      ["items", "if", "then", "else"].includes(key) ||
      (key === "additionalProperties" && isObject(value))
    )
      out[key] = compact(value, at);
    else if (["oneOf", "anyOf", "allOf"].includes(key) && Array.isArray(value))
      out[key] = value.map((member, i) => compact(member, `${at}[${i}]`));
    else if (key === "discriminator" && isObject(value))
      out.discriminator = {
        propertyName: value.propertyName ?? null,
        mapping: Object.fromEntries(
          Object.entries(isObject(value.mapping) ? value.mapping : {}).map(([tag, ref]) => [
            tag,
            refName(ref, `${at}.mapping.${tag}`),
          ]),
        ),
      };
    else out[key] = value;
  }
  return out;
}

function refName(ref: Json | undefined, where: string): string {
  if (typeof ref !== "string" || !ref.startsWith(SCHEMA_REF))
    throw new Error(`${where}: only $refs to ${SCHEMA_REF}* can be validated, got ${JSON.stringify(ref)}`);
  return ref.slice(SCHEMA_REF.length);
}

export interface ValidationTableSource {
  schemas: Record<string, Json>;
  operations: Record<string, Json>;
}

export function buildValidationTable(doc: OpenAPIDocument): ValidationTableSource {
  const components = isObject(doc.components) ? doc.components : {};
  const resolve = (node: Json | undefined, kind: string): JsonObject => {
    if (isObject(node) && typeof node.$ref === "string") {
      const [, , section, name] = node.$ref.split("/");
      const section_ = section === kind ? components[kind] : undefined;
      const target = isObject(section_) ? section_[name!] : undefined;
      if (!isObject(target)) throw new Error(`unresolved $ref ${node.$ref}`);
      return target;
    }
    if (!isObject(node)) throw new Error(`expected an object in ${kind}`);
    return node;
  };
  const jsonSchemaOf = (content: Json | undefined, where: string): Json => {
    const json = isObject(content) ? content["application/json"] : undefined;
    return isObject(json) && json.schema !== undefined ? compact(json.schema, where) : null;
  };

  const schemas: Record<string, Json> = {};
  const declared = isObject(components.schemas) ? components.schemas : {};
  for (const name of Object.keys(declared).sort()) schemas[name] = compact(declared[name]!, name);

  const operations: Record<string, Json> = {};
  for (const [path, item] of Object.entries(doc.paths)) {
    const shared = Array.isArray(item.parameters) ? item.parameters : [];
    for (const [method, op] of Object.entries(item)) {
      if (!isObject(op) || typeof op.operationId !== "string") continue;
      const id = op.operationId;
      const own = Array.isArray(op.parameters) ? op.parameters : [];
      const parameters = [...shared, ...own].map((p, i) => {
        const param = resolve(p, "parameters");
        const schema = compact(param.schema ?? {}, `${id}.parameters[${i}]`);
        const entry: JsonObject = { name: param.name ?? "", in: param.in ?? "", required: !!param.required };
        // Arrays in the query with style form, explode false travel as one comma-separated value.
        if (param.in === "query" && param.explode === false) entry.commaSeparated = true;
        entry.schema = schema;
        return entry;
      });
      const entry: JsonObject = { method: method.toUpperCase(), path, parameters };
      if (op.requestBody !== undefined) {
        const body = resolve(op.requestBody, "requestBodies");
        entry.body = { required: !!body.required, schema: jsonSchemaOf(body.content, `${id}.requestBody`) };
      }
      const responses: JsonObject = {};
      for (const [status, response] of Object.entries(isObject(op.responses) ? op.responses : {})) {
        responses[status] = jsonSchemaOf(resolve(response, "responses").content, `${id}.${status}`);
      }
      entry.responses = responses;
      operations[id] = entry;
    }
  }
  return {
    schemas,
    operations: Object.fromEntries(Object.entries(operations).sort(([a], [b]) => a.localeCompare(b))),
  };
}

export function renderValidationTable(table: ValidationTableSource): string {
  return `import type { ValidationTable } from "../src/validate/table.js";

/** Every schema of components.schemas; \`$ref\` names one of them. */
export const validationTable: ValidationTable = {
  schemas: ${JSON.stringify(table.schemas)},
  operations: ${JSON.stringify(table.operations)},
};
`;
}
