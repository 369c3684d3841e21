/**
 * A schema reduced to what a client can observe, independent of how the document is organised:
 * `$ref`s followed, `allOf` merged, `oneOf`/`anyOf` members keyed by their discriminator value
 * (not by position or schema name), `const` and single-value enums alike, 3.0 `nullable` as a
 * `null` type. Two documents that say the same thing give equal shapes.
 */
import { canonical, deref, inline, isObject, type Json, type JsonObject } from "./refs.js";

export const LOWER_LIMITS = [
  "minLength",
  "minimum",
  "exclusiveMinimum",
  "minItems",
  "minProperties",
] as const;
export const UPPER_LIMITS = [
  "maxLength",
  "maximum",
  "exclusiveMaximum",
  "maxItems",
  "maxProperties",
] as const;
export type LimitKey = (typeof LOWER_LIMITS)[number] | (typeof UPPER_LIMITS)[number];

export interface Shape {
  /** Sorted JSON types ("integer", "null", ...); undefined when the schema does not restrict it. */
  types?: string[];
  format?: string;
  /** Allowed values as canonical JSON, sorted; undefined when any value of the type is allowed. */
  enum?: string[];
  limits: Partial<Record<LimitKey, number>>;
  pattern?: string;
  description?: string;
  default?: string;
  deprecated?: boolean;
  properties: Map<string, Shape>;
  required: Set<string>;
  /** false: no other property allowed; a shape: their schema; undefined: open. */
  additionalProperties?: false | Shape;
  items?: Shape;
  /** oneOf/anyOf members, each complete (the shared part merged in), keyed "actionType=SMS". */
  variants?: Map<string, Shape>;
  /** if/then/else rules, as canonical JSON with $refs inlined. */
  conditionals: string[];
  /** A schema that contains itself: compared no deeper. */
  recursive?: true;
}

const empty = (): Shape => ({ limits: {}, properties: new Map(), required: new Set(), conditionals: [] });

function intersect(a: string[] | undefined, b: string[] | undefined): string[] | undefined {
  if (!a || !b) return a ?? b;
  return a.filter((x) => b.includes(x) || (x === "integer" && b.includes("number")));
}

/** Both shapes at once (allOf). Variants are distributed: each gets the other side merged in. */
export function merge(a: Shape, b: Shape): Shape {
  if (a.variants || b.variants) {
    const [withVariants, other] = a.variants ? [a, b] : [b, a];
    const variants = new Map<string, Shape>();
    for (const [key, member] of withVariants.variants!) variants.set(key, merge(member, other));
    const description = a.description ?? b.description;
    return { ...empty(), variants, ...(description === undefined ? {} : { description }) };
  }
  const limits = { ...a.limits };
  for (const [key, value] of Object.entries(b.limits) as [LimitKey, number][]) {
    const current = limits[key];
    const lower = (LOWER_LIMITS as readonly string[]).includes(key);
    limits[key] = current === undefined ? value : lower ? Math.max(current, value) : Math.min(current, value);
  }
  const properties = new Map(a.properties);
  for (const [name, shape] of b.properties) {
    const mine = properties.get(name);
    properties.set(name, mine ? merge(mine, shape) : shape);
  }
  const types = intersect(a.types, b.types);
  const enumValues = a.enum && b.enum ? a.enum.filter((v) => b.enum!.includes(v)) : (a.enum ?? b.enum);
  const merged: Shape = {
    ...empty(),
    limits,
    properties,
    required: new Set([...a.required, ...b.required]),
    conditionals: [...a.conditionals, ...b.conditionals].sort(),
  };
  if (types) merged.types = types;
  if (enumValues) merged.enum = enumValues;
  const optional = ["format", "pattern", "description", "default", "deprecated", "recursive"] as const;
  for (const key of optional) {
    const value = a[key] ?? b[key];
    if (value !== undefined) Object.assign(merged, { [key]: value });
  }
  const items = a.items && b.items ? merge(a.items, b.items) : (a.items ?? b.items);
  if (items) merged.items = items;
  if (a.additionalProperties === false || b.additionalProperties === false)
    merged.additionalProperties = false;
  else if (a.additionalProperties || b.additionalProperties)
    merged.additionalProperties = a.additionalProperties ?? b.additionalProperties!;
  return merged;
}

