/**
 * The sliding window HighLevel's burst limit may be, as the local stand-ins enforce it
 * (test/support/window-server.ts for the multi-process tests and `npm run bench:cluster`,
 * bench/support/limit-server.ts for `npm run bench:burst`): per key, at most `max` requests
 * taken in any span of `intervalMs`.
 */
export interface WindowVerdict {
  allowed: boolean;
  /** Requests the window still takes after this one. */
  remaining: number;
  /** When refused: how many ms too early the request came (until the oldest one leaves). */
  waitMs: number;
}

export interface SlidingWindows {
  /** Takes a request for `key` arriving at `t` (performance.now()) if the window has room. */
  take(key: string, t: number, refuse?: boolean): WindowVerdict;
  clear(): void;
}

export function createSlidingWindows(max: number, intervalMs: number): SlidingWindows {
  /** Per key, the arrival times of the requests taken that are still inside the window. */
  const logs = new Map<string, number[]>();
  return {
    take(key, t, refuse = false) {
      let log = logs.get(key);
      if (!log) logs.set(key, (log = []));
      // The window is (t - intervalMs, t]: a request exactly intervalMs after another may go.
      while (log.length && t - log[0]! >= intervalMs) log.shift();
      if (refuse || log.length >= max) {
        const waitMs = log.length >= max ? log[log.length - max]! + intervalMs - t : 0;
        return { allowed: false, remaining: Math.max(0, max - log.length), waitMs };
      }
      log.push(t);
      return { allowed: true, remaining: max - log.length, waitMs: 0 };
    },
    clear: () => logs.clear(),
  };
}
