/**
 * The client's methods, one per operation of the generated table, grouped as the table says
 * (`agents.get`), plus `listAll`/`listPages` for the paginated lists.
 */
import { operations, type OperationSpec } from "../../generated/operations.js";
import { APIUserAbortError, InvalidRequestError, InvalidResponseError } from "../errors/index.js";
import { apiPromise } from "./api-promise.js";
import { routeOf, type Invoke } from "./invoke.js";
import { checkCount } from "../request/checks.js";
import { paginateItems, paginatePages, type Page } from "./pagination.js";
import { isObject, ownCopy } from "../request/own.js";
import { requestBuilder } from "../request/builder.js";
import type { CallOptions } from "./call-types.js";

type Params = Record<string, unknown> | undefined;
type Method = (params?: Params, options?: CallOptions) => Promise<unknown>;
export type Groups = Record<string, Record<string, Function>>;

export const operationTable = Object.entries(operations) as [string, OperationSpec][];

/** Per operation, built once: how it is called and how its arguments become a request. */
export const routes = operationTable.map(([operationId, spec]) => ({
  spec,
  route: routeOf(operationId, spec),
  builder: requestBuilder(operationId, spec),
}));

export function buildMethods(invoke: Invoke, defaultLocationId: string | undefined): Groups {
  const groups: Groups = {};
  for (const { spec, route, builder } of routes) {
    const call: Method = (params, options) =>
      apiPromise(
        (async () => {
          const { target, body, locationId } = builder.fromParams(params, defaultLocationId);
          return invoke(route, { target, body, headers: undefined }, options, locationId);
        })(),
      );
    const group = (groups[spec.group] ??= {});
    group[spec.name] = call;
    if (spec.items) Object.assign(group, paginated(route.operationId, spec, spec.items, call));
  }
  return groups;
}

/** listAll and listPages over a page-based list operation; pages are as large as the spec allows. */
function paginated(operationId: string, spec: OperationSpec, items: string, call: Method) {
  const info = { operationId, method: "GET", url: "" };
  const largest = spec.query.pageSize?.max;
  const iterate = <T>(
    each: typeof paginateItems<unknown> | typeof paginatePages<unknown>,
    params: Params,
    options: CallOptions | undefined,
  ) => {
    const fail = (message: string): never => {
      throw new InvalidRequestError(`${operationId}: ${message}`);
    };
    if (params !== undefined && !isObject(params)) fail("the parameters must be an object");
    // Own properties only: a `page` on Object.prototype is not where the listing starts.
    const { page, pageSize, ...rest } = ownCopy(params ?? {});
    options = ownCopy(options);
    checkCount("page", page, 1, InvalidRequestError);
    // The spec's maximum page size is checked with the other query values when a page is fetched.
    checkCount("pageSize", pageSize, 1, InvalidRequestError);
    const fetchPage = async (p: number, size: number) => {
      const result = (await call({ ...rest, page: p, pageSize: size }, options)) as Record<string, unknown>;
      const list = result[items];
      if (!Array.isArray(list)) {
        throw new InvalidResponseError(info, 200, `expected a list under "${items}"`, "");
      }
      return { ...result, items: list } as Page<unknown>;
    };
    return each(fetchPage, {
      pageSize: (pageSize as number | undefined) ?? largest,
      startPage: page as number | undefined,
      signal: options?.signal,
      aborted: (reason) => new APIUserAbortError(info, "Aborted by the caller", reason),
      stuck: (p) =>
        new InvalidResponseError(
          info,
          200,
          `page ${p} repeats a page before it: the server ignores "page"`,
          "",
        ),
    }) as AsyncIterableIterator<T>;
  };
  return {
    listAll: (params?: Params, options?: CallOptions) => iterate(paginateItems, params, options),
    listPages: (params?: Params, options?: CallOptions) => iterate(paginatePages, params, options),
  };
}
