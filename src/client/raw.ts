/**
 * `client.raw`: calls by method and path (GET, POST, ... and request), through the same pipeline
 * as the methods. Only the spec's operations can be called, their arguments are checked by the
 * same request builder as the methods' ones, and an error status throws, so a result always
 * holds `data`.
 */
import { InvalidRequestError } from "../errors/index.js";
import { CALL_OPTIONS, type Invoke } from "./invoke.js";
import { invalid } from "../request/json-check.js";
import { routes } from "./methods.js";
import { checkHeaders, checkKeys, describe } from "../request/checks.js";
import { isObject, ownCopy } from "../request/own.js";
import type { CallOptions } from "./call-types.js";

const METHODS = ["GET", "PUT", "POST", "DELETE", "PATCH"] as const;
/** A raw call's second argument: the call options, and the request's params and body. */
const INIT_KEYS = new Set([...CALL_OPTIONS, "params", "body"]);
const PARAM_KEYS = ["path", "query", "header"] as const;
const PARAM_KEY_SET = new Set<string>(PARAM_KEYS);
/** Each operation by "METHOD /path/template". */
const byRoute = new Map(routes.map((r) => [`${r.route.method} ${r.route.path}`, r]));

type RawInit = CallOptions & {
  params?: { path?: Record<string, unknown>; query?: Record<string, unknown>; header?: unknown };
  body?: unknown;
};

export function buildRaw(invoke: Invoke, defaultLocationId: string | undefined) {
  // async: a bad argument rejects the returned promise, as the methods do, instead of throwing.
  const send = async (method: string, path: string, init: RawInit = {}) => {
    const found = typeof path === "string" ? byRoute.get(`${method} ${path}`) : undefined;
    if (!found)
      throw new InvalidRequestError(`raw: ${method} ${describe(path)} is not an operation of the spec`);
    const { route, builder } = found;
    const fail = invalid(route.operationId);
    if (!isObject(init)) fail("init must be an object");
    checkKeys(init, INIT_KEYS, "raw option", InvalidRequestError);
    // Own properties only, at every level read here: Object.prototype holds no arguments.
    const { params: given, body, headers, ...options } = ownCopy(init);
    const params = ownCopy(given ?? {});
    if (typeof params !== "object" || params === null) fail("params must be an object");
    checkKeys(params, PARAM_KEY_SET, "params key", InvalidRequestError);
    for (const key of PARAM_KEYS) {
      const value = params[key];
      if (value !== undefined && !isObject(value)) fail(`params.${key} must be an object`);
    }
    // The same checks as the methods': path ids, query values by their schemas, the body.
    const built = builder.build(
      { path: ownCopy(params.path ?? {}), query: ownCopy(params.query ?? {}), body },
      defaultLocationId,
    );
    const reply = await invoke(
      route,
      {
        target: built.target,
        body: built.body,
        // Header parameters of the spec (`Version`) and extra headers: both are just headers.
        headers: {
          ...checkHeaders(params.header, "params.header", InvalidRequestError),
          ...checkHeaders(headers, "headers", InvalidRequestError),
        },
      },
      options,
      built.locationId,
    );
    return {
      data: reply.data,
      response: new Response(null, { status: reply.status, headers: reply.headers }),
    };
  };
  const raw: Record<string, Function> = {
    request: async (method: unknown, path: string, init?: RawInit) =>
      send(typeof method === "string" ? method.toUpperCase() : describe(method), path, init),
  };
  for (const method of METHODS) raw[method] = (path: string, init?: RawInit) => send(method, path, init);
  return raw;
}
