/**
 * Reads the operations of an OpenAPI document into the table that drives the client's
 * methods, and renders it as TypeScript. Naming rules (so that a new operation in the spec
 * becomes a method without any change in src/):
 *   group  = the operation's first tag in camelCase      ("Call Logs" -> "callLogs")
 *   method = the leading lower-case word of operationId  ("listCallLogs" -> "list")
 * An operation can override either with `x-client-group` / `x-client-method`.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export interface OpenAPIDocument {
  paths: Record<string, JsonObject>;
  components?: JsonObject;
  [key: string]: Json | undefined;
}

export interface QueryParamEntry {
  name: string;
  required: boolean;
  /** Arrays with `style: form, explode: false` are sent as one comma-separated value. */
  commaSeparated: boolean;
}

export interface OperationEntry {
  operationId: string;
  method: string;
  path: string;
  group: string;
  name: string;
  pathParams: string[];
  query: QueryParamEntry[];
  /** "none" when the operation takes no body. */
  body: "none" | "required" | "optional";
  /** Top-level properties a body must have (the same in every variant of a union). */
  bodyRequired: string[];
  /** The body has a `locationId` property the client can fill in from its default. */
  bodyLocationId: boolean;
  /** Responses without content: the method resolves to undefined. */
  noContent: boolean;
  /**
   * Page-based list: takes `page` and `pageSize` and answers with `total` and one array of
   * items; `items` names that array. null for every other operation.
   */
  pagination: { items: string } | null;
}

/** Facts of the whole API the client needs at run time. */
export interface ApiFacts {
  /** The first server of the spec: the client's default base URL. */
  defaultBaseUrl: string;
  /** Values the `Version` header may take; the first is the default. */
  versions: string[];
}

const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;
/** Headers the client sets itself; they are not method parameters. */
const CLIENT_HEADERS = new Set(["version", "authorization", "accept", "content-type"]);

export function buildOperationTable(doc: OpenAPIDocument): OperationEntry[] {
  const resolve = (node: Json | undefined): Json | undefined => {
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

  const schemaShape = (node: Json | undefined): { required: Set<string>; properties: Set<string> } => {
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

  const entries: OperationEntry[] = [];
  const names = new Map<string, string>();
  for (const [route, rawItem] of Object.entries(doc.paths)) {
    const item = resolve(rawItem);
    if (!isObject(item)) continue;
    const sharedParams = asArray(item["parameters"]);
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!isObject(op)) continue;
      const operationId = op["operationId"];
      if (typeof operationId !== "string")
        throw new Error(`${method.toUpperCase()} ${route} has no operationId`);

      const params = new Map<string, JsonObject>();
      for (const raw of [...sharedParams, ...asArray(op["parameters"])]) {
        const p = resolve(raw);
        if (isObject(p)) params.set(`${String(p["in"])}:${String(p["name"])}`, p);
      }
      const pathParams: string[] = [];
      const query: QueryParamEntry[] = [];
      for (const p of params.values()) {
        const name = String(p["name"]);
        if (p["in"] === "path") pathParams.push(name);
        else if (p["in"] === "query") {
          const schema = resolve(p["schema"]);
          const isArray = isObject(schema) && schema["type"] === "array";
          const style = p["style"] ?? "form";
          query.push({
            name,
            required: p["required"] === true,
            commaSeparated: isArray && style === "form" && p["explode"] === false,
          });
        } else if (p["in"] === "header" && !CLIENT_HEADERS.has(name.toLowerCase())) {
          throw new Error(`${operationId}: header parameter ${name} is not supported by the client`);
        }
      }
      for (const segment of route.matchAll(/\{([^}]+)\}/g)) {
        if (!pathParams.includes(segment[1]!))
          throw new Error(`${operationId}: path parameter ${segment[1]} is not declared`);
      }

      const requestBody = resolve(op["requestBody"]);
      let body: OperationEntry["body"] = "none";
      let bodyRequired: string[] = [];
      let bodyLocationId = false;
      if (isObject(requestBody)) {
        body = requestBody["required"] === true ? "required" : "optional";
        const content = resolve(requestBody["content"]);
        const media = isObject(content) ? content["application/json"] : undefined;
        if (!isObject(media))
          throw new Error(`${operationId}: only application/json request bodies are supported`);
        const shape = schemaShape(media["schema"]);
        bodyRequired = [...shape.required].sort();
        bodyLocationId = shape.properties.has("locationId");
      }

      const responses = resolve(op["responses"]);
      const success = isObject(responses)
        ? Object.entries(responses).filter(([status]) => /^2\d\d$/.test(status))
        : [];
      let pagination: OperationEntry["pagination"] = null;
      const queryNames = new Set(query.map((q) => q.name));
      if (queryNames.has("page") && queryNames.has("pageSize")) {
        const okResponse = resolve(success[0]?.[1]);
        const okContent = isObject(okResponse) ? resolve(okResponse["content"]) : undefined;
        const okMedia = isObject(okContent) ? okContent["application/json"] : undefined;
        const okSchema = isObject(okMedia) ? resolve(okMedia["schema"]) : undefined;
        const props = isObject(okSchema) && isObject(okSchema["properties"]) ? okSchema["properties"] : {};
        const arrays = Object.entries(props).filter(([, v]) => {
          const r = resolve(v);
          return isObject(r) && r["type"] === "array";
        });
        if ("total" in props && arrays.length === 1) pagination = { items: arrays[0]![0] };
      }
      const noContent =
        success.length > 0 &&
        success.every(([, r]) => {
          const resolved = resolve(r);
          return isObject(resolved) && resolved["content"] === undefined;
        });

      const tags = asArray(op["tags"]);
      const group =
        typeof op["x-client-group"] === "string" ? op["x-client-group"] : camelCase(String(tags[0] ?? ""));
      const name =
        typeof op["x-client-method"] === "string"
          ? op["x-client-method"]
          : (/^[a-z]+/.exec(operationId)?.[0] ?? "");
      if (!group || !name) throw new Error(`${operationId}: cannot derive a client group and method name`);
      const qualified = `${group}.${name}`;
      const clash = names.get(qualified);
      if (clash) throw new Error(`${operationId} and ${clash} would both become ${qualified}`);
      names.set(qualified, operationId);

      entries.push({
        operationId,
        method: method.toUpperCase(),
        path: route,
        group,
        name,
        pathParams,
        query,
        body,
        bodyRequired,
        bodyLocationId,
        noContent,
        pagination,
      });
    }
  }
  return entries.sort((a, b) => a.operationId.localeCompare(b.operationId));
}

