/**
 * Helpers of the spec:diff tests: the base fixture, one-line access into a parsed document, and
 * a reorganisation that keeps a document's meaning while changing every detail of its layout.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { diffDocuments } from "../scripts/spec-diff/diff.js";
import { parseDocument } from "../scripts/spec-diff/parse.js";
import { isObject, pointer, type Json, type JsonObject } from "../scripts/spec-diff/refs.js";
import type { DiffResult } from "../scripts/spec-diff/report.js";

export const root = path.resolve(import.meta.dirname, "..");
export const BASE = path.join(root, "test/fixtures/spec-diff/base.yaml");
export const WEBHOOKS = path.join(root, "test/fixtures/spec-diff/webhooks.yaml");
export const OURS = path.join(root, "openapi/voice-ai.yaml");

export function load(file: string): JsonObject {
  const doc = parseDocument(readFileSync(file, "utf8"), file);
  if (!isObject(doc)) throw new Error(`${file} is not an object`);
  return doc;
}

/** The object reached through `keys` ("components", "schemas", "Pet"), to change it in place. */
export function at(doc: Json, ...keys: string[]): JsonObject {
  let node: Json | undefined = doc;
  for (const key of keys)
    node = isObject(node) ? node[key] : Array.isArray(node) ? node[Number(key)] : undefined;
  if (!isObject(node)) throw new Error(`${keys.join(" › ")} is not an object`);
  return node;
}

export const diff = (old: Json, now: Json): DiffResult =>
  diffDocuments({ label: "old", doc: old }, { label: "new", doc: now });

/** Every change, each with where it is: "POST /pets", or "webhook POST CallEnded". */
export const changesOf = (result: DiffResult) => [
  ...result.operations.flatMap((o) => o.changes.map((c) => ({ operation: `${o.method} ${o.path}`, ...c }))),
  ...result.webhooks.flatMap((w) =>
    w.changes.map((c) => ({ operation: `webhook ${w.method} ${w.name}`, ...c })),
  ),
];

/** Every $ref replaced by a copy of what it points to (the document has no cycles). */
export function inlineRefs(doc: Json, node: Json = doc): Json {
  if (Array.isArray(node)) return node.map((n) => inlineRefs(doc, n));
  if (!isObject(node)) return node;
  if (typeof node.$ref === "string") {
    // Keys beside a $ref (3.1: a default, a description) add to or override its target's.
    const { $ref, ...siblings } = node;
    const target = inlineRefs(doc, pointer(doc, $ref));
    return isObject(target) ? { ...target, ...(inlineRefs(doc, siblings) as JsonObject) } : target;
  }
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, inlineRefs(doc, v)]));
}

/** Keys in reverse order, and arrays whose order carries no meaning reversed too. */
export function reorder(node: Json, key = ""): Json {
  if (Array.isArray(node)) {
    const items = node.map((n) => reorder(n));
    return ["oneOf", "anyOf", "allOf", "required", "enum", "parameters", "tags"].includes(key)
      ? items.reverse()
      : items;
  }
  if (!isObject(node)) return node;
  return Object.fromEntries(
    Object.entries(node)
      .reverse()
      .map(([k, v]) => [k, key === "examples" || key === "example" ? v : reorder(v, k)]),
  );
}

/**
 * The same API told differently: every $ref inlined, the component schemas renamed (the
 * discriminator mappings follow), every key and unordered list in reverse order.
 */
export function reorganise(doc: JsonObject): JsonObject {
  const inlined = inlineRefs(doc) as JsonObject;
  const schemas = at(inlined, "components", "schemas");
  const renamed = Object.fromEntries(Object.entries(schemas).map(([name, s]) => [`Renamed${name}`, s]));
  inlined.components = { ...at(inlined, "components"), schemas: renamed };
  const retarget = (node: Json): Json => {
    if (Array.isArray(node)) return node.map(retarget);
    if (!isObject(node)) return node;
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(node)) {
      out[k] =
        typeof v === "string" && v.startsWith("#/components/schemas/")
          ? v.replace("schemas/", "schemas/Renamed")
          : retarget(v);
    }
    return out;
  };
  return reorder(retarget(inlined)) as JsonObject;
}
