/**
 * The OAuth token store in Redis: records under `<prefix>tok:<key>`, and a cross-process lock with
 * a fencing value around each refresh, so that one refresh token is sent once across machines.
 * A holder that dies releases the lock by its expiry; a holder that outlived its lock cannot
 * overwrite what the next holder stored (its fenced write is refused).
 */
import { InvalidRequestError } from "../errors.js";
import type { ScriptRunner } from "./adapter.js";
import { StoreClosedError, StoreLockLostError, StoreLockTimeoutError } from "./errors.js";
import { LOCK, TOKEN_DELETE, TOKEN_GET, TOKEN_SET, UNLOCK } from "./token-scripts.js";

// The interface of the OAuth entry's stores, one definition for both (types only: nothing of the
// OAuth entry is loaded by this one).
import type { StoreLock, TokenStore } from "../oauth/token-store.js";

export type { StoreLock, TokenStore };

const MAX_KEY_LENGTH = 512;
const MAX_TTL_MS = 3_600_000;
/** Longest pause between two tries for a held lock: short, so waiters see a release soon. */
const MAX_POLL_MS = 50;

function checkKey(key: unknown): string {
  if (typeof key !== "string" || !key || key.length > MAX_KEY_LENGTH || /[\r\n\0]/.test(key)) {
    throw new InvalidRequestError(
      `token store key must be a non-empty string of at most ${MAX_KEY_LENGTH} characters without CR, LF or NUL`,
    );
  }
  return key;
}

function checkMs(name: string, value: unknown, min: number, max: number): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    throw new InvalidRequestError(`${name} must be an integer from ${min} to ${max}`);
  }
  return value;
}

/** Sleeps `ms`, ended early (rejecting with its reason) by any of `signals`. */
const sleep = (ms: number, ...signals: (AbortSignal | undefined)[]) =>
  new Promise<void>((resolve, reject) => {
    const cleanup = new AbortController();
    const timer = setTimeout(() => {
      cleanup.abort();
      resolve();
    }, ms);
    for (const signal of signals) {
      signal?.addEventListener(
        "abort",
        () => {
          clearTimeout(timer);
          cleanup.abort();
          reject(signal.reason);
        },
        { once: true, signal: cleanup.signal },
      );
    }
  });

export interface RedisTokenStore extends Required<TokenStore> {
  /** Releases the locks this store holds and ends the waits for locks (StoreClosedError). */
  close(): Promise<void>;
}

const closedError = () => new StoreClosedError("the Redis store was closed (store.close())");

export function createRedisTokenStore(runner: ScriptRunner, prefix: string): RedisTokenStore {
  const recordKey = (key: string) => {
    if (closing.signal.aborted) throw closedError();
    return `${prefix}tok:${checkKey(key)}`;
  };
  const fenceIndex = `${prefix}lockfence:`;
  /** Owner secret of each lock this process holds, by fence. */
  const owners = new Map<number, string>();
  /** The release of each lock held, for close(). */
  const held = new Set<() => Promise<void>>();
  const closing = new AbortController();

  return {
    async close() {
      if (closing.signal.aborted) return;
      closing.abort(closedError());
      await Promise.all([...held].map((release) => release().catch(() => {})));
    },

    async get(key) {
      const value = await runner.run(TOKEN_GET, [recordKey(key)], []);
      return typeof value === "string" ? value : undefined;
    },

    async set(key, value, options) {
      const record = recordKey(key);
      if (typeof value !== "string") throw new InvalidRequestError("token store value must be a string");
      const fence = options?.fence;
      if (fence !== undefined && (!Number.isSafeInteger(fence) || fence < 1 || !owners.has(fence))) {
        throw new StoreLockLostError(`fence ${String(fence)} is not a lock held by this process`);
      }
      const args =
        fence === undefined ? [value, "", "", ""] : [value, fence, owners.get(fence)!, fenceIndex + fence];
      const ok = await runner.run(TOKEN_SET, [record], args);
      if (Number(ok) !== 1) {
        throw new StoreLockLostError(`the lock of fence ${fence} was lost (expired); the write was refused`);
      }
    },

    async delete(key) {
      await runner.run(TOKEN_DELETE, [recordKey(key)], []);
    },

    async lock(key, options) {
      if (closing.signal.aborted) throw closedError();
      const lockKey = `${prefix}lock:${checkKey(key)}`;
      const ttlMs = checkMs("lock ttlMs", options?.ttlMs, 1, MAX_TTL_MS);
      const waitMs = checkMs("lock waitMs", options.waitMs, 0, MAX_TTL_MS);
      const { signal } = options;
      const owner = globalThis.crypto.randomUUID();
      const deadline = performance.now() + waitMs;
      for (let attempt = 0; ; attempt++) {
        if (signal?.aborted) throw signal.reason;
        if (closing.signal.aborted) throw closedError();
        const [taken, n] = (
          (await runner.run(LOCK, [lockKey, `${prefix}fence`], [ttlMs, owner, fenceIndex])) as number[]
        ).map(Number) as [number, number];
        if (taken === 1) {
          owners.set(n, owner);
          let released = false;
          const release = async () => {
            if (released) return;
            released = true;
            owners.delete(n);
            held.delete(release);
            await runner.run(UNLOCK, [lockKey], [`${n}:${owner}`, fenceIndex + n]);
          };
          held.add(release);
          // Closed while the lock was being taken: give it back at once.
          if (closing.signal.aborted) {
            await release();
            throw closedError();
          }
          return { fence: n, release };
        }
        const left = deadline - performance.now();
        if (left <= 0)
          throw new StoreLockTimeoutError(`lock was held by another for longer than ${waitMs} ms`);
        // Not a tight loop: a few ms at first, then MAX_POLL_MS, never past the lock's expiry.
        const pause = Math.min(MAX_POLL_MS, 5 * 2 ** attempt, n > 0 ? n + 1 : MAX_POLL_MS, left);
        await sleep(Math.max(1, pause), signal, closing.signal);
      }
    },
  };
}