export function readApiFacts(doc: OpenAPIDocument): ApiFacts {
  const servers = asArray(doc["servers"]);
  const first = servers[0];
  const defaultBaseUrl = isObject(first) && typeof first["url"] === "string" ? first["url"] : "";
  const params = isObject(doc.components) ? doc.components["parameters"] : undefined;
  let versionSchema: Json | undefined =
    isObject(params) && isObject(params["Version"]) ? params["Version"]["schema"] : undefined;
  // One level of $ref is all the spec uses for the Version schema.
  if (isObject(versionSchema) && typeof versionSchema["$ref"] === "string") {
    const name = versionSchema["$ref"].split("/").pop()!;
    const schemas = isObject(doc.components) ? doc.components["schemas"] : undefined;
    versionSchema = isObject(schemas) ? schemas[name] : undefined;
  }
  const versions = isObject(versionSchema) ? asArray(versionSchema["enum"]).map(String) : [];
  if (!defaultBaseUrl) throw new Error("the spec has no server URL");
  if (versions.length === 0) throw new Error("the Version header parameter has no enum of versions");
  return { defaultBaseUrl, versions };
}

/** What the client needs of an operation at run time, in the compact form it is emitted in. */
function runtimeEntry(e: OperationEntry): Record<string, unknown> {
  const entry: Record<string, unknown> = { method: e.method, path: e.path, group: e.group, name: e.name };
  entry.query = e.query.map((q) => q.name + (q.required ? "!" : "") + (q.commaSeparated ? "," : ""));
  if (e.body !== "none") {
    entry.body = {
      ...(e.body === "optional" && { optional: true }),
      required: e.bodyRequired,
      ...(e.bodyLocationId && { locationId: true }),
    };
  }
  if (e.pagination) entry.items = e.pagination.items;
  return entry;
}

export function renderOperationTable(entries: OperationEntry[], facts: ApiFacts): string {
  const body = entries.map((e) => `  ${e.operationId}: ${JSON.stringify(runtimeEntry(e))},`).join("\n");
  return `import type { operations as OperationTypes } from "./schema.js";

/** How one operation is called: read by the client to build its methods. */
export interface OperationSpec {
  readonly method: "GET" | "PUT" | "POST" | "DELETE" | "OPTIONS" | "HEAD" | "PATCH" | "TRACE";
  /** The path template; its \`{name}\` segments are the path parameters. */
  readonly path: string;
  /** Property of the client the method lives on, e.g. \`agents\`. */
  readonly group: string;
  /** Name of the method within its group, e.g. \`list\`. */
  readonly name: string;
  /** Query parameters: \`name!\` is required, \`name,\` is an array sent as one comma-separated value. */
  readonly query: readonly string[];
  /** The JSON body, when the operation takes one: the top-level properties it must have, and whether it has a \`locationId\`. */
  readonly body?: { readonly optional?: boolean; readonly required: readonly string[]; readonly locationId?: boolean };
  /** A page-based list (\`page\`, \`pageSize\`, \`total\`): the property that holds the items. */
  readonly items?: string;
}

/** Base URL of the API: the first server of the spec. */
export const defaultBaseUrl = ${JSON.stringify(facts.defaultBaseUrl)};

/** Values the \`Version\` header accepts; the first is the client's default. */
export const apiVersions = ${JSON.stringify(facts.versions)} as const;
export type ApiVersion = (typeof apiVersions)[number];

export const operations = {
${body}
} as const satisfies Record<keyof OperationTypes, OperationSpec>;

export type OperationId = keyof typeof operations;
`;
}

function camelCase(text: string): string {
  const words = text.split(/[^A-Za-z0-9]+/).filter(Boolean);
  return words
    .map((w, i) => (i === 0 ? w.toLowerCase() : w[0]!.toUpperCase() + w.slice(1).toLowerCase()))
    .join("");
}

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function asArray(value: Json | undefined): Json[] {
  return Array.isArray(value) ? value : [];
}
