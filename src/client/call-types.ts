/**
 * Types the client's public surface is built from: call options, the parameters and results
 * of operations (derived from generated/schema.ts, so that the spec alone decides them), the
 * helpers the generated method interfaces use for `locationId`, and pages. The raw client's
 * types are in raw-types.ts.
 */
import type { Client } from "openapi-fetch";
import type { operations as OperationTypes, paths } from "../../generated/schema.js";
import type { ApiVersion, operations as OperationTable } from "../../generated/operations.js";

export type { ApiVersion };
export type OperationId = keyof typeof OperationTable;

/** Options every method accepts as its second argument. */
export interface CallOptions {
  signal?: AbortSignal | undefined;
  /** Per-attempt timeout in ms (default: the client's `timeoutMs`). */
  timeoutMs?: number | undefined;
  /** Retries after the first attempt (default: the client's `maxRetries`). */
  maxRetries?: number | undefined;
  /**
   * Bound on the whole call in ms, all attempts and waits included (default: the client's
   * `totalTimeoutMs`, none unless set). No retry wait is started that would end past it.
   */
  totalTimeoutMs?: number | undefined;
  /** Extra request headers for this call. */
  headers?: Record<string, string> | undefined;
  /** The `Version` header for this call. */
  version?: ApiVersion | undefined;
  /** Largest success body read for this call, in bytes (default: the client's). */
  maxResponseBytes?: number | undefined;
}

/** A call's data with the HTTP response it came in, for support requests and logs. */
export interface WithResponse<T> {
  data: T;
  /** The response's status and headers (its body was read into `data`). */
  response: Response;
  /** HighLevel's id of the request (`x-request-id`), when the response carries one. */
  requestId: string | undefined;
}

/** What a method returns: a promise of the data that can also give the response beside it. */
export interface APIPromise<T> extends Promise<T> {
  /** The same call's data with its response and request id (the call is not sent again). */
  withResponse(): Promise<WithResponse<T>>;
}

type Simplify<T> = { [K in keyof T]: T[K] } & {};
type Params<Op, Where extends string> = Op extends { parameters: { [W in Where]: infer P } }
  ? [P] extends [never]
    ? {}
    : P extends undefined
      ? {}
      : NonNullable<P>
  : {};
type LocationOptional<T, HasDefault extends boolean> = HasDefault extends true
  ? T extends { locationId: unknown }
    ? Omit<T, "locationId"> & { locationId?: T["locationId"] }
    : T
  : T;
/** `Omit` that keeps a union a union (each action type stays its own member). */
type DistributiveLocationOptional<T, HasDefault extends boolean> = T extends unknown
  ? LocationOptional<T, HasDefault>
  : never;
type BodyOf<Op> = Op extends { requestBody?: infer R }
  ? [NonNullable<R>] extends [never]
    ? never
    : NonNullable<R> extends { content: { "application/json": infer B } }
      ? B
      : never
  : never;
type BodyParam<Op, HasDefault extends boolean> = [BodyOf<Op>] extends [never]
  ? {}
  : Op extends { requestBody: unknown }
    ? { body: DistributiveLocationOptional<BodyOf<Op>, HasDefault> }
    : { body?: DistributiveLocationOptional<BodyOf<Op>, HasDefault> };

/** The single argument of a method: path and query parameters by name, the body under `body`. */
export type MethodParams<Id extends OperationId, HasDefaultLocation extends boolean = false> = Simplify<
  Params<OperationTypes[Id], "path"> &
    LocationOptional<Params<OperationTypes[Id], "query">, HasDefaultLocation> &
    BodyParam<OperationTypes[Id], HasDefaultLocation>
>;

type SuccessStatus = 200 | 201 | 202 | 203 | 204 | 206;
/** The success body of an operation, or undefined when it answers without content (204). */
export type SuccessBody<Op> = Op extends { responses: infer R }
  ? {
      [S in keyof R]: S extends SuccessStatus
        ? R[S] extends { content: { "application/json": infer T } }
          ? T
          : undefined
        : never;
    }[keyof R]
  : never;
/** What an operation resolves to: the success body, or undefined for 204. */
export type MethodResult<Id extends OperationId> = SuccessBody<OperationTypes[Id]>;

/** `locationId` as a client without a default location must be given it. */
export interface RequiredLocation {
  /** ID of the location (sub-account) the request applies to. */
  locationId: string;
}
/** A request body that must name its location. */
export interface RequiredBodyLocation {
  body: RequiredLocation;
}
/**
 * The parameters `P` (where `locationId` is optional) as a client takes them. `D` is `false`
 * for a client without a default location: it must be given `locationId` on every call.
 */
export type WithLocation<P, D extends boolean> = [D] extends [false] ? P & RequiredLocation : P;
/** Like `WithLocation`, for parameters that may be left out whenever `locationId` may. */
export type OptionalWithLocation<P, D extends boolean> = [D] extends [false]
  ? P & RequiredLocation
  : P | void;
/** Like `WithLocation`, for a `locationId` in the request body. */
export type WithBodyLocation<P, D extends boolean> = [D] extends [false] ? P & RequiredBodyLocation : P;

/** One page of a paginated list, with the items under `items`. */
export interface Page<T> {
  total: number;
  page: number;
  pageSize: number;
  items: T[];
}

type OptionalVersion<Op> = Op extends { parameters: { header: infer H } }
  ? Omit<Op, "parameters"> & { parameters: Omit<Op["parameters"], "header"> & { header?: Partial<H> } }
  : Op;
/** The spec's paths with the `Version` header optional: the client sets it. */
export type RawPaths = { [P in keyof paths]: { [M in keyof paths[P]]: OptionalVersion<paths[P][M]> } };
