import createClient, { type Client } from "openapi-fetch";
import { operations, type OperationSpec } from "../generated/operations.js";
import {
  APIConnectionError,
  ConfigurationError,
  InvalidRequestError,
  InvalidResponseError,
  VoiceAIError,
} from "./errors.js";
import { checkCount, checkVersion, resolveOptions, type VoiceAIClientOptions } from "./options.js";
import { paginateItems, paginatePages, type Page } from "./pagination.js";
import { createRateLimiter, type RateLimitInfo } from "./rate-limit.js";
import { queryParam, requestBuilder, serializeQuery } from "./request-builder.js";
import {
  MAX_RETRY_WAIT_MS,
  abortError,
  createTransport,
  requestInfo,
  timeoutError,
  type CallContext,
} from "./transport.js";
import type { CallOptions, OperationGroups, RawPaths } from "./types.js";

export type VoiceAIClient<HasDefaultLocation extends boolean = false> =
  OperationGroups<HasDefaultLocation> & {
    /**
     * The typed openapi-fetch client (GET/POST/... by path), with the same auth, version,
     * retries, rate limiting and typed errors as the methods. Error statuses throw.
     */
    readonly raw: Client<RawPaths>;
    /** The X-RateLimit-* headers of the latest response for a location (default: the client's). */
    rateLimit(locationId?: string): RateLimitInfo | undefined;
  };

type Params = Record<string, unknown> | undefined;
const HTTP_METHODS = ["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"];
const table = Object.entries(operations) as [string, OperationSpec][];
const commaSeparated = new Set(
  table.flatMap(([, s]) =>
    s.query
      .map(queryParam)
      .filter((q) => q.commaSeparated)
      .map((q) => q.name),
  ),
);
/** operationId by "METHOD /path/template", for calls made through `raw`. */
const operationIdByRoute = new Map(table.map(([id, s]) => [`${s.method} ${s.path}`, id]));
const querySerializer = (query: Record<string, unknown>) => serializeQuery(query, commaSeparated);

