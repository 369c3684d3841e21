/**
 * One call: its options checked, its `Call` settings fixed, and the request openapi-fetch builds
 * handed to the pipeline. openapi-fetch never reads the body: the pipeline already has (inside
 * the attempt, under its timer), and its parsed JSON is the call's result.
 */
import type { Client } from "openapi-fetch";
import type { OperationSpec } from "../generated/operations.js";
import { InvalidRequestError, VoiceAIError } from "./errors.js";
import { describeError } from "./logger.js";
import { checkCount, checkHeaders, checkKeys, checkVersion, type ResolvedOptions } from "./options.js";
import type { Call, Reply, Send } from "./pipeline/types.js";
import { ownCopy } from "./request-builder.js";
import type { CallOptions } from "./types.js";

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

const LOWER = {
  GET: "get",
  PUT: "put",
  POST: "post",
  DELETE: "delete",
  OPTIONS: "options",
  HEAD: "head",
  PATCH: "patch",
  TRACE: "trace",
} as const;
type LowerMethod = (typeof LOWER)[keyof typeof LOWER];
interface LooseOperation {
  parameters: {
    query?: Record<string, unknown>;
    path?: Record<string, string>;
    header?: Record<string, string>;
  };
  requestBody?: { content: { "application/json": unknown } };
  responses: {};
}
/**
 * The paths as the pipeline sends them: any route of the table, its values already checked (the
 * methods' types, and raw's, are the precise ones). openapi-fetch only builds the request.
 */
export type LoosePaths = Record<string, Record<LowerMethod, LooseOperation>>;

export interface RouteInit {
  params: LooseOperation["parameters"];
  body?: unknown;
  headers?: Record<string, string> | undefined;
}

export interface Outcome {
  data: unknown;
  response: Response;
}

export type Invoke = (
  route: Route,
  init: RouteInit,
  options: CallOptions | undefined,
  locationId: string,
) => Promise<Outcome>;

const CALL_OPTIONS = new Set<string>([
  "signal",
  "timeoutMs",
  "maxRetries",
  "totalTimeoutMs",
  "maxResponseBytes",
  "headers",
  "version",
] satisfies (keyof CallOptions)[]);

export function createInvoke(base: Client<LoosePaths>, send: Send, config: ResolvedOptions): Invoke {
  return async (route, init, options, locationId) => {
    // Own properties only: openapi-fetch would read `headers` or `params.header` off Object.prototype.
    options = ownCopy(options);
    const { params, body, headers: given } = ownCopy(init);
    const call = callOf(route, options, config, locationId);
    const headers = { ...given, ...options?.headers };
    let reply: Reply | undefined;
    const fetch = async (request: Request) => {
      const body = request.body ? await request.arrayBuffer() : undefined;
      reply = await send({ method: request.method, url: request.url, headers: request.headers, body }, call);
      return new Response(null, { status: reply.status, headers: reply.headers });
    };
    try {
      const { response } = await base.request(LOWER[route.method], route.path, {
        params: ownCopy(params),
        body,
        headers,
        fetch,
        parseAs: "stream",
      });
      return { data: reply!.data, response };
    } catch (error) {
      if (error instanceof VoiceAIError) throw error;
      // openapi-fetch failed before anything was sent: the URL or the body could not be built.
      throw new InvalidRequestError(
        `${route.operationId ?? route.path}: the request could not be built (${describeError(error)})`,
      );
    }
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
    timeoutMs = checkCount("timeoutMs", options.timeoutMs, 1, Err) ?? timeoutMs;
    maxRetries = checkCount("maxRetries", options.maxRetries, 0, Err) ?? maxRetries;
    totalTimeoutMs = checkCount("totalTimeoutMs", options.totalTimeoutMs, 1, Err) ?? totalTimeoutMs;
    maxResponseBytes = checkCount("maxResponseBytes", options.maxResponseBytes, 1, Err) ?? maxResponseBytes;
    if (options.version !== undefined) version = checkVersion(options.version, Err);
    checkHeaders(options.headers, "headers", Err);
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
