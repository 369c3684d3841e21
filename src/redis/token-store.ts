/**
 * The OAuth token store in Redis: records under `<prefix>tok:{<key>}`, and a cross-process lock
 * (`<prefix>lock:{<key>}`, same hash slot) with a fencing value around each refresh, so that one
 * refresh token is sent once across machines. A holder that dies releases the lock by its expiry;
 * a holder that outlived its lock cannot overwrite what the next holder stored (its fenced write
 * is refused). Waiters sleep until the release is published or the lock expires (lock-wakeups.ts).
 */
import { InvalidRequestError } from "../errors/index.js";
import { createCryptoBox, type CryptoBox } from "../oauth/crypto-box.js";
import { TokenStoreError } from "../oauth/errors.js";
import {
  StoreClosedError,
  StoreLockLostError,
  StoreLockTimeoutError,
  StoreUnavailableError,
} from "./errors.js";
import { createLockWakeups } from "./lock-wakeups.js";
import type { ScriptRunner } from "./script-runner.js";
import { MAX_TTL_MS, checkKey, checkMs, lockReply, recordReply, writtenReply } from "./token-checks.js";
import { LOCK, TOKEN_DELETE, TOKEN_GET, TOKEN_SET, UNLOCK } from "./token-scripts.js";

// The interface of the OAuth entry's stores, one definition for both (types only: nothing of the
// OAuth entry is loaded by this one).
import type { StoreLock, TokenStore } from "../oauth/token-store.js";

export type { StoreLock, TokenStore };

/** Records written at once by setMany (one command each, pipelined on the connection). */
const BATCH = 100;
/** Sealed records start with this: told apart from plain ones (JSON) written without a key. */
const SEALED = "sealed:v1:";

export interface RedisTokenStore extends Required<Omit<TokenStore, "maxLockTtlMs">> {
  readonly maxLockTtlMs: number;
  /** Releases the locks this store holds, ends the waits for locks (StoreClosedError) and the wake-ups. */
  close(): Promise<void>;
}

const closedError = () => new StoreClosedError("the Redis store was closed (store.close())");

