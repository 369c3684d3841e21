/**
 * The agency (Company) installs the store holds. A TokenStore cannot list its keys, so their IDs
 * are kept in one record of their own, changed under its store lock.
 */
import { withStoreLock, type LockTiming } from "./single-flight.js";
import { isId } from "./records.js";
import type { TokenStore } from "./token-store.js";

const INDEX_KEY = "highlevel-oauth:index:companies";
/** Most agency installs indexed; past it the oldest is dropped from the index (not from the store). */
const MAX_COMPANIES = 10_000;

export interface CompanyIndex {
  /** The indexed companyIds, oldest install first. */
  list(): Promise<string[]>;
  add(companyId: string): Promise<void>;
  remove(companyId: string): Promise<void>;
}

export function createCompanyIndex(store: TokenStore, lock: LockTiming): CompanyIndex {
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
      withStoreLock(store, INDEX_KEY, lock, async ({ fence }) => {
        const ids = edit(await list()).slice(-MAX_COMPANIES);
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
    // An agency installed again keeps its place: no write when it is indexed already.
    add: async (companyId) => {
      if ((await list()).includes(companyId)) return;
      await change((ids) => [...ids.filter((id) => id !== companyId), companyId]);
    },
    remove: (companyId) => change((ids) => ids.filter((id) => id !== companyId)),
  };
}
