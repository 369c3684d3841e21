/**
 * How a lock waiter sleeps: until the holder's release is published (one subscription per store,
 * on a duplicate of the client, opened at the first wait and ended by close()), or until the
 * lock's expiry, whichever comes first. A release published while the waiter's own try was on its
 * way (its "held" reply not yet read) counts: the waiter takes a mark before each try, and a
 * release heard since the mark ends its sleep at once. A subscription can still miss a message
 * (its connection dropped and came back), so a waiter asks again every RECHECK_MS at the latest.
 * Without a subscription (a client that cannot be duplicated, or Redis did not answer), it sleeps
 * a growing pause, never past the lock's expiry.
 */
import type { ScriptRunner } from "./script-runner.js";

/** Pauses without wake-ups: 20 ms, doubling, at most this. */
const MAX_BLIND_PAUSE_MS = 1000;
/** Longest sleep with wake-ups: the last resort for a release message that never came. */
export const RECHECK_MS = 2000;
/** Releases heard are remembered this long (a try's reply comes within the store's timeoutMs, at most 60 s)... */
const HEARD_MS = 60_000;
/** ...and at most this many (the oldest forgotten first: its waiter asks again by RECHECK_MS). */
const MAX_HEARD = 10_000;

export interface LockWakeups {
  /** The channel to publish a released lock's record name on. */
  readonly channel: string;
  /** True once releases wake the waiters (subscribing at the first call). */
  listen(): Promise<boolean>;
  /** Taken before each try for the lock: a release heard after it ends the next sleep at once. */
  mark(): number;
  /**
   * Sleeps until `key` is released (or was, after the mark `since`), or `ms` (the lock's expiry)
   * pass; `attempt` counts the sleeps so far. Rejects with the reason of the first of `signals`
   * that aborts.
   */
  sleep(
    key: string,
    since: number,
    ms: number,
    attempt: number,
    ...signals: (AbortSignal | undefined)[]
  ): Promise<void>;
  close(): Promise<void>;
}

export function createLockWakeups(runner: ScriptRunner, prefix: string): LockWakeups {
  const channel = `${prefix}unlocked`;
  const sleepers = new Map<string, Set<() => void>>();
  let subscribing: Promise<(() => Promise<void>) | undefined> | undefined;
  let listening = false;
  let closed = false;
  /** Releases heard so far, and per key the count at its last one (with when), oldest first. */
  let heard = 0;
  const released = new Map<string, { at: number; n: number }>();

  const wake = (key: string) => {
    const at = performance.now();
    released.delete(key);
    released.set(key, { at, n: ++heard });
    for (const [k, r] of released) {
      if (r.at > at - HEARD_MS && released.size <= MAX_HEARD) break;
      released.delete(k);
    }
    for (const resolve of sleepers.get(key) ?? []) resolve();
  };

  return {
    channel,
    async listen() {
      if (closed) return false;
      subscribing ??= (runner.subscribe(channel, wake) ?? Promise.resolve(undefined)).then(
        (unsubscribe) => {
          listening = unsubscribe !== undefined;
          return unsubscribe;
        },
        () => {
          subscribing = undefined; // tried again at the next wait
          return undefined;
        },
      );
      const unsubscribe = await subscribing;
      if (closed) await unsubscribe?.();
      return listening && !closed;
    },
    mark: () => heard,
    sleep(key, since, ms, attempt, ...signals) {
      const pause = Math.min(ms, listening ? RECHECK_MS : Math.min(20 * 2 ** attempt, MAX_BLIND_PAUSE_MS));
      return new Promise<void>((resolve, reject) => {
        if ((released.get(key)?.n ?? 0) > since) return resolve();
        let set = sleepers.get(key);
        if (!set) sleepers.set(key, (set = new Set()));
        const waiting = set;
        const cleanup = new AbortController();
        const end = (settle: () => void) => () => {
          clearTimeout(timer);
          cleanup.abort();
          waiting.delete(woken);
          if (!waiting.size && sleepers.get(key) === waiting) sleepers.delete(key);
          settle();
        };
        const woken = end(resolve);
        const timer = setTimeout(woken, Math.max(1, pause));
        waiting.add(woken);
        for (const signal of signals) {
          if (!signal) continue;
          const aborted = end(() => reject(signal.reason));
          if (signal.aborted) return aborted();
          signal.addEventListener("abort", aborted, { once: true, signal: cleanup.signal });
        }
      });
    },
    async close() {
      closed = true;
      listening = false;
      const unsubscribe = await subscribing;
      await unsubscribe?.().catch(() => {});
    },
  };
}
