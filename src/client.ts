import createClient, { type Client } from "openapi-fetch";
import { operations, type OperationSpec } from "../generated/operations.js";
import {
  APIConnectionError,
  APITimeoutError,
  APIUserAbortError,
  ConfigurationError,
  InvalidRequestError,
  InvalidResponseError,
  VoiceAIError,
  type RequestInfo,
} from "./errors.js";
import { checkCount, checkVersion, resolveOptions, type VoiceAIClientOptions } from "./options.js";
import { paginateItems, paginatePages, type Page } from "./pagination.js";
import { createRateLimiter, type RateLimitInfo } from "./rate-limit.js";
import { buildRequest, serializeQuery } from "./request-builder.js";
import { createTransport, safeUrl, type CallContext } from "./transport.js";
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

type RawInit = { signal?: AbortSignal | null; parseAs?: string } & CallOptions;
const HTTP_METHODS = ["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"] as const;
const specs: readonly OperationSpec[] = Object.values(operations);

/** Creates a client. Every option is checked here: a bad one throws ConfigurationError. */
export function createVoiceAIClient<const O extends VoiceAIClientOptions>(
  options: O,
): VoiceAIClient<O extends { locationId: string } ? true : false> {
  const config = resolveOptions(options);
  const commaSeparated = new Set(
    specs.flatMap((s) => s.query.filter((q) => q.commaSeparated).map((q) => q.name)),
  );
  const querySerializer = (query: Record<string, unknown>) => serializeQuery(query, commaSeparated);
  const latestRateLimit = new Map<string, RateLimitInfo>();
  const limits =
    options.rateLimit === false
      ? { maxPerInterval: Infinity, maxPerDay: Infinity }
      : { ...options.rateLimit };
  for (const [name, value] of Object.entries(limits)) {
    if (value !== undefined && value !== Infinity)
      checkCount(`rateLimit.${name}`, value, 1, ConfigurationError);
  }
  const limiter =
    options.rateLimit === false && options.maxConcurrency === undefined
      ? undefined
      : createRateLimiter({
          ...limits,
          ...(options.maxConcurrency !== undefined && {
            maxConcurrency: checkCount("maxConcurrency", options.maxConcurrency, 1, ConfigurationError),
          }),
        });

  const send = createTransport({
    origin: config.origin,
    getToken: config.getToken,
    fetch: config.fetch,
    limiter,
    operationIdOf,
    onRetry: options.onRetry,
    onResponse: options.onResponse,
    onRateLimit: (locationId, rateLimit) => latestRateLimit.set(locationId, rateLimit),
  });
  const base = createClient<RawPaths>({ baseUrl: config.baseUrl, headers: config.headers, querySerializer });

  /** Sends one request through openapi-fetch and the transport, mapping every failure to a VoiceAIError. */
  async function invoke(
    method: string,
    path: string,
    init: Record<string, unknown>,
    callOptions: CallOptions | undefined,
    operationId: string | undefined,
    locationId: string,
  ) {
    const ctx: CallContext = {
      operationId,
      signal: (callOptions?.signal ?? (init.signal as AbortSignal | undefined)) || undefined,
      timeoutMs:
        callOptions?.timeoutMs === undefined
          ? config.timeoutMs
          : checkCount("timeoutMs", callOptions.timeoutMs, 1, InvalidRequestError),
      maxRetries:
        callOptions?.maxRetries === undefined
          ? config.maxRetries
          : checkCount("maxRetries", callOptions.maxRetries, 0, InvalidRequestError),
      deadline: deadlineOf(callOptions?.totalTimeoutMs ?? config.totalTimeoutMs),
      version:
        callOptions?.version === undefined
          ? config.version
          : checkVersion(callOptions.version, InvalidRequestError),
      locationId: locationId || config.locationId || "",
      expectJson: init.parseAs === undefined || init.parseAs === "json",
    };
    let fetched = false;
    try {
      return await base.request(
        method.toLowerCase() as "get",
        path as never,
        {
          ...init,
          headers: { ...(init.headers as object), ...callOptions?.headers },
          fetch: (request: Request) => {
            fetched = true;
            return send(request, ctx);
          },
        } as never,
      );
    } catch (error) {
      if (error instanceof VoiceAIError) throw error;
      if (!fetched)
        throw new InvalidRequestError(`${operationId ?? path}: the request could not be built`, {
          cause: error,
        });
      // The transport returned a 2xx response; what failed was reading or parsing its body.
      const info: RequestInfo = { operationId, method, url: safeUrl(ctx.url ?? "") };
      if (ctx.signal?.aborted) throw new APIUserAbortError(info, ctx.signal.reason);
      if (ctx.timedOut) throw new APITimeoutError(info, ctx.timeoutMs);
      if (error instanceof SyntaxError)
        throw new InvalidResponseError(info, ctx.status ?? 0, "the body is not valid JSON", "", error);
      throw new APIConnectionError(info, "Reading the response failed", error);
    } finally {
      ctx.finish?.();
    }
  }

  async function callOperation(
    spec: OperationSpec,
    params: Record<string, unknown> | undefined,
    callOptions?: CallOptions,
  ) {
    const built = buildRequest(spec, params, config.locationId);
    const init: Record<string, unknown> = { params: { path: built.path, query: built.query } };
    if (built.body !== undefined) init.body = built.body;
    const { data } = await invoke(
      spec.method,
      spec.path,
      init,
      callOptions,
      spec.operationId,
      built.locationId,
    );
    return spec.noContent ? undefined : data;
  }

  const groups: Record<string, Record<string, unknown>> = {};
  for (const spec of specs) {
    const group = (groups[spec.group] ??= {});
    group[spec.name] = (params?: Record<string, unknown>, callOptions?: CallOptions) =>
      callOperation(spec, params, callOptions);
    const { pagination } = spec;
    if (pagination) {
      const fetchPage =
        (params: Record<string, unknown> | undefined, callOptions: CallOptions | undefined) =>
        async (page: number, pageSize: number): Promise<Page<unknown>> => {
          const result = (await callOperation(
            spec,
            { ...params, page, pageSize },
            callOptions,
          )) as unknown as Record<string, unknown>;
          return {
            total: Number(result.total),
            page: Number(result.page),
            pageSize: Number(result.pageSize),
            items: (result[pagination.items] as unknown[] | undefined) ?? [],
          };
        };
      group.listAll = (params?: Record<string, unknown>, callOptions?: CallOptions) =>
        paginateItems(fetchPage(params, callOptions), pageOptions(params));
      group.listPages = (params?: Record<string, unknown>, callOptions?: CallOptions) =>
        paginatePages(fetchPage(params, callOptions), pageOptions(params));
    }
  }

  const raw = { ...base } as Record<string, unknown>;
  for (const method of HTTP_METHODS) {
    raw[method] = (path: string, init: RawInit = {}) => {
      const { timeoutMs, maxRetries, totalTimeoutMs, version, headers, ...rest } = init;
      const locationId = ((init as { params?: { query?: { locationId?: unknown } } }).params?.query
        ?.locationId ?? "") as string;
      return invoke(
        method,
        path,
        { ...rest, headers },
        { timeoutMs, maxRetries, totalTimeoutMs, version },
        operationIdFor(method, path),
        locationId,
      );
    };
  }
  raw.request = (method: string, path: string, init?: RawInit) =>
    (raw[method.toUpperCase()] as Function)(path, init);

  return Object.freeze({
    ...groups,
    raw: raw as unknown as Client<RawPaths>,
    rateLimit: (locationId?: string) => latestRateLimit.get(locationId ?? config.locationId ?? ""),
  }) as unknown as VoiceAIClient<O extends { locationId: string } ? true : false>;
}

function deadlineOf(totalTimeoutMs: number | undefined): number | undefined {
  return totalTimeoutMs === undefined
    ? undefined
    : Date.now() + checkCount("totalTimeoutMs", totalTimeoutMs, 1, InvalidRequestError);
}

function pageOptions(params: Record<string, unknown> | undefined) {
  const pageSize = params?.pageSize;
  return typeof pageSize === "number" ? { pageSize } : {};
}

function operationIdFor(method: string, path: string): string | undefined {
  return specs.find((s) => s.method === method && s.path === path)?.operationId;
}

let matchers: { method: string; pattern: RegExp; operationId: string }[] | undefined;
/** Which operation a URL belongs to (for errors of raw calls); built on first use. */
function operationIdOf(method: string, url: string): string | undefined {
  matchers ??= specs.map((s) => ({
    method: s.method,
    pattern: new RegExp(`${s.path.replace(/\{[^}]+\}/g, "[^/]+")}$`),
    operationId: s.operationId,
  }));
  const path = new URL(safeUrl(url) || "http://invalid/").pathname;
  return matchers.find((m) => m.method === method && m.pattern.test(path))?.operationId;
}
