/**
 * Turns a method's single argument into the path parameters, query and body of a request,
 * following the operation's entry in the generated table, and rejects what cannot be sent.
 */
import type { OperationSpec, QueryParamSpec } from "../generated/operations.js";
import { InvalidRequestError } from "./errors.js";

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

/** Reads a query entry of the generated table (`Object.entries(spec.query)`). */
export function queryParam([name, spec]: [string, QueryParamSpec]) {
  return { name, required: spec.required === true, commaSeparated: spec.comma === true };
}

/** Prepares, once per operation, the function that builds its requests. */
export function requestBuilder(operationId: string, spec: OperationSpec): RequestBuilder {
  const fail = (message: string): never => {
    throw new InvalidRequestError(`${operationId}: ${message}`);
  };
  const pathNames = (spec.path.match(/[^{}]+(?=\})/g) ?? []) as string[];
  const queryParams = Object.entries(spec.query).map(queryParam);
  const queryNames = queryParams.map((q) => q.name);
  const requiredQuery = queryParams.filter((q) => q.required).map((q) => q.name);
  const takesLocation = queryNames.includes("locationId");
  const { body: bodySpec } = spec;
  const hint = (name: string) => (name === "locationId" ? " (or set the client's locationId)" : "");

  return (params = {}, defaultLocationId) => {
    if (typeof params !== "object" || params === null) fail("the parameters must be an object");
    const path: Record<string, string> = {};
    const query: Record<string, unknown> = {};
    let body: unknown;
    for (const key in params) {
      const value = params[key];
      if (key === "body" && bodySpec) body = value;
      else if (pathNames.includes(key)) {
        const id = typeof value === "number" ? String(value) : value;
        // "." and ".." would climb the URL path; an empty id would name the collection.
        if (typeof id !== "string" || !id.trim() || id === "." || id === "..") {
          fail(`${key} must be a non-empty id, got ${JSON.stringify(value)}`);
        }
        path[key] = id as string;
      } else if (queryNames.includes(key)) {
        if (value === null || value === "" || (Array.isArray(value) && !value.length)) {
          fail(`${key} must not be empty (omit it instead)`);
        }
        if (value !== undefined) query[key] = value;
      } else fail(`unknown parameter "${key}"`);
    }
    for (const name of pathNames) if (!(name in path)) fail(`${name} is required`);
    if (takesLocation && query.locationId === undefined && defaultLocationId)
      query.locationId = defaultLocationId;
    for (const name of requiredQuery) if (query[name] === undefined) fail(`${name} is required${hint(name)}`);

    if (bodySpec) {
      if (body == null) {
        if (!bodySpec.optional) fail("body is required");
      } else if (typeof body !== "object" || Array.isArray(body)) {
        fail("body must be an object");
      } else {
        if (
          bodySpec.locationId &&
          (body as { locationId?: unknown }).locationId === undefined &&
          defaultLocationId
        ) {
          body = { ...body, locationId: defaultLocationId };
        }
        for (const name of bodySpec.required) {
          if ((body as Record<string, unknown>)[name] === undefined)
            fail(`body.${name} is required${hint(name)}`);
        }
      }
    }
    const locationId = query.locationId ?? (body as { locationId?: unknown } | undefined)?.locationId;
    return { path, query, body, locationId: typeof locationId === "string" ? locationId : "" };
  };
}

/** Query string for openapi-fetch: arrays the spec sends comma-separated become one value. */
export function serializeQuery(query: Record<string, unknown>, commaSeparated: ReadonlySet<string>): string {
  const parts: string[] = [];
  const encode = (value: unknown) => encodeURIComponent(String(value));
  for (const key in query) {
    const value = query[key];
    if (value == null) continue;
    if (!Array.isArray(value)) parts.push(`${encode(key)}=${encode(value)}`);
    else if (commaSeparated.has(key)) parts.push(`${encode(key)}=${value.map(encode).join(",")}`);
    else for (const item of value) parts.push(`${encode(key)}=${encode(item)}`);
  }
  return parts.join("&");
}
