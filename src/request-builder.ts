/**
 * Turns a method's single argument into the path parameters, query and body of a request,
 * following the operation's entry in the generated table, and rejects what cannot be sent.
 */
import type { OperationSpec } from "../generated/operations.js";
import { InvalidRequestError } from "./errors.js";

export interface BuiltRequest {
  path: Record<string, string>;
  query: Record<string, unknown>;
  body: unknown;
  /** The location the request is for, or "" when it names none. */
  locationId: string;
}

export function buildRequest(
  spec: OperationSpec,
  params: Record<string, unknown> | undefined,
  defaultLocationId: string | undefined,
): BuiltRequest {
  const where = spec.operationId;
  if (params !== undefined && (params === null || typeof params !== "object")) {
    throw new InvalidRequestError(`${where}: the parameters must be an object`);
  }
  const path: Record<string, string> = {};
  const query: Record<string, unknown> = {};
  let body: unknown;
  for (const key in params) {
    const value = params[key];
    if (key === "body" && spec.body !== "none") body = value;
    else if (spec.pathParams.includes(key)) path[key] = checkPathId(where, key, value);
    else if (spec.query.some((q) => q.name === key)) {
      if (value !== undefined) query[key] = value;
    } else throw new InvalidRequestError(`${where}: unknown parameter "${key}"`);
  }
  for (const name of spec.pathParams) {
    if (!(name in path)) throw new InvalidRequestError(`${where}: ${name} is required`);
  }

  for (const q of spec.query) {
    if (q.name === "locationId" && query.locationId === undefined && defaultLocationId !== undefined) {
      query.locationId = defaultLocationId;
    }
    const value = query[q.name];
    if (value === undefined) {
      if (q.required) throw new InvalidRequestError(`${where}: ${q.name} is required${hintFor(q.name)}`);
    } else if (value === null || value === "" || (Array.isArray(value) && value.length === 0)) {
      throw new InvalidRequestError(`${where}: ${q.name} must not be empty (omit it instead)`);
    }
  }

  if (spec.body === "none") {
    // nothing to check
  } else if (body === undefined || body === null) {
    if (spec.body === "required") throw new InvalidRequestError(`${where}: body is required`);
  } else if (typeof body !== "object" || Array.isArray(body)) {
    throw new InvalidRequestError(`${where}: body must be an object`);
  } else {
    const record = body as Record<string, unknown>;
    if (spec.bodyLocationId && record.locationId === undefined && defaultLocationId !== undefined) {
      body = { ...record, locationId: defaultLocationId };
    }
    for (const name of spec.bodyRequired) {
      if ((body as Record<string, unknown>)[name] === undefined) {
        throw new InvalidRequestError(`${where}: body.${name} is required${hintFor(name)}`);
      }
    }
  }

  const locationId = query.locationId ?? (body as { locationId?: unknown } | undefined)?.locationId;
  return { path, query, body, locationId: typeof locationId === "string" ? locationId : "" };
}

function checkPathId(where: string, name: string, value: unknown): string {
  const text = typeof value === "number" && Number.isFinite(value) ? String(value) : value;
  if (typeof text !== "string" || text.trim() === "" || text === "." || text === "..") {
    throw new InvalidRequestError(`${where}: ${name} must be a non-empty id, got ${JSON.stringify(value)}`);
  }
  return text;
}

function hintFor(name: string): string {
  return name === "locationId" ? " (pass it, or set locationId when creating the client)" : "";
}

/** Query string for openapi-fetch: arrays the spec sends comma-separated become one value. */
export function serializeQuery(query: Record<string, unknown>, commaSeparated: ReadonlySet<string>): string {
  const parts: string[] = [];
  for (const key in query) {
    const value = query[key];
    if (value === undefined || value === null) continue;
    const name = encodeURIComponent(key);
    if (!Array.isArray(value)) parts.push(`${name}=${encodeURIComponent(String(value))}`);
    else if (commaSeparated.has(key))
      parts.push(`${name}=${value.map((v) => encodeURIComponent(String(v))).join(",")}`);
    else for (const v of value) parts.push(`${name}=${encodeURIComponent(String(v))}`);
  }
  return parts.join("&");
}
