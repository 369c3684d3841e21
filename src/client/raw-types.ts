/**
 * Types of `voiceAI.raw`: requests by path and method, typed by the spec. Errors throw, so a
 * result always holds the success body; only the spec's paths are accepted.
 */
import type { ParamsOption, RequestBodyOption } from "openapi-fetch";
import type { CallOptions, RawPaths, SuccessBody } from "./call-types.js";

type HttpVerb = "get" | "put" | "post" | "delete" | "patch";
type RequiredKeys<T> = { [K in keyof T]-?: {} extends Pick<T, K> ? never : K }[keyof T];

/** The spec's paths that have an operation for the method `M`. */
export type RawPathsWith<M extends HttpVerb> = {
  [P in keyof RawPaths]: RawPaths[P][M] extends { responses: unknown } ? P : never;
}[keyof RawPaths];

/** The second argument of a `raw` call: the operation's params and body, and the call options. */
export type RawInit<Op> = ParamsOption<Op> & RequestBodyOption<Op> & CallOptions;

type RawArgs<Op> = RequiredKeys<RawInit<Op>> extends never ? [init?: RawInit<Op>] : [init: RawInit<Op>];

/**
 * What a `raw` call resolves to. An error status throws, so `data` is the success body (parsed
 * JSON; undefined for a 204). `response` carries the status and headers; its body was read.
 */
export interface RawResponse<T> {
  data: T;
  response: Response;
}

type RawMethod<M extends HttpVerb> = <P extends RawPathsWith<M>>(
  path: P,
  ...init: RawArgs<RawPaths[P][M]>
) => Promise<RawResponse<SuccessBody<RawPaths[P][M]>>>;

/**
 * Requests by path and method, typed by the spec, with the same auth, version, retries, rate
 * limiting, argument checks and typed errors as the methods. Only the spec's paths are accepted,
 * and an error status throws. openapi-fetch's middleware (`use`/`eject`) is not part of it: use the client's
 * `fetch`, `onRetry` and `onResponse` options instead.
 */
export interface RawClient {
  /** Sends a GET to one of the spec's paths. */
  GET: RawMethod<"get">;
  /** Sends a PUT to one of the spec's paths. */
  PUT: RawMethod<"put">;
  /** Sends a POST to one of the spec's paths. */
  POST: RawMethod<"post">;
  /** Sends a DELETE to one of the spec's paths. */
  DELETE: RawMethod<"delete">;
  /** Sends a PATCH to one of the spec's paths. */
  PATCH: RawMethod<"patch">;
  /** Sends a request with the method given in lower case (`"get"`, `"post"`, ...). */
  request<M extends HttpVerb, P extends RawPathsWith<M>>(
    method: M,
    path: P,
    ...init: RawArgs<RawPaths[P][M]>
  ): Promise<RawResponse<SuccessBody<RawPaths[P][M]>>>;
}
