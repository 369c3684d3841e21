/**
 * `client.raw`: calls by method and path (GET, POST, ... and request), through the same pipeline
 * as the methods. Only the spec's operations can be called, their path ids are checked like the
 * methods' ones, and an error status throws, so a result always holds `data`.
 */
import { InvalidRequestError } from "./errors.js";
import { routeOf, type Invoke } from "./invoke.js";
import { checkJsonBody, invalid } from "./json-check.js";
import { operationTable } from "./methods.js";
import { checkHeaders, checkKeys } from "./options.js";
import { checkPathId, ownCopy } from "./request-builder.js";
import type { CallOptions } from "./types.js";

const METHODS = ["GET", "PUT", "POST", "DELETE", "PATCH"] as const;
const INIT_KEYS = new Set([
  "params",
  "body",
  "headers",
  "signal",
  "timeoutMs",
  "maxRetries",
  "totalTimeoutMs",
  "maxResponseBytes",
  "version",
]);
const PARAM_KEYS = new Set(["path", "query", "header"]);
/** The route of each operation by "METHOD /path/template". */
const byRoute = new Map(operationTable.map(([id, s]) => [`${s.method} ${s.path}`, routeOf(id, s)]));

type RawInit = CallOptions & {
  params?: { path?: Record<string, unknown>; query?: Record<string, unknown>; header?: unknown };
  body?: unknown;
};

export function buildRaw(invoke: Invoke) {
  // async: a bad argument rejects the returned promise, as the methods do, instead of throwing.
  const send = async (method: string, path: string, init: RawInit = {}) => {
    const route = typeof path === "string" ? byRoute.get(`${method} ${path}`) : undefined;
    if (!route)
      throw new InvalidRequestError(
        `raw: ${method} ${String(path).slice(0, 100)} is not an operation of the spec`,
      );
    const { operationId } = route;
    const fail = invalid(operationId);
    if (typeof init !== "object" || init === null) fail("init must be an object");
    checkKeys(init, INIT_KEYS, "raw option", InvalidRequestError);
    // Own properties only, at every level read here: Object.prototype holds no arguments.
    const { params: given, body, headers, ...options } = ownCopy(init);
    const params = ownCopy(given ?? {});
    if (typeof params !== "object" || params === null) fail("params must be an object");
    checkKeys(params, PARAM_KEYS, "params key", InvalidRequestError);
    for (const key of PARAM_KEYS) {
      const value = params[key as keyof typeof params];
      if (value !== undefined && (typeof value !== "object" || value === null || Array.isArray(value)))
        fail(`params.${key} must be an object`);
    }
    const pathIds = ownCopy(params.path);
    const ids: Record<string, string> = {};
    for (const name of path.match(/[^{}]+(?=\})/g) ?? []) {
      ids[name] = checkPathId(name, pathIds?.[name], fail);
    }
    const query = { ...ownCopy(params.query) };
    if (body !== undefined) checkJsonBody(body, "body", fail);
    const location = query.locationId ?? ownCopy(body as { locationId?: unknown } | undefined)?.locationId;
    const {
      data,
      status,
      headers: answered,
    } = await invoke(
      route,
      {
        path: ids,
        query,
        body,
        // Header parameters of the spec (`Version`) and extra headers: both are just headers.
        headers: {
          ...checkHeaders(params.header, "params.header", InvalidRequestError),
          ...checkHeaders(headers, "headers", InvalidRequestError),
        },
      },
      options,
      typeof location === "string" ? location : "",
    );
    return { data, response: new Response(null, { status, headers: answered }) };
  };
  const raw: Record<string, Function> = {
    request: (method: string, path: string, init?: RawInit) => send(String(method).toUpperCase(), path, init),
  };
  for (const method of METHODS) raw[method] = (path: string, init?: RawInit) => send(method, path, init);
  return raw;
}
