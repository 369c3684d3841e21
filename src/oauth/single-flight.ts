/** Running one renewal per installation at a time: within the process, and across processes. */
import { APIUserAbortError } from "../errors/index.js";
import type { StoreLock, TokenStore } from "./token-store.js";

/** Concurrent callers with the same key share one run of `work`. */
export function createSingleFlight<T>() {
  const running = new Map<string, Promise<T>>();
  return (key: string, work: () => Promise<T>): Promise<T> => {
    let promise = running.get(key);
    if (!promise) {
      promise = work().finally(() => running.delete(key));
      running.set(key, promise);
    }
    return promise;
  };
}

export interface LockTiming {
  ttlMs: number;
  waitMs: number;
}

export interface LockUse extends LockTiming {
  /** Ends a wait for the lock (oauth.close()): its reason is thrown. */
  signal?: AbortSignal | undefined;
  /** Called once if the lock is still not obtained after a while (see noticeAfterMs). */
  onLongWait?: ((waitedMs: number) => void) | undefined;
}

/** What work under a store lock is given. */
export interface HeldLock {
  /** The lock's fencing number (undefined: the store has no locks). */
  fence: number | undefined;
  /**
   * performance.now() by which the work must be over (undefined: no lock): before the lock can
   * expire, with time left to store the result. A request sent later could be a refresh token
   * sent again by the next holder too.
   */
  deadline: number | undefined;
}

/** Time kept back from the lock's ttl for storing the result: a third of it, at most 10 s. */
export const storeMarginMs = (ttlMs: number) => Math.min(10_000, ttlMs / 3);
/** A wait this long is more than a renewal takes: the holder is slow, stopped or dead. */
export const noticeAfterMs = (ttlMs: number) => Math.min(5_000, ttlMs / 4);

/** Runs `work` holding the store's lock for `key` when the store has locks. */
export async function withStoreLock<T>(
  store: TokenStore,
  key: string,
  use: LockUse,
  work: (held: HeldLock) => Promise<T>,
): Promise<T> {
  if (!store.lock) return work({ fence: undefined, deadline: undefined });
  const asked = performance.now();
  const notice = setTimeout(() => use.onLongWait?.(performance.now() - asked), noticeAfterMs(use.ttlMs));
  let lock: StoreLock;
  try {
    // The lock has the record's key: a write with its fence is refused once the lock is lost.
    lock = await store.lock(key, {
      ttlMs: use.ttlMs,
      waitMs: use.waitMs,
      ...(use.signal && { signal: use.signal }),
    });
  } catch (error) {
    throw use.signal?.aborted ? use.signal.reason : error;
  } finally {
    clearTimeout(notice);
  }
  try {
    // The lock expires ttlMs after a moment no earlier than this (the store's word, or the ask).
    const takenAt = typeof lock.takenAt === "number" && lock.takenAt >= asked ? lock.takenAt : asked;
    return await work({ fence: lock.fence, deadline: takenAt + use.ttlMs - storeMarginMs(use.ttlMs) });
  } finally {
    await lock.release();
  }
}

/**
 * The caller's view of a shared promise: it stops waiting when its own signal fires, while the
 * shared work (a refresh other callers wait on too) goes on.
 */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  const info = { operationId: undefined, method: "", url: "" };
  if (signal.aborted) return Promise.reject(new APIUserAbortError(info, "Aborted by the caller"));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new APIUserAbortError(info, "Aborted by the caller"));
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}
