/**
 * How a lock waiter sleeps: until the holder's release is published (one subscription per store,
 * on a duplicate of the client, opened at the first wait and ended by close()), or until the
 * lock's expiry, whichever comes first. Without a subscription (a client that cannot be
 * duplicated, or Redis did not answer), it sleeps a growing pause, never past the lock's expiry.
 */
import type { ScriptRunner } from "./script-runner.js";

/** Pauses without wake-ups: 20 ms, doubling, at most this. */
const MAX_BLIND_PAUSE_MS = 1000;

export interface LockWakeups {
  /** The channel to publish a released lock's record name on. */
  readonly channel: string;
  /** True once releases wake the waiters (subscribing at the first call). */
  listen(): Promise<boolean>;
  /**
   * Sleeps until `key` is released, or `ms` (the lock's expiry) pass; `attempt` counts the
   * sleeps so far. Rejects with the reason of the first of `signals` that aborts.
   */
  sleep(key: string, ms: number, attempt: number, ...signals: (AbortSignal | undefined)[]): Promise<void>;
  close(): Promise<void>;
}

export function createLockWakeups(runner: ScriptRunner, prefix: string): LockWakeups {
  const channel = `${prefix}unlocked`;
  const sleepers = new Map<string, Set<() => void>>();
  let subscribing: Promise<(() => Promise<void>) | undefined> | undefined;
  let listening = false;
  let closed = false;

  const wake = (key: string) => {
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
    sleep(key, ms, attempt, ...signals) {
      const pause = listening ? ms : Math.min(ms, 20 * 2 ** attempt, MAX_BLIND_PAUSE_MS);
      return new Promise<void>((resolve, reject) => {
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
