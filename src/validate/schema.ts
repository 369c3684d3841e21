/**
 * A validator for the subset of JSON Schema the spec uses (see table.ts). It collects every
 * violation, each named by where it is (`body.agentWorkingHours[0].intervals[0].endHour`) and the
 * rule it breaks (`at most 23`), and never quotes the value itself: a rejected value may be a
 * secret (a custom action's `authenticationValue`).
 */
import { cachedKnownProperties } from "./known-properties.js";
import { TYPE_RULE, checkNumber, checkString, isObject, plural, typeOk } from "./scalar-checks.js";
import type { JsonSchema } from "./table.js";
import { has, resolve, type SchemaContext, type Violation } from "./schema-context.js";

type Out = Violation[];

/** Checks `value` (at `path`) against `schema`, including unknown properties when asked. */
export function validateValue(
  ctx: SchemaContext,
  schema: JsonSchema,
  value: unknown,
  path: string,
  out: Out,
) {
  check(ctx, schema, value, path, out);
  if (ctx.rejectUnknown && isObject(value)) {
    const known = cachedKnownProperties(ctx, schema, value);
    // A schema that declares no property at all says nothing about the object's keys.
    if (known && known.size > 0)
      for (const key of Object.keys(value)) if (!known.has(key)) out.push(at(path, key, "unknown field"));
  }
}

/** Every violation of `schema` by `value`, as a new list. */
export function violationsOf(
  ctx: SchemaContext,
  schema: JsonSchema,
  value: unknown,
  path: string,
): Violation[] {
  const out: Violation[] = [];
  validateValue(ctx, schema, value, path, out);
  return out;
}

function at(path: string, key: string, rule: string): Violation {
  return { path: path ? `${path}.${key}` : key, rule };
}

function check(ctx: SchemaContext, input: JsonSchema, value: unknown, path: string, out: Out): void {
  const s = resolve(ctx, input);
  if (s.type !== undefined) {
    const types = typeof s.type === "string" ? [s.type] : s.type;
    if (!types.some((t) => typeOk(t, value))) {
      out.push({ path, rule: types.map((t) => TYPE_RULE[t] ?? `must be ${t}`).join(" or ") });
      return;
    }
  }
  if (s.enum && !s.enum.some((e) => e === value)) out.push({ path, rule: `one of ${s.enum.join(", ")}` });
  if (has(s, "const") && s.const !== value) out.push({ path, rule: `must be ${JSON.stringify(s.const)}` });
  const values = !ctx.typesOnly;
  if (typeof value === "string" && values) checkString(s, value, path, out);
  if (typeof value === "number" && values) checkNumber(s, value, path, out);
  if (Array.isArray(value)) {
    if (values && s.minItems !== undefined && value.length < s.minItems)
      out.push({ path, rule: `at least ${plural(s.minItems, "item")}` });
    if (values && s.maxItems !== undefined && value.length > s.maxItems)
      out.push({ path, rule: s.maxItems === 0 ? "must be empty" : `at most ${plural(s.maxItems, "item")}` });
    if (s.items) value.forEach((item, i) => validateValue(ctx, s.items!, item, `${path}[${i}]`, out));
  }
  if (isObject(value)) checkObject(ctx, s, value, path, out);
  for (const member of s.allOf ?? []) check(ctx, member, value, path, out);
  if (s.oneOf || s.anyOf) checkUnion(ctx, s, value, path, out);
  if (s.if && values) {
    const branch = passes(ctx, s.if, value, path) ? s.then : s.else;
    if (branch) check(ctx, branch, value, path, out);
  }
}

function checkObject(
  ctx: SchemaContext,
  s: JsonSchema,
  value: Record<string, unknown>,
  path: string,
  out: Out,
) {
  for (const name of s.required ?? [])
    if (!has(value, name) || value[name] === undefined) out.push(at(path, name, "required"));
  const properties = s.properties ?? {};
  for (const key of Object.keys(value)) {
    if (value[key] === undefined) continue; // absent, as JSON would send it
    if (has(properties, key)) validateValue(ctx, properties[key]!, value[key], `${path}.${key}`, out);
    else if (s.additionalProperties === false) out.push(at(path, key, "unknown field"));
    else if (isObject(s.additionalProperties))
      validateValue(ctx, s.additionalProperties, value[key], `${path}.${key}`, out);
  }
}

function checkUnion(ctx: SchemaContext, s: JsonSchema, value: unknown, path: string, out: Out) {
  const members = (s.oneOf ?? s.anyOf)!;
  const tag = s.discriminator?.propertyName;
  if (tag && isObject(value)) {
    const mapping = s.discriminator!.mapping;
    const chosen =
      typeof value[tag] === "string" && has(mapping, value[tag]) ? mapping[value[tag]] : undefined;
    if (chosen) return check(ctx, { $ref: chosen }, value, path, out);
    out.push(
      at(path, tag, value[tag] === undefined ? "required" : `one of ${Object.keys(mapping).join(", ")}`),
    );
    return;
  }
  const matching = members.filter((m) => passes(ctx, m, value, path)).length;
  if (s.oneOf ? matching !== 1 : matching === 0)
    out.push({ path, rule: `must match ${s.oneOf ? "exactly" : "at least"} one of ${members.length} forms` });
}

const lenientOf = new WeakMap<SchemaContext, SchemaContext>();
function lenient(ctx: SchemaContext): SchemaContext {
  let found = lenientOf.get(ctx);
  if (!found) lenientOf.set(ctx, (found = { ...ctx, rejectUnknown: false }));
  return found;
}

/** Whether the value matches (for if and unions): by the schema's rules, unknown fields aside. */
function passes(ctx: SchemaContext, schema: JsonSchema, value: unknown, path: string): boolean {
  const out: Out = [];
  check(ctx.rejectUnknown ? lenient(ctx) : ctx, schema, value, path, out);
  return out.length === 0;
}
