/**
 * What the generator reads out of schemas: the top-level shape of a body (required and known
 * properties across allOf/oneOf), and the parts of a query parameter's schema the client checks.
 */
import { asArray, isObject, type Json, type JsonObject } from "./spec-json.js";

type Resolve = (node: Json | undefined) => Json | undefined;

/** What the client checks a query value against, read from the parameter's schema. */
export interface QueryValueSchema {
  type: "string" | "number" | "integer" | "boolean" | "array";
  enum?: (string | number)[];
  minimum?: number;
  maximum?: number;
  /** For arrays: the items' schema. */
  items?: Omit<QueryValueSchema, "items">;
}

export interface SchemaShape {
  required: Set<string>;
  properties: Set<string>;
}

/** Required properties are those every variant of a union requires; properties, any variant's. */
export function shapeReader(resolve: Resolve): (node: Json | undefined) => SchemaShape {
  const schemaShape = (node: Json | undefined): SchemaShape => {
    const schema = resolve(node);
    const required = new Set<string>();
    const properties = new Set<string>();
    if (!isObject(schema)) return { required, properties };
    for (const key of asArray(schema["required"])) if (typeof key === "string") required.add(key);
    if (isObject(schema["properties"]))
      for (const key of Object.keys(schema["properties"])) properties.add(key);
    for (const member of asArray(schema["allOf"])) {
      const inner = schemaShape(member);
      inner.required.forEach((k) => required.add(k));
      inner.properties.forEach((k) => properties.add(k));
    }
    for (const keyword of ["oneOf", "anyOf"]) {
      const variants = asArray(schema[keyword]).map(schemaShape);
      if (variants.length === 0) continue;
      // Required only when every variant requires it; a property when any variant has it.
      for (const key of variants[0]!.required)
        if (variants.every((v) => v.required.has(key))) required.add(key);
      for (const v of variants) v.properties.forEach((k) => properties.add(k));
    }
    return { required, properties };
  };

  /** The parts of a query parameter's schema the client checks values against. */
  return schemaShape;
}

/** Reads type, enum, minimum/maximum (and for arrays the items') of a query parameter's schema. */
export function valueSchemaReader(resolve: Resolve) {
  const valueSchema = (where: string, node: Json | undefined, inArray = false): QueryValueSchema => {
    const resolved = resolve(node);
    const schema: JsonObject = isObject(resolved) ? resolved : {};
    const type = schema["type"];
    if (
      type !== "string" &&
      type !== "number" &&
      type !== "integer" &&
      type !== "boolean" &&
      type !== "array"
    )
      throw new Error(`${where}: a query value must be a string, number, integer, boolean or array`);
    if (type === "array" && inArray) throw new Error(`${where}: arrays of arrays are not supported`);
    const result: QueryValueSchema = { type };
    const values = asArray(schema["enum"]);
    if (values.length) result.enum = values.map((v) => (typeof v === "number" ? v : String(v)));
    for (const bound of ["minimum", "maximum"] as const) {
      const value = schema[bound];
      if (typeof value === "number") result[bound] = value;
    }
    if (type === "array") result.items = valueSchema(`${where} items`, schema["items"], true);
    return result;
  };
  return valueSchema;
}
