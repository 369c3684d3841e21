/**
 * Where OAuth installations (tokens and what they cover) are kept: the interface every store
 * implements, and the in-memory store.
 */
import { ConfigurationError } from "../errors/index.js";

/** A held cross-process lock. `fence` grows with every acquisition of the same key. */
export interface StoreLock {
  readonly fence: number;
  /**
   * Optional: performance.now() when the attempt that took the lock started. The lock expires
   * ttlMs after a moment no earlier than this; without it, the moment lock() was called counts.
   */
  readonly takenAt?: number | undefined;
  release(): Promise<void>;
}

export interface TokenStore {
  /** A serialized record, or undefined when there is none. */
  get(key: string): Promise<string | undefined>;
  /** With `fence`: refused (throws) if that lock was lost, so a stale holder cannot overwrite. */
  set(key: string, value: string, options?: { fence?: number }): Promise<void>;
  /**
   * Optional: several records (unfenced) in one go, for an agency install's Locations. A store
   * that rewrites a whole file per write should offer it; without it, `set` is called per record.
   */
  setMany?(entries: ReadonlyArray<readonly [key: string, value: string]>): Promise<void>;
  delete(key: string): Promise<void>;
  /** Cross-process mutual exclusion; expires by itself after ttlMs if the holder dies. */
  lock?(key: string, options: { ttlMs: number; waitMs: number; signal?: AbortSignal }): Promise<StoreLock>;
  /** The longest lock `ttlMs` (and `waitMs`) the store takes: createOAuth refuses more at creation. */
  readonly maxLockTtlMs?: number | undefined;
}

export interface MemoryTokenStoreOptions {
  /** Most records kept (default 10 000); past it the least recently written is dropped. */
  maxEntries?: number | undefined;
}

/**
 * Records in this process's memory, lost on exit. It has no `lock`: one process needs none,
 * since createOAuth already runs one refresh per installation at a time.
 */
export function createMemoryTokenStore(options: MemoryTokenStoreOptions = {}): TokenStore {
  const maxEntries = options.maxEntries ?? 10_000;
  if (!Number.isInteger(maxEntries) || maxEntries < 1) {
    throw new ConfigurationError(`maxEntries must be an integer >= 1, got ${String(maxEntries)}`);
  }
  const records = new Map<string, string>();
  const store: TokenStore = {
    async get(key) {
      return records.get(key);
    },
    async set(key, value) {
      // Re-inserting moves the key to the end: the first key is the least recently written.
      records.delete(key);
      records.set(key, value);
      if (records.size > maxEntries) records.delete(records.keys().next().value!);
    },
    async delete(key) {
      records.delete(key);
    },
  };
  return redacted(store, "MemoryTokenStore");
}

/** Gives an object that holds secrets a harmless JSON and inspect form. */
export function redacted<T extends object>(target: T, name: string): T {
  const label = `[${name}]`;
  Object.defineProperties(target, {
    toJSON: { value: () => label, enumerable: false },
    [Symbol.for("nodejs.util.inspect.custom")]: { value: () => label, enumerable: false },
    toString: { value: () => label, enumerable: false },
  });
  return target;
}
