/**
 * The JSON view of an OpenAPI document the generator scripts share: value types, guards, and
 * a local `$ref` resolver.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface OpenAPIDocument {
  paths: Record<string, JsonObject>;
  components?: JsonObject;
  [key: string]: Json | undefined;
}

export function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function asArray(value: Json | undefined): Json[] {
  return Array.isArray(value) ? value : [];
}

/** Follows local `$ref`s (`#/...`) until a node that is not a reference. */
export function refResolver(doc: OpenAPIDocument) {
  return (node: Json | undefined): Json | undefined => {
    let current = node;
    const seen = new Set<string>();
    while (isObject(current) && typeof current["$ref"] === "string") {
      const ref = current["$ref"];
      if (!ref.startsWith("#/") || seen.has(ref)) throw new Error(`unsupported or circular $ref ${ref}`);
      seen.add(ref);
      current = ref
        .slice(2)
        .split("/")
        .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"))
        .reduce<Json | undefined>((acc, key) => (isObject(acc) ? acc[key] : undefined), doc as Json);
      if (current === undefined) throw new Error(`unresolved $ref ${ref}`);
    }
    return current;
  };
}

/** The schema name a `{ $ref: "#/components/schemas/Name" }` points to, if it is one. */
export function schemaRefName(node: Json | undefined): string | undefined {
  const ref = isObject(node) ? node["$ref"] : undefined;
  return typeof ref === "string" && ref.startsWith("#/components/schemas/")
    ? ref.slice("#/components/schemas/".length)
    : undefined;
}

export function camelCase(text: string): string {
  const words = text.split(/[^A-Za-z0-9]+/).filter(Boolean);
  return words
    .map((w, i) => (i === 0 ? w.toLowerCase() : w[0]!.toUpperCase() + w.slice(1).toLowerCase()))
    .join("");
}

export function pascalCase(text: string): string {
  const camel = camelCase(text);
  return camel[0]!.toUpperCase() + camel.slice(1);
}
