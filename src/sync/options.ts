/**
 * The options every run takes (export and sync), checked before any request: a bad filter, page
 * size or location list fails once, naming what was wrong, instead of once per location.
 */
import { operations } from "../../generated/operations.js";
import { describe, checkCount } from "../request/checks.js";
import { InvalidRequestError } from "../errors/index.js";
import { isObject, ownCopy } from "../request/own.js";
import { checkQueryValue } from "../request/query-check.js";
import type { CallLogProgress, ExportFilters, LocationList } from "./types.js";

export interface RunOptions {
  /** The locations to read, each once. */
  locations: LocationList;
  /** Narrows the logs of every location (agent, contacts, live or trial, action types). */
  filters?: ExportFilters | undefined;
  /** Locations read at once (default 16); each within its own rate limit. */
  concurrency?: number | undefined;
  /** Call logs per request: 1 to 50 (default 50, the most the API gives). */
  pageSize?: number | undefined;
  /**
   * Requests of one location in flight at once, pages read ahead of the consumer. Default: 4,
   * lowered so that the run reads about 32 pages ahead in all (2 with 16 locations at once, 1
   * past 16): what is read ahead is memory, and V8 lets the heap grow to a few times what is live.
   */
  prefetch?: number | undefined;
  /**
   * Stops the run: requests in flight are aborted, what was acknowledged is written (sync), and the
   * iteration throws APIUserAbortError.
   */
  signal?: AbortSignal | undefined;
  /** Told after every page and every change of a location's state. A hook that throws is ignored. */
  onProgress?: ((progress: CallLogProgress) => void) | undefined;
}

export interface CheckedRun {
  filters: ExportFilters;
  concurrency: number;
  pageSize: number;
  /** undefined: {@link defaultPrefetch} for the locations read at once. */
  prefetch: number | undefined;
  signal: AbortSignal | undefined;
  onProgress: ((progress: CallLogProgress) => void) | undefined;
}

const spec = operations.listCallLogs.query;
export const MAX_PAGE_SIZE = spec.pageSize.max;
const FILTERS = ["agentId", "contactId", "callType", "actionType"] as const;
const MAX_LOCATION_ID = 128;

export const fail = (message: string): never => {
  throw new InvalidRequestError(message);
};

/** Pages (of up to 50 logs) a run reads ahead in all by default, over its locations read at once. */
export const READ_AHEAD_PAGES = 32;

/** The prefetch of each of `workers` locations read at once when none is given: 1 to 4. */
export const defaultPrefetch = (workers: number): number =>
  Math.max(1, Math.min(4, Math.floor(READ_AHEAD_PAGES / Math.max(1, workers))));

/** Refuses keys that are no option of the run (a typo must not be silently ignored). */
export function checkOptionKeys(options: object, known: readonly string[], what: string) {
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) fail(`${what}: unknown option ${describe(key)}`);
  }
}

export const RUN_KEYS = [
  "locations",
  "filters",
  "concurrency",
  "pageSize",
  "prefetch",
  "signal",
  "onProgress",
];

export function checkRun(options: RunOptions, what: string): CheckedRun {
  const filters: Record<string, unknown> = {}; // each value checked against the spec below
  if (options.filters !== undefined) {
    if (!isObject(options.filters)) fail(`${what}: filters must be an object`);
    const given = ownCopy(options.filters) as Record<string, unknown>;
    for (const [name, value] of Object.entries(given)) {
      if (!(FILTERS as readonly string[]).includes(name)) {
        fail(`${what}: unknown filter ${describe(name)} (filters are ${FILTERS.join(", ")})`);
      }
      if (value === undefined) continue;
      checkQueryValue(`filters.${name}`, value, spec[name as (typeof FILTERS)[number]], (m) =>
        fail(`${what}: ${m}`),
      );
      filters[name] = value;
    }
  }
  const count = (name: string, value: number | undefined, fallback: number, max: number): number =>
    checkCount(`${what}: ${name}`, value, 1, InvalidRequestError, max) ?? fallback;
  const { signal, onProgress } = options;
  if (signal !== undefined && !(signal instanceof AbortSignal))
    fail(`${what}: signal must be an AbortSignal`);
  if (onProgress !== undefined && typeof onProgress !== "function")
    fail(`${what}: onProgress must be a function`);
  return {
    filters: filters as ExportFilters,
    concurrency: count("concurrency", options.concurrency, 16, 1000),
    pageSize: count("pageSize", options.pageSize, MAX_PAGE_SIZE, MAX_PAGE_SIZE),
    prefetch: checkCount(`${what}: prefetch`, options.prefetch, 1, InvalidRequestError, 32),
    signal,
    onProgress,
  };
}

/** Reads the location list to the end (ids are small), checking each id and refusing repeats. */
export async function readLocations(list: unknown, what: string): Promise<string[]> {
  const iterable = list as { [Symbol.iterator]?: unknown; [Symbol.asyncIterator]?: unknown } | null;
  if (
    typeof list === "string" ||
    (typeof iterable?.[Symbol.iterator] !== "function" &&
      typeof iterable?.[Symbol.asyncIterator] !== "function")
  ) {
    fail(`${what}: locations must be an array or an (async) iterable of location ids`);
  }
  const ids: string[] = [];
  const seen = new Set<string>();
  for await (const id of list as LocationList) {
    if (typeof id !== "string" || !/^[\x21-\x7e]+$/.test(id) || id.length > MAX_LOCATION_ID) {
      fail(
        `${what}: each location id must be 1-${MAX_LOCATION_ID} visible ASCII characters, got ${describe(id)}`,
      );
    }
    if (seen.has(id)) fail(`${what}: location ${describe(id)} is listed twice`);
    seen.add(id);
    ids.push(id);
  }
  return ids;
}