/** Creates a client. Every option is checked here: a bad one throws ConfigurationError. */
export function createVoiceAIClient<const O extends VoiceAIClientOptions>(
  options: O,
): VoiceAIClient<O extends { locationId: string } ? true : false> {
  const config = resolveOptions(options);
  const latestRateLimit = new Map<string, RateLimitInfo>();
  const { rateLimit, maxConcurrency } = options;
  const { store, ...limits } =
    rateLimit === false ? { maxPerInterval: Infinity, maxPerDay: Infinity } : { ...rateLimit };
  for (const [name, value] of Object.entries(limits)) {
    if (value !== Infinity) checkCount(`rateLimit.${name}`, value, 1, ConfigurationError);
  }
  checkCount("maxConcurrency", maxConcurrency, 1, ConfigurationError);
  if (store !== undefined && typeof store?.createLimiter !== "function") {
    throw new ConfigurationError("rateLimit.store needs createLimiter (createRedisStore)");
  }
  const limiterOptions = { ...limits, maxConcurrency, maxDailyWaitMs: MAX_RETRY_WAIT_MS };
  const limiter =
    rateLimit === false && maxConcurrency === undefined
      ? undefined
      : store
        ? store.createLimiter(limiterOptions)
        : createRateLimiter(limiterOptions);

  const send = createTransport({
    origin: config.origin,
    getToken: config.getToken,
    fetch: config.fetch,
    limiter,
    onRetry: options.onRetry,
    onResponse: options.onResponse,
    onRateLimit: (locationId, info) => latestRateLimit.set(locationId, info),
  });
  // Redirects are followed by the transport, which decides where the credentials may go.
  const base = createClient<RawPaths>({
    baseUrl: config.baseUrl,
    headers: config.headers,
    querySerializer,
    redirect: "manual",
  });

  /** Sends one request through openapi-fetch and the transport, mapping every failure to a VoiceAIError. */
  async function invoke(
    method: string,
    path: string,
    init: Record<string, unknown>,
    call: CallOptions | undefined,
    operationId: string | undefined,
    locationId: string,
  ) {
    const ctx: CallContext = {
      operationId,
      signal: call?.signal ?? undefined,
      timeoutMs: config.timeoutMs,
      maxRetries: config.maxRetries,
      deadline: undefined,
      version: config.version,
      locationId: locationId || config.locationId || "",
      expectJson: (init.parseAs ?? "json") === "json",
    };
    let total = config.totalTimeoutMs;
    if (call) {
      ctx.timeoutMs = checkCount("timeoutMs", call.timeoutMs, 1, InvalidRequestError) ?? ctx.timeoutMs;
      ctx.maxRetries = checkCount("maxRetries", call.maxRetries, 0, InvalidRequestError) ?? ctx.maxRetries;
      total = checkCount("totalTimeoutMs", call.totalTimeoutMs, 1, InvalidRequestError) ?? total;
      if (call.version !== undefined) ctx.version = checkVersion(call.version, InvalidRequestError);
      if (call.headers) init.headers = { ...(init.headers as object), ...call.headers };
    }
    if (total !== undefined) ctx.deadline = Date.now() + total;
    init.fetch = (request: Request) => send(request, ctx);
    try {
      return await base.request(method as "get", path as never, init as never);
    } catch (error) {
      if (error instanceof VoiceAIError) throw error;
      if (!ctx.request)
        throw new InvalidRequestError(`${operationId ?? path}: the request could not be built`, {
          cause: error,
        });
      // The transport returned a 2xx response; reading or parsing its body failed.
      const info = requestInfo(ctx);
      if (ctx.signal?.aborted) throw abortError(ctx, ctx.signal.reason);
      if (ctx.timedOut) throw timeoutError(ctx);
      if (error instanceof SyntaxError)
        throw new InvalidResponseError(info, ctx.status!, "the body is not valid JSON", "", error);
      throw new APIConnectionError(info, "Reading the response failed", error);
    } finally {
      ctx.finish?.();
    }
  }

  const groups: Record<string, Record<string, unknown>> = {};
  for (const [operationId, spec] of table) {
    const build = requestBuilder(operationId, spec);
    const call = async (params: Params, callOptions?: CallOptions) => {
      const { path, query, body, locationId } = build(params, config.locationId);
      const init: Record<string, unknown> = { params: { path, query }, body };
      return (await invoke(spec.method, spec.path, init, callOptions, operationId, locationId)).data;
    };
    const group = (groups[spec.group] ??= {});
    group[spec.name] = call;
    const { items } = spec;
    if (items) {
      const fetchPage =
        (params: Params, callOptions?: CallOptions) => async (page: number, pageSize: number) => {
          const result = (await call({ ...params, page, pageSize }, callOptions)) as unknown as Record<
            string,
            unknown
          >;
          return {
            ...result,
            items: (result[items] as unknown[] | undefined) ?? [],
          } as unknown as Page<unknown>;
        };
      const size = (params: Params) => ({ pageSize: (params?.pageSize as number | undefined) ?? 50 });
      group.listAll = (params: Params, callOptions?: CallOptions) =>
        paginateItems(fetchPage(params, callOptions), size(params));
      group.listPages = (params: Params, callOptions?: CallOptions) =>
        paginatePages(fetchPage(params, callOptions), size(params));
    }
  }

  const raw: Record<string, unknown> = { ...base };
  for (const method of HTTP_METHODS) {
    raw[method] = (path: string, init: Record<string, unknown> & CallOptions = {}) => {
      const { timeoutMs, maxRetries, totalTimeoutMs, version, headers, signal, ...rest } = init;
      const location = (init.params as { query?: { locationId?: unknown } } | undefined)?.query?.locationId;
      const operationId = operationIdByRoute.get(`${method} ${path}`);
      return invoke(
        method,
        path,
        { ...rest, headers },
        { timeoutMs, maxRetries, totalTimeoutMs, version, signal },
        operationId,
        typeof location === "string" ? location : "",
      );
    };
  }
  raw.request = (method: string, path: string, init?: object) =>
    (raw[method.toUpperCase()] as Function)(path, init);

  return Object.freeze({
    ...groups,
    raw,
    rateLimit: (locationId?: string) => latestRateLimit.get(locationId ?? config.locationId ?? ""),
  }) as never;
}
