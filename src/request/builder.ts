/**
 * Turns what a call was given into the path ids, query string and body of a request, following
 * the operation's entry in the generated table, and rejects what cannot be sent — before anything
 * is sent. The methods (one flat argument) and `raw` (path, query and body apart) go through the
 * same checks. Only own properties are read: what an object inherits is not an argument. Query
 * values are checked against their schemas from the spec, then serialized in the spec's style by
 * openapi-fetch's serializers.
 */
import { serializeArrayParam, serializePrimitiveParam } from "./query-serializers.js";
import type { OperationSpec } from "../../generated/operations.js";
import { checkJsonBody, invalid } from "./json-check.js";
import { isObject, ownCopy } from "./own.js";
import { describeError } from "../logging/logger.js";
import { describe } from "./checks.js";
import { checkQueryValue } from "./query-check.js";

/** A request's parts as given: path ids, query values, body; the objects on no prototype (ownCopy). */
export interface RequestParts {
  path: Record<string, unknown>;
  query: Record<string, unknown>;
  body: unknown;
}

export interface BuiltRequest {
  /** The path with its ids, and the query string: the URL relative to the client's base URL. */
  target: string;
  body: unknown;
  /** The location the request is for, or "" when it names none. */
  locationId: string;
}

export interface RequestBuilder {
  /** Checks the parts of a request (raw); `defaultLocationId` fills a missing `locationId`. */
  build(parts: RequestParts, defaultLocationId?: string): BuiltRequest;
  /** A method's single argument: path ids, query values and `body` side by side, as the spec names them. */
  fromParams(params: unknown, defaultLocationId: string | undefined): BuiltRequest;
}

/** A path id: "." and ".." would climb the URL path, an empty id would name the collection. */
export function checkPathId(name: string, value: unknown, fail: (message: string) => never): string {
  const id = typeof value === "number" && Number.isSafeInteger(value) ? String(value) : value;
  if (typeof id !== "string" || !id.trim() || id === "." || id === "..") {
    fail(`${name} must be a non-empty id, got ${describe(value)}`);
  }
  return id as string;
}

/** Prepares, once per operation, the functions that build its requests. */
export function requestBuilder(operationId: string, spec: OperationSpec): RequestBuilder {
  const fail = invalid(operationId);
  // The template split once: ["/voice-ai/agents/", "agentId", ""] — every odd piece a path id.
  const pieces = spec.path.split(/\{([^{}]+)\}/);
  const pathNames = pieces.filter((_, i) => i % 2);
  const rules = new Map(Object.entries(spec.query));
  const { body: bodySpec } = spec;
  const hint = (name: string) => (name === "locationId" ? " (or set the client's locationId)" : "");
  const unknown = (what: string, key: string): never => fail(`unknown ${what} "${key.slice(0, 60)}"`);

  const build = (parts: RequestParts, defaultLocationId?: string): BuiltRequest => {
    const path: Record<string, string> = {};
    for (const key of Object.keys(parts.path)) {
      if (parts.path[key] !== undefined && !pathNames.includes(key)) unknown("path parameter", key);
    }
    for (const name of pathNames) {
      const value = parts.path[name];
      if (value === undefined) fail(`${name} is required`);
      path[name] = checkPathId(name, value, fail);
    }
    const query: Record<string, unknown> = Object.create(null);
    for (const key of Object.keys(parts.query)) {
      const value = parts.query[key];
      if (value === undefined) continue;
      const rule = rules.get(key);
      if (!rule) return unknown("parameter", key);
      checkQueryValue(key, value, rule, fail);
      query[key] = value;
    }
    if (rules.has("locationId") && query.locationId === undefined && defaultLocationId) {
      query.locationId = defaultLocationId;
    }
    for (const [name, rule] of rules) {
      if (rule.required && query[name] === undefined) fail(`${name} is required${hint(name)}`);
    }
    let target: string;
    try {
      // In the spec's style (lists exploded or comma-separated), by openapi-fetch's serializers.
      const search: string[] = [];
      for (const [name, rule] of rules) {
        const value = query[name];
        if (value === undefined) continue;
        if (rule.type !== "array") search.push(serializePrimitiveParam(name, value as string));
        else {
          const list = Array.isArray(value) ? value : [value];
          search.push(serializeArrayParam(name, list, { style: "form", explode: !rule.comma }));
        }
      }
      // Path ids are checked strings, each a whole segment: encoded as one.
      const filled = pieces.map((piece, i) => (i % 2 ? encodeURIComponent(path[piece]!) : piece)).join("");
      target = filled + (search.length ? `?${search.join("&")}` : "");
    } catch (error) {
      // encodeURIComponent refuses a lone surrogate: nothing was sent.
      return fail(`the URL could not be built (${describeError(error)})`);
    }
    let { body } = parts;
    if (!bodySpec) {
      if (body !== undefined) fail("the operation takes no body");
    } else if (body == null) {
      if (!bodySpec.optional) fail("body is required");
    } else if (!isObject(body)) {
      fail("body must be an object");
    } else {
      const given = ownCopy(body);
      checkJsonBody(given, "body", fail);
      if (bodySpec.locationId) {
        if (given.locationId == null && defaultLocationId) {
          body = { ...body, locationId: defaultLocationId };
          given.locationId = defaultLocationId;
        }
        // The location is the request's rate-limit bucket and the token's context: never blank.
        const { locationId } = given;
        if (locationId != null && (typeof locationId !== "string" || !locationId.trim())) {
          fail(`body.locationId must be a non-empty string, got ${describe(locationId)}`);
        }
      }
      for (const name of bodySpec.required) {
        if (given[name] == null) fail(`body.${name} is required${hint(name)}`);
      }
    }
    const locationId = query.locationId ?? ownCopy(body as { locationId?: unknown } | undefined)?.locationId;
    return { target, body, locationId: typeof locationId === "string" ? locationId : "" };
  };

  return {
    build,
    fromParams(params = {}, defaultLocationId) {
      if (!isObject(params)) return fail("the parameters must be an object");
      // On no prototype: an own "__proto__" key stays a key (and is refused as unknown).
      const parts: RequestParts = { path: Object.create(null), query: Object.create(null), body: undefined };
      for (const key of Object.keys(params)) {
        const value = params[key];
        if (key === "body" && bodySpec) parts.body = value;
        else if (pathNames.includes(key)) parts.path[key] = value;
        else parts.query[key] = value;
      }
      return build(parts, defaultLocationId);
    },
  };
}
