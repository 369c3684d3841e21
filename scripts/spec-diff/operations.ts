/**
 * The operations of a document, each with its parameters, request body and responses reduced to
 * shapes. Operations are keyed by method and path with the path parameters' names blanked
 * (`GET /agents/{}`), so that renaming a path parameter shows as a parameter change of the same
 * operation rather than as a removed and an added operation.
 */
import { deref, isObject, SpecError, type Json, type JsonObject } from "./refs.js";
import { toShape, type Shape } from "./shape.js";

export interface Parameter {
  in: string;
  name: string;
  required: boolean;
  /** Serialisation: "form;explode" etc.; a change alters what goes on the wire. */
  style: string;
  description?: string;
  deprecated: boolean;
  shape: Shape;
}

export interface Body {
  required: boolean;
  description?: string;
  content: Map<string, Shape>;
}

export interface Header {
  name: string;
  required: boolean;
  shape: Shape;
}

export interface Response {
  description?: string;
  headers: Map<string, Header>;
  content: Map<string, Shape>;
}

export interface Operation {
  method: string;
  path: string;
  operationId?: string;
  summary?: string;
  description?: string;
  deprecated: boolean;
  /** Keyed "query page", "header version" (header names are case-insensitive). */
  parameters: Map<string, Parameter>;
  body?: Body;
  /** Keyed by status ("200", "4XX", "default"). */
  responses: Map<string, Response>;
}

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

export const operationKey = (method: string, path: string) =>
  `${method.toUpperCase()} ${path.replace(/\{[^}]*\}/g, "{}")}`;

const text = (value: Json | undefined) => (typeof value === "string" ? value : undefined);

function content(doc: Json, node: Json | undefined): Map<string, Shape> {
  const map = new Map<string, Shape>();
  if (!isObject(node)) return map;
  for (const [mediaType, media] of Object.entries(node)) {
    map.set(mediaType.toLowerCase(), toShape(doc, isObject(media) ? media.schema : undefined));
  }
  return map;
}

function parameter(doc: Json, raw: Json): Parameter {
  const { node } = deref(doc, raw);
  if (!isObject(node) || typeof node.name !== "string" || typeof node.in !== "string") {
    throw new SpecError(`a parameter without name or in: ${JSON.stringify(raw)}`);
  }
  const location = node.in;
  const defaultStyle = location === "query" || location === "cookie" ? "form" : "simple";
  const style = text(node.style) ?? defaultStyle;
  const explode = typeof node.explode === "boolean" ? node.explode : style === "form";
  const fromContent = isObject(node.content) ? [...content(doc, node.content).values()][0] : undefined;
  const parameter: Parameter = {
    in: location,
    name: node.name,
    required: node.required === true || location === "path",
    style: `${style}${explode ? ";explode" : ""}`,
    deprecated: node.deprecated === true,
    shape: fromContent ?? toShape(doc, node.schema),
  };
  const description = text(node.description);
  if (description !== undefined) parameter.description = description;
  return parameter;
}

export const parameterKey = (p: { in: string; name: string }) =>
  `${p.in} ${p.in === "header" ? p.name.toLowerCase() : p.name}`;

function response(doc: Json, raw: Json): Response {
  const { node } = deref(doc, raw);
  const object: JsonObject = isObject(node) ? node : {};
  const headers = new Map<string, Header>();
  for (const [name, value] of Object.entries(isObject(object.headers) ? object.headers : {})) {
    const header = deref(doc, value).node;
    const schema = isObject(header) ? header.schema : undefined;
    headers.set(name.toLowerCase(), {
      name,
      required: isObject(header) && header.required === true,
      shape: toShape(doc, schema),
    });
  }
  const result: Response = { headers, content: content(doc, object.content) };
  const description = text(object.description);
  if (description !== undefined) result.description = description;
  return result;
}

function operation(doc: Json, path: string, method: string, item: JsonObject, raw: JsonObject): Operation {
  const parameters = new Map<string, Parameter>();
  const declared = [
    ...(Array.isArray(item.parameters) ? item.parameters : []),
    ...(Array.isArray(raw.parameters) ? raw.parameters : []),
  ];
  for (const p of declared) {
    const parsed = parameter(doc, p); // operation-level ones come last and win
    parameters.set(parameterKey(parsed), parsed);
  }
  const op: Operation = {
    method: method.toUpperCase(),
    path,
    deprecated: raw.deprecated === true,
    parameters,
    responses: new Map(),
  };
  for (const key of ["operationId", "summary", "description"] as const) {
    const value = text(raw[key]);
    if (value !== undefined) op[key] = value;
  }
  if (raw.requestBody !== undefined) {
    const { node } = deref(doc, raw.requestBody);
    const body: JsonObject = isObject(node) ? node : {};
    op.body = { required: body.required === true, content: content(doc, body.content) };
    const description = text(body.description);
    if (description !== undefined) op.body.description = description;
  }
  for (const [status, value] of Object.entries(isObject(raw.responses) ? raw.responses : {})) {
    op.responses.set(
      status.toUpperCase() === "DEFAULT" ? "default" : status.toUpperCase(),
      response(doc, value),
    );
  }
  return op;
}

/** The operations of a map of path items (`paths`, `webhooks`), keyed by `key(method, name)`. */
function pathItems(doc: Json, items: Json | undefined, key: (method: string, name: string) => string) {
  const result = new Map<string, Operation>();
  for (const [name, rawItem] of Object.entries(isObject(items) ? items : {})) {
    const { node: item } = deref(doc, rawItem);
    if (!isObject(item)) continue;
    for (const method of METHODS) {
      const raw = item[method];
      if (!isObject(raw)) continue;
      if (result.has(key(method, name))) {
        throw new SpecError(`${key(method, name)}: two paths differ only in parameter names`);
      }
      result.set(key(method, name), operation(doc, name, method, item, raw));
    }
  }
  return result;
}

/** Every operation of `doc`, keyed by `operationKey`. */
export const operations = (doc: Json) => pathItems(doc, isObject(doc) ? doc.paths : undefined, operationKey);

/**
 * Every webhook of `doc` (OpenAPI 3.1 `webhooks`: events the server posts to the app), keyed by
 * method and name; `path` holds the webhook's name.
 */
export const webhooks = (doc: Json) =>
  pathItems(doc, isObject(doc) ? doc.webhooks : undefined, (m, name) => `${m.toUpperCase()} ${name}`);
