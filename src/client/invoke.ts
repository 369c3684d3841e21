/**
 * One call: its options checked, its `Call` settings fixed, its request (already checked by the
 * request builder) put together and handed to the pipeline. There is no openapi-fetch Request or
 * Response in between: the pipeline reads the body inside the attempt, and its parsed JSON is the
 * call's result.
 */
import type { OperationSpec } from "../../generated/operations.js";
import { InvalidRequestError } from "../errors/index.js";
import { checkCount, checkHeaders, checkKeys, checkMs, checkVersion } from "../request/checks.js";
import type { ResolvedOptions } from "./options.js";
import type { Call, Send } from "../pipeline/types.js";
import { ownCopy } from "../request/own.js";
import type { BuiltRequest } from "../request/builder.js";
import type { CallOptions } from "./call-types.js";

/** One operation of the generated table, as a call needs it. */
export interface Route {
  method: OperationSpec["method"];
  path: string;
  operationId: string;
  expect: Call["expect"];
}

/** The route of a table entry: deletes answer 204, every other operation a JSON object. */
export const routeOf = (operationId: string, spec: OperationSpec): Route => ({
  method: spec.method,
  path: spec.path,
  operationId,
  expect: spec.method === "DELETE" ? "none" : "object",
});

/**
 * What a call sends, already checked: its URL below the base URL, body and extra headers. Every
 * key is required, so that none is ever read from Object.prototype.
 */
export interface RouteInit extends Pick<BuiltRequest, "target" | "body"> {
  headers: Record<string, string> | undefined;
}

/** A call's result: the parsed success body, and the status and headers it came with. */
export interface Outcome {
  data: unknown;
  status: number;
  headers: Headers;
}

export type Invoke = (
  route: Route,
  init: RouteInit,
  options: CallOptions | undefined,
  locationId: string,
) => Promise<Outcome>;

export const CALL_OPTIONS = new Set<string>([
  "signal",
  "timeoutMs",
  "maxRetries",
  "totalTimeoutMs",
  "maxResponseBytes",
  "headers",
  "version",
] satisfies (keyof CallOptions)[]);

export function createInvoke(send: Send, config: ResolvedOptions): Invoke {
  return async (route, init, options, locationId) => {
    options = ownCopy(options);
    const call = callOf(route, options, config, locationId);
    const url = config.baseUrl + init.target;
    // The client's headers, then the call's; a JSON body says so unless a header already did.
    const headers = new Headers(config.headers);
    for (const extra of [init.headers, options?.headers]) {
      for (const [name, value] of Object.entries(extra ?? {})) headers.set(name, value);
    }
    let body: string | undefined;
    if (init.body !== undefined) {
      body = JSON.stringify(init.body);
      if (!headers.has("content-type")) headers.set("content-type", "application/json");
    }
    const reply = await send({ method: route.method, url, headers, body }, call);
    return { data: reply.data, status: reply.status, headers: reply.headers };
  };
}

/** The call's settings: the client's, overridden by the call's own options (each checked). */
function callOf(
  route: Route,
  options: CallOptions | undefined,
  config: ResolvedOptions,
  locationId: string,
): Call {
  const Err = InvalidRequestError;
  let { timeoutMs, maxRetries, totalTimeoutMs, maxResponseBytes, version } = config;
  let signal: AbortSignal | undefined;
  if (options !== undefined) {
    if (typeof options !== "object" || options === null || Array.isArray(options))
      throw new Err("call options must be an object");
    checkKeys(options, CALL_OPTIONS, "call option", Err);
    timeoutMs = checkMs("timeoutMs", options.timeoutMs, Err) ?? timeoutMs;
    maxRetries = checkCount("maxRetries", options.maxRetries, 0, Err) ?? maxRetries;
    totalTimeoutMs = checkMs("totalTimeoutMs", options.totalTimeoutMs, Err) ?? totalTimeoutMs;
    maxResponseBytes = checkCount("maxResponseBytes", options.maxResponseBytes, 1, Err) ?? maxResponseBytes;
    if (options.version !== undefined) version = checkVersion(options.version, Err);
    options.headers = checkHeaders(options.headers, "headers", Err);
    signal = options.signal ?? undefined;
    if (signal !== undefined && !(signal instanceof AbortSignal))
      throw new Err("signal must be an AbortSignal");
  }
  const startedAt = performance.now();
  return {
    operationId: route.operationId,
    locationId: locationId || config.locationId || undefined,
    signal,
    timeoutMs,
    maxRetries,
    deadline: totalTimeoutMs === undefined ? undefined : startedAt + totalTimeoutMs,
    version,
    expect: route.expect,
    maxResponseBytes,
    startedAt,
    attempt: 1,
  };
}
