/**
 * The Locations installed on their own (a Location-level code exchange), so that an app can list
 * them (`oauth.locations()`): a TokenStore cannot list its keys. One record, written only when an
 * install or an UNINSTALL changes it, and deleted once empty. It takes no lock (a store's locks
 * guard installations' tokens): a write is read back and made again if another process's write
 * replaced it in between. Locations covered by an agency install are found through the agency.
 */
import { isId } from "./records.js";
import type { TokenStore } from "./token-store.js";

const INDEX_KEY = "highlevel-oauth:index:locations";
/** Most Locations indexed; past it the oldest is dropped from the index (not from the store). */
const MAX_LOCATIONS = 100_000;
const ATTEMPTS = 5;

export interface LocationIndex {
  /** The indexed locationIds, oldest first. */
  list(): Promise<string[]>;
  add(locationId: string): Promise<void>;
  remove(locationIds: readonly string[]): Promise<void>;
}

export function createLocationIndex(store: TokenStore): LocationIndex {
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

  /** Changes the index until a read shows it done (another process may write in between). */
  async function change(done: (ids: string[]) => boolean, edit: (ids: string[]) => string[]) {
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const ids = await list();
      if (done(ids)) return;
      const next = edit(ids).slice(-MAX_LOCATIONS);
      if (next.length) await store.set(INDEX_KEY, JSON.stringify({ v: 1, ids: next }));
      else await store.delete(INDEX_KEY);
    }
  }

  return {
    list,
    add: (locationId) =>
      change(
        (ids) => ids.includes(locationId),
        (ids) => [...ids, locationId],
      ),
    remove: (gone) =>
      change(
        (ids) => !ids.some((id) => gone.includes(id)),
        (ids) => ids.filter((id) => !gone.includes(id)),
      ),
  };
}
