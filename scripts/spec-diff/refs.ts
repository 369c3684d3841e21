/**
 * `$ref` resolution inside one document (`#/components/...`). References to other files were
 * already rewritten by bundle.ts into pointers under FILES of the root document.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export const isObject = (value: unknown): value is JsonObject =>
  typeof value === "object" && value !== null && !Array.isArray(value);

export class SpecError extends Error {
  override name = "SpecError";
}

/** Where bundle.ts keeps the other files of a document: `#/x-spec-diff-files/<file>/...`. */
export const FILES = "x-spec-diff-files";

/** One JSON-pointer token for `key` (RFC 6901, and `%` kept as `pointer` URI-decodes tokens). */
export const token = (key: string) => key.replace(/~/g, "~0").replace(/\//g, "~1").replace(/%/g, "%25");

function untoken(raw: string, ref: string): string {
  let key: string;
  try {
    key = decodeURIComponent(raw);
  } catch {
    throw new SpecError(`$ref ${JSON.stringify(ref)} has a malformed %-escape`);
  }
  return key.replace(/~1/g, "/").replace(/~0/g, "~");
}

/** A ref for messages, quoted: a pointer into FILES shown as `"<file>#/..."`, as its author meant it. */
export function shownRef(ref: string): string {
  const prefix = `#/${FILES}/`;
  if (!ref.startsWith(prefix)) return JSON.stringify(ref);
  const [file = "", ...rest] = ref.slice(prefix.length).split("/");
  const name = untoken(file, file);
  return JSON.stringify(rest.length ? `${name}#/${rest.join("/")}` : name);
}

/** The value a JSON pointer (`#/a/b~1c`) names in `doc`. */
export function pointer(doc: Json, ref: string): Json {
  if (!ref.startsWith("#")) {
    throw new SpecError(`$ref ${JSON.stringify(ref)} names another file: read documents with loadSpec`);
  }
  if (ref !== "#" && !ref.startsWith("#/")) {
    throw new SpecError(`$ref ${JSON.stringify(ref)}: only JSON-pointer fragments (#/...) are followed`);
  }
  let node: Json = doc;
  for (const raw of ref.slice(1).split("/").slice(1)) {
    const key = untoken(raw, ref);
    const next: Json | undefined = Array.isArray(node)
      ? node[Number(key)]
      : isObject(node) && Object.hasOwn(node, key)
        ? node[key]
        : undefined;
    if (next === undefined) throw new SpecError(`$ref ${shownRef(ref)} points to nothing`);
    node = next;
  }
  return node;
}

/**
 * Follows `$ref`s until a node that is not one. Sibling keys of a `$ref` (allowed in 3.1, e.g. a
 * description) override the target's. Returns the refs followed, for cycle detection.
 */
export function deref(doc: Json, node: Json): { node: Json; refs: string[] } {
  const refs: string[] = [];
  let current = node;
  while (isObject(current) && typeof current.$ref === "string") {
    const ref = current.$ref;
    if (refs.includes(ref)) {
      throw new SpecError(`$ref cycle: ${[...refs, ref].map(shownRef).join(" → ")}`);
    }
    refs.push(ref);
    const { $ref: _ref, ...siblings } = current;
    const target = pointer(doc, ref);
    current = isObject(target) ? { ...target, ...siblings } : target;
  }
  return { node: current, refs };
}

/** JSON with sorted keys, so that key order never counts as a difference. */
export function canonical(value: Json | undefined): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (isObject(value)) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

/** Expands every $ref of a subtree, leaving out prose (for conditionals, compared as a whole). */
export function inline(doc: Json, node: Json, seen: string[]): Json {
  const { node: target, refs } = deref(doc, node);
  if (refs.some((r) => seen.includes(r))) return { recursive: true };
  const stack = [...seen, ...refs];
  if (Array.isArray(target)) return target.map((n) => inline(doc, n, stack));
  if (!isObject(target)) return target;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(target)) {
    if (key !== "description" && key !== "example" && key !== "examples")
      out[key] = inline(doc, value, stack);
  }
  return out;
}
