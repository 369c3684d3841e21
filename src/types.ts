/**
 * Type-level view of the generated operation table: the argument and result types of every
 * method, derived from generated/schema.ts, so that the spec alone decides them.
 */
import type { Client } from "openapi-fetch";
import type { operations as OperationTypes, paths } from "../generated/schema.js";
import type { ApiVersion, operations as OperationTable } from "../generated/operations.js";

export type { ApiVersion };
export type OperationId = keyof typeof OperationTable;
type Table = typeof OperationTable;

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
/** What a method resolves to: the success body, or undefined for 204. */
export type MethodResult<Id extends OperationId> = OperationTypes[Id] extends { responses: infer R }
  ? {
      [S in keyof R]: S extends SuccessStatus
        ? R[S] extends { content: { "application/json": infer T } }
          ? T
          : undefined
        : never;
    }[keyof R]
  : never;

type RequiredKeys<T> = { [K in keyof T]-?: {} extends Pick<T, K> ? never : K }[keyof T];
export type Method<Id extends OperationId, HasDefaultLocation extends boolean> =
  RequiredKeys<MethodParams<Id, HasDefaultLocation>> extends never
    ? (params?: MethodParams<Id, HasDefaultLocation>, options?: CallOptions) => Promise<MethodResult<Id>>
    : (params: MethodParams<Id, HasDefaultLocation>, options?: CallOptions) => Promise<MethodResult<Id>>;

/** One page of a paginated list, with the items under `items`. */
export interface Page<T> {
  total: number;
  page: number;
  pageSize: number;
  items: T[];
}

type PaginatedIds = { [Id in OperationId]: Table[Id] extends { items: string } ? Id : never }[OperationId];
type ItemsKey<Id extends PaginatedIds> = Table[Id] extends { items: infer K } ? K : never;
export type PageItem<Id extends PaginatedIds> =
  MethodResult<Id> extends infer R
    ? ItemsKey<Id> extends keyof R
      ? R[ItemsKey<Id>] extends (infer T)[]
        ? T
        : never
      : never
    : never;
type ListParams<Id extends PaginatedIds, D extends boolean> = Omit<MethodParams<Id, D>, "page">;
type ListAllMethods<Id extends PaginatedIds, D extends boolean> =
  RequiredKeys<ListParams<Id, D>> extends never
    ? {
        /** Every item of every page; pages are fetched as the loop asks for them. */
        listAll(params?: ListParams<Id, D>, options?: CallOptions): AsyncIterableIterator<PageItem<Id>>;
        /** Every page, with `total`; pages are fetched as the loop asks for them. */
        listPages(
          params?: ListParams<Id, D>,
          options?: CallOptions,
        ): AsyncIterableIterator<Page<PageItem<Id>>>;
      }
    : {
        listAll(params: ListParams<Id, D>, options?: CallOptions): AsyncIterableIterator<PageItem<Id>>;
        listPages(
          params: ListParams<Id, D>,
          options?: CallOptions,
        ): AsyncIterableIterator<Page<PageItem<Id>>>;
      };

type Groups = Table[OperationId]["group"];
type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void
  ? I
  : never;

/** The methods of one group (`agents`, `actions`, `callLogs`), keyed by their names. */
export type GroupMethods<G extends Groups, D extends boolean> = {
  [Id in OperationId as Table[Id]["group"] extends G ? Table[Id]["name"] : never]: Method<Id, D>;
} & UnionToIntersection<
  {
    [Id in PaginatedIds]: Table[Id]["group"] extends G ? ListAllMethods<Id, D> : never;
  }[PaginatedIds] extends infer M
    ? [M] extends [never]
      ? {}
      : M
    : never
>;

/** Every group of methods the spec defines. */
export type OperationGroups<D extends boolean> = { [G in Groups]: GroupMethods<G, D> };

type OptionalVersion<Op> = Op extends { parameters: { header: infer H } }
  ? Omit<Op, "parameters"> & { parameters: Omit<Op["parameters"], "header"> & { header?: Partial<H> } }
  : Op;
/** The spec's paths with the `Version` header optional: the client sets it. */
export type RawPaths = { [P in keyof paths]: { [M in keyof paths[P]]: OptionalVersion<paths[P][M]> } };

/** openapi-fetch's calls by path; `use`/`eject` (middleware) are not offered: the pipeline does their work. */
export type RawClient = Omit<Client<RawPaths>, "use" | "eject">;
