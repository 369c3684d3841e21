/**
 * Checks one request of an operation against the spec: its path, query and header parameters,
 * its body (unknown fields included) and the rules the spec states in prose (rules.ts).
 */
import { validationTable } from "../../generated/validation.js";
import { crossFieldViolations, type AgentFacts } from "./rules.js";
import { validateValue } from "./schema.js";
import type { SchemaContext, Violation } from "./schema-context.js";
import type { JsonSchema, OperationRules, ParameterRule } from "./table.js";

export interface RequestParts {
  path?: Record<string, unknown>;
  query?: Record<string, unknown>;
  /** Header values by name, any case. */
  headers?: Record<string, unknown>;
  body?: unknown;
}

export interface RequestCheckOptions {
  /** Parameters (`query.locationId`, `body.locationId`) someone else fills in when absent. */
  suppliedLater?: readonly string[];
  /** Skip the header parameters (the client sets `Version` itself). */
  skipHeaders?: boolean;
  /** The stored agent a patch applies to, for the translation rules. */
  agent?: AgentFacts | undefined;
}

const requestContext: SchemaContext = { schemas: validationTable.schemas, rejectUnknown: true };
const has = (o: object, key: string) => Object.prototype.hasOwnProperty.call(o, key);

export function operationRules(operationId: string): OperationRules | undefined {
  return has(validationTable.operations, operationId) ? validationTable.operations[operationId] : undefined;
}

/** Every violation of the spec in the request, in the order path, query, headers, body. */
export function validateRequest(
  operationId: string,
  parts: RequestParts,
  options: RequestCheckOptions = {},
): Violation[] {
  const rules = operationRules(operationId);
  if (!rules) return [{ path: "operation", rule: `unknown operation ${operationId}` }];
  const out: Violation[] = [];
  const supplied = new Set(options.suppliedLater ?? []);
  const headers = lowerCaseKeys(parts.headers ?? {});
  for (const where of ["path", "query", "header"] as const) {
    if (where === "header" && options.skipHeaders) continue;
    const declared = rules.parameters.filter((p) => p.in === where);
    const given: Record<string, unknown> =
      where === "header" ? headers : ((where === "path" ? parts.path : parts.query) ?? {});
    for (const param of declared) {
      const key = where === "header" ? param.name.toLowerCase() : param.name;
      const value = has(given, key) ? given[key] : undefined;
      const name = `${where}.${param.name}`;
      if (value === undefined) {
        if (param.required && !supplied.has(name)) out.push({ path: name, rule: "required" });
      } else validateValue(requestContext, param.schema, value, name, out);
    }
    if (where === "header") continue;
    const names = new Set(declared.map((p) => p.name));
    for (const key of Object.keys(given))
      if (!names.has(key) && given[key] !== undefined)
        out.push({ path: `${where}.${key}`, rule: "unknown parameter" });
  }
  if (rules.body?.schema) {
    const { body } = parts;
    if (body === undefined || body === null) {
      if (rules.body.required) out.push({ path: "body", rule: "required" });
    } else {
      let checked = body;
      // A field someone else fills in is given a stand-in, so that only its absence is excused.
      for (const name of supplied) {
        const field = name.startsWith("body.") ? name.slice(5) : undefined;
        if (field && isRecord(checked) && checked[field] === undefined) checked = { ...checked, [field]: "" };
      }
      validateValue(requestContext, rules.body.schema, checked, "body", out);
    }
  }
  out.push(...crossFieldViolations(operationId, parts, options.agent));
  // Branches of an allOf may break the same rule at the same place: say it once.
  const seen = new Set<string>();
  return out.filter((v) => !seen.has(`${v.path}\n${v.rule}`) && !!seen.add(`${v.path}\n${v.rule}`));
}

/** Reads a query value as the parameter's schema types it: numbers, comma-separated lists. */
export function parseQueryValue(param: ParameterRule, raw: string): unknown {
  const schema = resolve(param.schema);
  if (schema.type === "array") {
    const items = raw.split(",");
    return schema.items ? items.map((item) => parseScalar(resolve(schema.items!), item)) : items;
  }
  return parseScalar(schema, raw);
}

function parseScalar(schema: JsonSchema, raw: string): unknown {
  if ((schema.type === "number" || schema.type === "integer") && /^-?\d+(\.\d+)?$/.test(raw))
    return Number(raw);
  if (schema.type === "boolean" && (raw === "true" || raw === "false")) return raw === "true";
  return raw;
}

function resolve(schema: JsonSchema): JsonSchema {
  return schema.$ref !== undefined ? (validationTable.schemas[schema.$ref] ?? schema) : schema;
}

function lowerCaseKeys(record: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(record)) out[key.toLowerCase()] = record[key];
  return out;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `body.agentName: at most 40 characters`, one per line. */
export function formatViolations(violations: readonly Violation[]): string {
  return violations.map((v) => `${v.path}: ${v.rule}`).join("\n");
}
