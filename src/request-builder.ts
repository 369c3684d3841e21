/**
 * Turns a method's single argument into the path parameters, query and body of a request,
 * following the operation's entry in the generated table, and rejects what cannot be sent —
 * before anything is sent. Only own properties are read: what an object inherits is not an
 * argument. Query values are checked against their schemas from the spec.
 */
import type { OperationSpec, QueryParamSpec } from "../generated/operations.js";
import { checkJsonBody, invalid } from "./json-check.js";
import { describe } from "./options.js";
import { checkQueryValue } from "./query-check.js";

export interface BuiltRequest {
  path: Record<string, string>;
  query: Record<string, unknown>;
  body: unknown;
  /** The location the request is for, or "" when it names none. */
  locationId: string;
}

export type RequestBuilder = (
  params: Record<string, unknown> | undefined,
  defaultLocationId: string | undefined,
) => BuiltRequest;

/**
 * A copy of an options or parameters object holding only its own properties, on no prototype:
 * nothing added to Object.prototype can be read from it. Anything else is returned as it is.
 */
export function ownCopy<T>(value: T): T {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return value;
  return Object.assign(Object.create(null) as T & object, value);
}

/** Reads a query entry of the generated table (`Object.entries(spec.query)`). */
export function queryParam([name, spec]: [string, QueryParamSpec]) {
  return { name, required: spec.required === true, commaSeparated: spec.comma === true };
}

/** A path id: "." and ".." would climb the URL path, an empty id would name the collection. */
export function checkPathId(name: string, value: unknown, fail: (message: string) => never): string {
  const id = typeof value === "number" && Number.isSafeInteger(value) ? String(value) : value;
  if (typeof id !== "string" || !id.trim() || id === "." || id === "..") {
    fail(`${name} must be a non-empty id, got ${describe(value)}`);
  }
  return id as string;
}

/** Prepares, once per operation, the function that builds its requests. */
export function requestBuilder(operationId: string, spec: OperationSpec): RequestBuilder {
  const fail = invalid(operationId);
  const pathNames = (spec.path.match(/[^{}]+(?=\})/g) ?? []) as string[];
  const queryParams = new Map(Object.entries(spec.query));
  const takesLocation = queryParams.has("locationId");
  const { body: bodySpec } = spec;
  const hint = (name: string) => (name === "locationId" ? " (or set the client's locationId)" : "");

  return (params = {}, defaultLocationId) => {
    if (typeof params !== "object" || params === null || Array.isArray(params)) {
      fail("the parameters must be an object");
    }
    const path: Record<string, string> = {};
    const query: Record<string, unknown> = Object.create(null);
    let body: unknown;
    for (const key of Object.keys(params)) {
      const value = params[key];
      if (value === undefined) continue;
      const rule = queryParams.get(key);
      if (key === "body" && bodySpec) body = value;
      else if (pathNames.includes(key)) path[key] = checkPathId(key, value, fail);
      else if (rule) {
        checkQueryValue(key, value, rule, fail);
        query[key] = value;
      } else fail(`unknown parameter "${key.slice(0, 60)}"`);
    }
    for (const name of pathNames) if (!(name in path)) fail(`${name} is required`);
    if (takesLocation && query.locationId === undefined && defaultLocationId) {
      query.locationId = defaultLocationId;
    }
    for (const [name, rule] of queryParams) {
      if (rule.required && query[name] === undefined) fail(`${name} is required${hint(name)}`);
    }
    if (bodySpec) {
      if (body == null) {
        if (!bodySpec.optional) fail("body is required");
      } else if (typeof body !== "object" || Array.isArray(body)) {
        fail("body must be an object");
      } else {
        const given = ownCopy(body as Record<string, unknown>);
        checkJsonBody(given, "body", fail);
        if (bodySpec.locationId && given.locationId === undefined && defaultLocationId) {
          body = { ...(body as object), locationId: defaultLocationId };
          given.locationId = defaultLocationId;
        }
        for (const name of bodySpec.required) {
          if (given[name] === undefined) fail(`body.${name} is required${hint(name)}`);
        }
      }
    }
    const locationId = query.locationId ?? ownCopy(body as { locationId?: unknown } | undefined)?.locationId;
    return { path, query, body, locationId: typeof locationId === "string" ? locationId : "" };
  };
}

/** Query string for openapi-fetch: arrays the spec sends comma-separated become one value. */
export function serializeQuery(query: Record<string, unknown>, commaSeparated: ReadonlySet<string>): string {
  const parts: string[] = [];
  const encode = (value: unknown) => encodeURIComponent(String(value));
  for (const key of Object.keys(query)) {
    const value = query[key];
    if (value == null) continue;
    if (!Array.isArray(value)) parts.push(`${encode(key)}=${encode(value)}`);
    else if (commaSeparated.has(key)) parts.push(`${encode(key)}=${value.map(encode).join(",")}`);
    else for (const item of value) parts.push(`${encode(key)}=${encode(item)}`);
  }
  return parts.join("&");
}
