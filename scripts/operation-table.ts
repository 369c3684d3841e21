/**
 * Reads the operations of an OpenAPI document into the table that drives the client's
 * methods, and renders it as TypeScript. Naming rules (so that a new operation in the spec
 * becomes a method without any change in src/):
 *   group  = the operation's first tag in camelCase      ("Call Logs" -> "callLogs")
 *   method = the leading lower-case word of operationId  ("listCallLogs" -> "list")
 * An operation can override either with `x-client-group` / `x-client-method`.
 */

import {
  asArray,
  camelCase,
  isObject,
  refResolver,
  schemaRefName,
  type Json,
  type JsonObject,
  type OpenAPIDocument,
} from "./spec-json.js";

import { shapeReader, valueSchemaReader, type QueryValueSchema } from "./schema-facts.js";

export type { OpenAPIDocument, QueryValueSchema };

export interface ParamEntry {
  name: string;
  description: string;
}

export interface QueryParamEntry extends ParamEntry {
  required: boolean;
  schema: QueryValueSchema;
  /** The components schema the parameter's schema (or, for arrays, its items) is a $ref to. */
  schemaRef: string | undefined;
  itemsRef: string | undefined;
  /** Arrays with `style: form, explode: false` are sent as one comma-separated value. */
  commaSeparated: boolean;
}

export interface OperationEntry {
  operationId: string;
  method: string;
  path: string;
  group: string;
  name: string;
  summary: string;
  description: string;
  /** `externalDocs.url` of the operation, if any. */
  docsUrl: string | undefined;
  pathParams: ParamEntry[];
  query: QueryParamEntry[];
  /** "none" when the operation takes no body. */
  body: "none" | "required" | "optional";
  /** Top-level properties a body must have (the same in every variant of a union). */
  bodyRequired: string[];
  /** The body has a `locationId` property the client can fill in from its default. */
  bodyLocationId: boolean;
  /** The request body's schema name in components, when it is a `$ref` to one. */
  bodySchema: string | undefined;
  /** The success response's schema name in components, when it is a `$ref` to one. */
  resultSchema: string | undefined;
  /** Responses without content: the method resolves to undefined. */
  noContent: boolean;
  /**
   * Page-based list: takes `page` and `pageSize` and answers with `total` and one array of
   * items; `items` names that array. null for every other operation.
   */
  pagination: { items: string } | null;
}

const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;
/** Headers the client sets itself; they are not method parameters. */
const CLIENT_HEADERS = new Set(["version", "authorization", "accept", "content-type"]);

export function buildOperationTable(doc: OpenAPIDocument): OperationEntry[] {
  const resolve = refResolver(doc);

  const schemaShape = shapeReader(resolve);
  const valueSchema = valueSchemaReader(resolve);

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
      const pathParams: ParamEntry[] = [];
      const query: QueryParamEntry[] = [];
      for (const p of params.values()) {
        const name = String(p["name"]);
        const description = typeof p["description"] === "string" ? p["description"].trim() : "";
        if (p["in"] === "path") pathParams.push({ name, description });
        else if (p["in"] === "query") {
          const schema = valueSchema(`${operationId}: query parameter ${name}`, p["schema"]);
          const resolved = resolve(p["schema"]);
          const style = p["style"] ?? "form";
          query.push({
            name,
            description,
            required: p["required"] === true,
            schema,
            schemaRef: schemaRefName(p["schema"]),
            itemsRef: isObject(resolved) ? schemaRefName(resolved["items"]) : undefined,
            commaSeparated: schema.type === "array" && style === "form" && p["explode"] === false,
          });
        } else if (p["in"] === "header" && !CLIENT_HEADERS.has(name.toLowerCase())) {
          throw new Error(`${operationId}: header parameter ${name} is not supported by the client`);
        }
      }
      for (const segment of route.matchAll(/\{([^}]+)\}/g)) {
        if (!pathParams.some((p) => p.name === segment[1]))
          throw new Error(`${operationId}: path parameter ${segment[1]} is not declared`);
      }

      const requestBody = resolve(op["requestBody"]);
      let body: OperationEntry["body"] = "none";
      let bodyRequired: string[] = [];
      let bodyLocationId = false;
      let bodySchema: string | undefined;
      if (isObject(requestBody)) {
        body = requestBody["required"] === true ? "required" : "optional";
        const content = resolve(requestBody["content"]);
        const media = isObject(content) ? content["application/json"] : undefined;
        if (!isObject(media))
          throw new Error(`${operationId}: only application/json request bodies are supported`);
        bodySchema = schemaRefName(media["schema"]);
        const shape = schemaShape(media["schema"]);
        bodyRequired = [...shape.required].sort();
        bodyLocationId = shape.properties.has("locationId");
      }

      const responses = resolve(op["responses"]);
      const success = isObject(responses)
        ? Object.entries(responses).filter(([status]) => /^2\d\d$/.test(status))
        : [];
      const okResponse = resolve(success[0]?.[1]);
      const okContent = isObject(okResponse) ? resolve(okResponse["content"]) : undefined;
      const okMedia = isObject(okContent) ? okContent["application/json"] : undefined;
      const resultSchema = isObject(okMedia) ? schemaRefName(okMedia["schema"]) : undefined;
      let pagination: OperationEntry["pagination"] = null;
      const queryNames = new Set(query.map((q) => q.name));
      if (queryNames.has("page") && queryNames.has("pageSize")) {
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
        summary: typeof op["summary"] === "string" ? op["summary"].trim() : "",
        description: typeof op["description"] === "string" ? op["description"].trim() : "",
        docsUrl:
          isObject(op["externalDocs"]) && typeof op["externalDocs"]["url"] === "string"
            ? op["externalDocs"]["url"]
            : undefined,
        pathParams,
        query,
        body,
        bodyRequired,
        bodyLocationId,
        bodySchema,
        resultSchema,
        noContent,
        pagination,
      });
    }
  }
  return entries.sort((a, b) => a.operationId.localeCompare(b.operationId));
}
