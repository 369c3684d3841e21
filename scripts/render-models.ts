/**
 * Renders generated/models.ts: a named type for every schema of the spec that carries
 * `x-sdk-name`, so that users can name the shapes they pass around (`Agent`, `SmsAction`,
 * `ActionRequest`, ...) and hovers show those names instead of expanded object literals.
 *
 *   object / allOf schema   -> `export interface Name extends Schema<"Key"> {}`
 *   oneOf of named schemas  -> `export type Name = MemberA | MemberB | ...`
 *   enum / primitive        -> `export type Name = Schema<"Key">`
 * where `Schema<"Key">` is `components["schemas"]["Key"]` of generated/schema.ts.
 *
 * A property whose schema is (an array of) a named schema is re-declared with that name
 * (`actions: Action[]`, `language: Language`), so that hovers on properties stay short too.
 *
 * A request body whose `locationId` the client can fill in from its default (and each member
 * of such a union) gets `locationId` optional: the method types of a client without a default
 * require it again (see `WithLocation` in src/client/call-types.ts).
 */
import type { OperationEntry } from "./operation-table.js";
import {
  asArray,
  isObject,
  refResolver,
  schemaRefName,
  type Json,
  type JsonObject,
  type OpenAPIDocument,
} from "./spec-json.js";

export interface ModelNames {
  /** The exported name of a schema (by its key in components.schemas), when it has one. */
  byKey: Map<string, string>;
}

/** Reads `x-sdk-name` of every schema; names must be identifiers and unique. */
export function readModelNames(doc: OpenAPIDocument): ModelNames {
  const byKey = new Map<string, string>();
  const taken = new Map<string, string>();
  for (const [key, schema] of Object.entries(schemasOf(doc))) {
    const name = isObject(schema) ? schema["x-sdk-name"] : undefined;
    if (name === undefined) continue;
    if (typeof name !== "string" || !/^[A-Z][A-Za-z0-9]*$/.test(name))
      throw new Error(`schema ${key}: x-sdk-name must be a PascalCase identifier`);
    const clash = taken.get(name);
    if (clash) throw new Error(`schemas ${clash} and ${key} both have x-sdk-name ${name}`);
    taken.set(name, key);
    byKey.set(key, name);
  }
  return { byKey };
}

/** The exported name of a schema the client's methods use; an unnamed one is an error. */
export function modelName(names: ModelNames, key: string, usedBy: string): string {
  const name = names.byKey.get(key);
  if (!name) throw new Error(`${usedBy} uses schema ${key}, which has no x-sdk-name`);
  return name;
}

export function renderModels(doc: OpenAPIDocument, table: OperationEntry[], names: ModelNames): string {
  const schemas = schemasOf(doc);
  const resolve = refResolver(doc);
  /** The named type of a property's schema (or of its array items), if it has one. */
  const namedType = (node: Json | undefined): string | undefined => {
    const direct = names.byKey.get(schemaRefName(node) ?? "");
    if (direct) return direct;
    const items =
      isObject(node) && node["type"] === "array" ? names.byKey.get(schemaRefName(node["items"]) ?? "") : "";
    return items ? `${items}[]` : undefined;
  };
  /** Properties (own and through allOf) typed by named schemas, as re-declarations by name. */
  const namedProperties = (schema: JsonObject): Map<string, string> => {
    const found = new Map<string, string>();
    const required = new Set<string>();
    const walk = (node: Json | undefined) => {
      const s = resolve(node);
      if (!isObject(s)) return;
      for (const r of asArray(s["required"])) if (typeof r === "string") required.add(r);
      for (const [prop, propSchema] of Object.entries(isObject(s["properties"]) ? s["properties"] : {})) {
        const type = namedType(propSchema);
        if (!type) continue;
        const own =
          isObject(propSchema) && typeof propSchema["description"] === "string"
            ? propSchema["description"]
            : "";
        const referenced = resolve(propSchema);
        const text =
          own ||
          (isObject(referenced) && typeof referenced["description"] === "string"
            ? referenced["description"]
            : "");
        found.set(prop, `  ${jsDoc(text.trim(), "  ")}${prop}%OPTIONAL%: ${type};`);
      }
      asArray(s["allOf"]).forEach(walk);
    };
    walk(schema);
    for (const [prop, line] of found)
      found.set(prop, line.replace("%OPTIONAL%", required.has(prop) ? "" : "?"));
    return found;
  };
  // Bodies whose locationId the client fills in, and the members of such unions.
  const locationDefaultable = new Set<string>();
  for (const e of table) {
    if (!e.bodyLocationId || !e.bodySchema) continue;
    locationDefaultable.add(e.bodySchema);
    for (const member of asArray((schemas[e.bodySchema] as JsonObject)["oneOf"])) {
      const key = schemaRefName(member);
      if (key) locationDefaultable.add(key);
    }
  }

  const out = [
    `import type { components } from "./schema.js";`,
    "",
    "/** A schema of the spec, by its key (an interface can extend this, not an indexed access). */",
    `type Schema<Key extends keyof components["schemas"]> = components["schemas"][Key];`,
  ];
  for (const [key, name] of names.byKey) {
    const schema = schemas[key] as JsonObject;
    const doc = jsDoc(
      [
        typeof schema["description"] === "string" ? schema["description"].trim() : "",
        locationDefaultable.has(key)
          ? "`locationId` may be left out when the client was created with a default `locationId`."
          : "",
      ]
        .filter(Boolean)
        .join("\n\n"),
    );
    const members = asArray(schema["oneOf"]);
    out.push("");
    if (members.length) {
      const memberNames = members.map((m) => {
        const memberKey = schemaRefName(m);
        if (!memberKey) throw new Error(`schema ${key}: oneOf members must be $refs`);
        return modelName(names, memberKey, `schema ${key}`);
      });
      out.push(`${doc}export type ${name} = ${memberNames.join(" | ")};`);
    } else if (schema["type"] !== "object" && !schema["allOf"] && !schema["properties"]) {
      out.push(`${doc}export type ${name} = Schema<${JSON.stringify(key)}>;`);
    } else {
      const overrides = namedProperties(schema);
      const omitted = [...overrides.keys()];
      const lines = [...overrides.values()];
      if (locationDefaultable.has(key)) {
        omitted.push("locationId");
        lines.push(
          `  /** ID of the location; the client's default \`locationId\` when left out. */\n  locationId?: string;`,
        );
      }
      const base = omitted.length
        ? `Omit<Schema<${JSON.stringify(key)}>, ${omitted.map((k) => JSON.stringify(k)).join(" | ")}>`
        : `Schema<${JSON.stringify(key)}>`;
      out.push(
        `${doc}export interface ${name} extends ${base} {${lines.length ? `\n${lines.join("\n")}\n` : ""}}`,
      );
    }
  }
  return out.join("\n") + "\n";
}

export function jsDoc(text: string, indent = ""): string {
  if (!text) return "";
  const lines = text.replace(/\*\//g, "*\\/").split("\n");
  if (lines.length === 1) return `/** ${lines[0]} */\n${indent}`;
  return `/**\n${lines.map((l) => `${indent} *${l ? " " + l : ""}`).join("\n")}\n${indent} */\n${indent}`;
}

function schemasOf(doc: OpenAPIDocument): JsonObject {
  const schemas = isObject(doc.components) ? doc.components["schemas"] : undefined;
  return isObject(schemas) ? schemas : {};
}