export function createRedisTokenStore(
  runner: ScriptRunner,
  prefix: string,
  encryptionKey?: string | Uint8Array,
): RedisTokenStore {
  const box: CryptoBox | undefined =
    encryptionKey === undefined
      ? undefined
      : createCryptoBox(encryptionKey, {
          info: "highlevel-voice-ai redis token v1",
          what: "A Redis token record",
        });
  const closing = new AbortController();
  const names = (key: string) => ({ record: `${prefix}tok:{${key}}`, lock: `${prefix}lock:{${key}}` });
  /** The keys of a record, checked; refused once closed. */
  const keysOf = (key: string) => {
    if (closing.signal.aborted) throw closedError();
    return names(checkKey(key));
  };
  const wakeups = createLockWakeups(runner, prefix);
  /** The locks this store holds, by record key: their fence, owner secret and release. */
  const held = new Map<string, { fence: number; owner: string; release: () => Promise<void> }>();

  async function tryLock(key: string, ttlMs: number, owner: string): Promise<[number, number]> {
    const { lock, record } = keysOf(key);
    let reply: unknown;
    try {
      reply = await runner.run(LOCK, [lock, record], [ttlMs, owner]);
    } catch (error) {
      // No reply in time: a slow Redis may still run the command (a client may resend it) and
      // take the lock for nobody, until its ttl. Given up right behind it, on the same connection.
      if (error instanceof StoreUnavailableError)
        runner.run(LOCK, [lock, record], [ttlMs, owner, wakeups.channel, key]).catch(() => {});
      throw error;
    }
    const [taken, n] = lockReply(reply);
    return [taken ? 1 : 0, n];
  }

  /** The value as stored: sealed with the store's key, bound to the record's name. */
  async function seal(record: string, value: string): Promise<string> {
    return box ? SEALED + (await box.seal(value, record)) : value;
  }

  async function open(record: string, stored: string | undefined): Promise<string | undefined> {
    if (stored === undefined) return undefined;
    const sealed = stored.startsWith(SEALED);
    if (sealed && box) return box.open(stored.slice(SEALED.length), record);
    throw new TokenStoreError(
      sealed
        ? "A Redis token record is encrypted: pass its encryptionKey to createRedisStore"
        : "A Redis token record is not encrypted, but an encryptionKey was given",
    );
  }

  function holding(key: string, fence: number, owner: string, takenAt: number): StoreLock {
    const { lock } = names(key);
    let released = false;
    const release = async () => {
      if (released) return;
      released = true;
      if (held.get(key)?.fence === fence) held.delete(key);
      await runner.run(UNLOCK, [lock], [`${fence}:${owner}`, wakeups.channel, key]);
    };
    held.set(key, { fence, owner, release });
    return { fence, takenAt, release };
  }

  async function set(key: string, value: string, options?: { fence?: number }): Promise<void> {
    const { record, lock } = keysOf(key);
    if (typeof value !== "string") throw new InvalidRequestError("token store value must be a string");
    const fence = options?.fence;
    const mine = held.get(key);
    if (fence !== undefined && mine?.fence !== fence) {
      throw new StoreLockLostError(`fence ${String(fence)} is not a lock this store holds on that key`);
    }
    const stored = await seal(record, value);
    const args = fence === undefined ? [stored, "", ""] : [stored, fence, mine!.owner];
    if (!writtenReply(await runner.run(TOKEN_SET, [record, lock], args))) {
      throw new StoreLockLostError(`the lock of fence ${fence} was lost (expired); the write was refused`);
    }
  }

  return {
    async close() {
      if (closing.signal.aborted) return;
      closing.abort(closedError());
      const releases = [...held.values()].map((h) => h.release().catch(() => {}));
      await Promise.all([...releases, wakeups.close()]);
    },

    maxLockTtlMs: MAX_TTL_MS,

    async get(key) {
      const { record } = keysOf(key);
      const stored = recordReply(await runner.run(TOKEN_GET, [record], []));
      return box || stored?.startsWith(SEALED) ? open(record, stored) : stored;
    },

    set,

    async setMany(entries) {
      for (let i = 0; i < entries.length; i += BATCH) {
        await Promise.all(entries.slice(i, i + BATCH).map(([key, value]) => set(key, value)));
      }
    },

    async delete(key) {
      const { record, lock } = keysOf(key);
      await runner.run(TOKEN_DELETE, [record, lock], []);
    },

    async lock(key, options) {
      keysOf(key);
      const ttlMs = checkMs("lock ttlMs", options?.ttlMs, 1, MAX_TTL_MS);
      const waitMs = checkMs("lock waitMs", options.waitMs, 0, MAX_TTL_MS);
      const { signal } = options;
      const owner = globalThis.crypto.randomUUID();
      const deadline = performance.now() + waitMs;
      let listening = false;
      for (let sleeps = 0; ;) {
        if (signal?.aborted) throw signal.reason;
        const attemptAt = performance.now();
        const [taken, n] = await tryLock(key, ttlMs, owner);
        if (taken === 1) {
          const lock = holding(key, n, owner, attemptAt);
          // Closed while the lock was being taken: give it back at once.
          if (closing.signal.aborted) {
            await lock.release().catch(() => {});
            throw closedError();
          }
          return lock;
        }
        const left = deadline - performance.now();
        if (left <= 0)
          throw new StoreLockTimeoutError(`lock was held by another for longer than ${waitMs} ms`);
        // The first wait subscribes to releases, then asks once more: a release may have come between.
        if (!listening && (listening = await wakeups.listen())) continue;
        // Until the release is published, or the lock expires (n: its PTTL; -1: none), or the deadline.
        const expiry = n >= 0 ? n + 1 : MAX_TTL_MS;
        await wakeups.sleep(key, Math.min(expiry, left), sleeps++, signal, closing.signal);
      }
    },
  };
}
