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

/** Runs `work` holding the store's lock for `key` when the store has locks; `fence` is the lock's. */
export async function withStoreLock<T>(
  store: TokenStore,
  key: string,
  timing: LockTiming,
  work: (fence: number | undefined) => Promise<T>,
): Promise<T> {
  if (!store.lock) return work(undefined);
  // The lock has the record's key: a write with its fence is refused once the lock is lost.
  const lock: StoreLock = await store.lock(key, timing);
  try {
    return await work(lock.fence);
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
