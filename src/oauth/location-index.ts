/**
 * The Locations the store holds an installation (or a placeholder) for, so that an app can list
 * them (`oauth.locations()`): a TokenStore cannot list its keys, so their IDs are kept in one
 * record of their own, changed under its store lock, as the company index is.
 */
import { withStoreLock, type LockTiming } from "./single-flight.js";
import { isId } from "./records.js";
import type { TokenStore } from "./token-store.js";

const INDEX_KEY = "highlevel-oauth:index:locations";
/** Most Locations indexed; past it the oldest is dropped from the index (not from the store). */
const MAX_LOCATIONS = 100_000;

export interface LocationIndex {
  /** The indexed locationIds, oldest first. */
  list(): Promise<string[]>;
  add(locationIds: readonly string[]): Promise<void>;
  remove(locationIds: readonly string[]): Promise<void>;
}

export function createLocationIndex(store: TokenStore, lock: LockTiming): LocationIndex {
  /** This process's changes, one after the other (the store lock orders them across processes). */
  let queue: Promise<unknown> = Promise.resolve();

  async function list(): Promise<string[]> {
    const text = await store.get(INDEX_KEY);
    if (text === undefined) return [];
    try {
      const parsed = JSON.parse(text) as { ids?: unknown };
      return Array.isArray(parsed.ids) ? parsed.ids.filter(isId) : [];
    } catch {
      return []; // a corrupt index is rebuilt by the next installs
    }
  }

  function change(edit: (ids: string[]) => string[]): Promise<void> {
    const run = queue.then(() =>
      withStoreLock(store, INDEX_KEY, lock, async (fence) => {
        const ids = edit(await list()).slice(-MAX_LOCATIONS);
        await store.set(
          INDEX_KEY,
          JSON.stringify({ v: 1, ids }),
          fence === undefined ? undefined : { fence },
        );
      }),
    );
    queue = run.catch(() => undefined);
    return run;
  }

  return {
    list,
    add: (added) =>
      added.length
        ? change((ids) => [...ids.filter((id) => !added.includes(id)), ...new Set(added)])
        : queue.then(() => {}),
    remove: (removed) =>
      removed.length ? change((ids) => ids.filter((id) => !removed.includes(id))) : queue.then(() => {}),
  };
}
