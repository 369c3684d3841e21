/**
 * Which property names a schema declares for an object: across allOf, the oneOf branch its
 * discriminator picks, if/then/else. What "unknown field" is judged against (like JSON Schema's
 * `unevaluatedProperties: false`, which the spec cannot use with its allOf compositions).
 */
import { resolve, type SchemaContext } from "./schema-context.js";
import type { JsonSchema } from "./table.js";

const tagsOf = new WeakMap<object, string[]>();
/** The discriminator property names the schemas use. */
function tagNames(ctx: SchemaContext): string[] {
  let tags = tagsOf.get(ctx.schemas);
  if (!tags) {
    const names = Object.values(ctx.schemas).map((s) => s.discriminator?.propertyName);
    tagsOf.set(ctx.schemas, (tags = [...new Set(names.filter((n): n is string => !!n))]));
  }
  return tags;
}

// By schema, then by the value's discriminator tags (the only part of the value the answer depends on).
const knownCache = new WeakMap<JsonSchema, Map<string, Set<string> | undefined>>();
export function cachedKnownProperties(
  ctx: SchemaContext,
  schema: JsonSchema,
  value: Record<string, unknown>,
) {
  let bySchema = knownCache.get(schema);
  if (!bySchema) knownCache.set(schema, (bySchema = new Map()));
  const key = tagNames(ctx)
    .map((tag) => (typeof value[tag] === "string" ? value[tag] : ""))
    .join("\n");
  if (bySchema.has(key)) return bySchema.get(key);
  const known = knownProperties(ctx, schema, value, new Set());
  bySchema.set(key, known);
  return known;
}

/**
 * The property names the schema declares for this object (across allOf, the chosen oneOf
 * branch, if/then/else), or undefined when any property is allowed.
 */
function knownProperties(
  ctx: SchemaContext,
  input: JsonSchema,
  value: Record<string, unknown>,
  seen: Set<JsonSchema>,
): Set<string> | undefined {
  const s = resolve(ctx, input);
  if (seen.has(s)) return new Set();
  seen.add(s);
  if (s.additionalProperties !== undefined && s.additionalProperties !== false) return undefined;
  const known = new Set(Object.keys(s.properties ?? {}));
  let members = [...(s.allOf ?? []), ...[s.if, s.then, s.else].filter((m) => m !== undefined)];
  const tag = s.discriminator?.propertyName;
  const chosen = tag && typeof value[tag] === "string" ? s.discriminator!.mapping[value[tag]] : undefined;
  if (chosen) members.push({ $ref: chosen });
  else members = [...members, ...(s.oneOf ?? []), ...(s.anyOf ?? [])];
  for (const member of members) {
    const more = knownProperties(ctx, member, value, seen);
    if (!more) return undefined;
    for (const name of more) known.add(name);
  }
  return known;
}