/** The key of each member: its discriminator value, else its type, else its position. */
function variantKeys(node: JsonObject, rawMembers: Json[], members: Shape[]): string[] {
  const discriminator = isObject(node.discriminator) ? node.discriminator : undefined;
  const explicit = typeof discriminator?.propertyName === "string" ? discriminator.propertyName : undefined;
  const single = (shape: Shape, name: string) => {
    const values = shape.properties.get(name)?.enum;
    return values?.length === 1 ? (JSON.parse(values[0]!) as Json) : undefined;
  };
  const candidates = explicit ? [explicit] : [...(members[0]?.properties.keys() ?? [])].sort();
  for (const name of candidates) {
    const mapping = isObject(discriminator?.mapping) ? discriminator.mapping : {};
    const keys = members.map((member, i) => {
      const value = single(member, name);
      if (value !== undefined) return `${name}=${String(value)}`;
      if (!explicit) return undefined;
      const ref = isObject(rawMembers[i]) ? rawMembers[i].$ref : undefined;
      const mapped = Object.entries(mapping).find(([, target]) => target === ref)?.[0];
      const implicit = typeof ref === "string" ? ref.split("/").pop() : undefined;
      return (mapped ?? implicit) ? `${name}=${mapped ?? implicit}` : undefined;
    });
    if (keys.every((k) => k !== undefined) && new Set(keys).size === keys.length) return keys as string[];
  }
  const byType = members.map((m) => (m.types ? m.types.join("|") : "any"));
  return byType.map((key, i) => (byType.indexOf(key) === byType.lastIndexOf(key) ? key : `${key}#${i + 1}`));
}

/** The shape of `node` in `doc`; `seen` holds the refs being expanded, against cycles. */
export function toShape(doc: Json, node: Json | undefined, seen: string[] = []): Shape {
  if (node === undefined || node === true) return empty();
  const { node: schema, refs } = deref(doc, node);
  if (refs.some((r) => seen.includes(r))) return { ...empty(), recursive: true };
  if (!isObject(schema)) return empty();
  const stack = [...seen, ...refs];
  const sub = (n: Json | undefined) => toShape(doc, n, stack);
  const own = empty();
  let types = typeof schema.type === "string" ? [schema.type] : Array.isArray(schema.type) ? schema.type : [];
  if (schema.nullable === true) types = [...types, "null"];
  if (types.length) own.types = [...new Set(types.map(String))].sort();
  if ("const" in schema) own.enum = [canonical(schema.const)];
  else if (Array.isArray(schema.enum)) own.enum = [...new Set(schema.enum.map(canonical))].sort();
  for (const key of [...LOWER_LIMITS, ...UPPER_LIMITS]) {
    const value = schema[key];
    if (typeof value === "number") own.limits[key] = value;
  }
  for (const [flag, bound] of [
    ["exclusiveMinimum", "minimum"],
    ["exclusiveMaximum", "maximum"],
  ] as const) {
    if (schema[flag] === true && typeof schema[bound] === "number") {
      own.limits[flag] = schema[bound];
      delete own.limits[bound];
    }
  }
  for (const key of ["format", "pattern", "description"] as const) {
    const value = schema[key];
    if (typeof value === "string") own[key] = value;
  }
  if ("default" in schema) own.default = canonical(schema.default);
  if (schema.deprecated === true) own.deprecated = true;
  if (isObject(schema.properties)) {
    for (const [name, property] of Object.entries(schema.properties)) own.properties.set(name, sub(property));
  }
  if (Array.isArray(schema.required)) own.required = new Set(schema.required.map(String));
  if (schema.additionalProperties === false) own.additionalProperties = false;
  else if (isObject(schema.additionalProperties)) own.additionalProperties = sub(schema.additionalProperties);
  if ("items" in schema) own.items = sub(schema.items);
  if (!own.types && (own.properties.size || own.additionalProperties !== undefined)) own.types = ["object"];
  if (!own.types && own.items) own.types = ["array"];
  if (schema.if !== undefined) {
    own.conditionals.push(
      canonical(inline(doc, { if: schema.if, then: schema.then ?? {}, else: schema.else ?? {} }, stack)),
    );
  }

  let shape = own;
  for (const member of Array.isArray(schema.allOf) ? schema.allOf : []) shape = merge(shape, sub(member));
  const alternatives = Array.isArray(schema.oneOf)
    ? schema.oneOf
    : Array.isArray(schema.anyOf)
      ? schema.anyOf
      : [];
  if (alternatives.length > 0) {
    const { description, ...base } = shape;
    const members = alternatives.map((member) => merge(sub(member), base));
    const keys = variantKeys(schema, alternatives, members);
    shape = { ...empty(), variants: new Map(keys.map((key, i) => [key, members[i]!])) };
    if (description !== undefined) shape.description = description;
  }
  return shape;
}
