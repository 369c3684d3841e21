/**
 * Client-side rate limiting per key (location): requests queue (FIFO per key) until the key's
 * window, daily quota and concurrency let them go. The window is kept on the server's clock: a
 * send counts from its response. What the server reports in X-RateLimit-* headers corrects it;
 * limits the user configured are ceilings that headers may only lower.
 */
import { isIdle, learnCounts, learnLimits, newKeyState, readyAt } from "./window.js";
import type { KeyState, Limits } from "./window.js";
import { DailyQuotaSpent, type RateLimiter, type RateLimiterOptions } from "./contract.js";
import { MAX_TIMER_MS } from "../request/checks.js";
import { ownCopy } from "../request/own.js";

interface Waiter {
  ok: (release: () => void) => void;
  no: (reason: unknown) => void;
  signal: AbortSignal | undefined;
  onAbort: () => void;
}
interface Queued extends KeyState {
  queue: Waiter[];
  timer: unknown;
  timerAt: number;
}

export function createRateLimiter(given: RateLimiterOptions = {}): RateLimiter & { readonly size: number } {
  const options = ownCopy(given); // a polluted Object.prototype holds no limits, clocks or timers
  // Configured limits are ceilings; without one, HighLevel's documented limits are only defaults.
  const ceiling = { max: options.maxPerInterval, perDay: options.maxPerDay, interval: options.intervalMs };
  const limits: Limits = {
    max: ceiling.max ?? 100,
    interval: ceiling.interval ?? 10_000,
    perDay: ceiling.perDay ?? 200_000,
  };
  const concurrency = options.maxConcurrency ?? Infinity;
  const maxDailyWait = options.maxDailyWaitMs ?? Infinity;
  const now = options.now ?? (() => performance.now());
  const setTimer = options.setTimer ?? ((fn: () => void, ms: number): unknown => setTimeout(fn, ms));
  const clearTimer = options.clearTimer ?? ((timer: unknown) => clearTimeout(timer as number));
  const keys = new Map<string, Queued>();
  let sweepAt = 64;

  function stateOf(key: string, t: number): Queued {
    let s = keys.get(key);
    if (!s) {
      // Drop idle keys whenever the map has doubled since the last sweep: amortized O(1).
      if (keys.size >= sweepAt) {
        for (const [k, x] of keys) if (!x.queue.length && isIdle(x, t, limits)) keys.delete(k);
        sweepAt = Math.max(64, keys.size * 2);
      }
      s = { ...newKeyState(key, t, limits), queue: [], timer: undefined, timerAt: 0 };
      keys.set(key, s);
    }
    return s;
  }

  const spentFor = (s: Queued, t: number) =>
    s.dayLeft <= 0 && s.dayEnd - t > maxDailyWait ? new DailyQuotaSpent(s.dayEnd - t) : undefined;

  /** Reserves a send at `t`; its release re-stamps it at the response, on the server's clock. */
  function take(s: Queued, t: number): () => void {
    s.log.push(t);
    s.serverLeft--;
    s.dayLeft--;
    if (concurrency !== Infinity) s.active++;
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const at = now();
      // Every entry is a past moment, so `at` goes last and the log stays sorted.
      const live = keys.get(s.key) ?? stateOf(s.key, at);
      const i = live.log.lastIndexOf(t);
      if (i >= live.head) live.log.splice(i, 1);
      live.log.push(at);
      live.lastSent = t;
      if (concurrency !== Infinity) s.active--;
      if (live.queue.length) pump(live);
      if (s !== live && s.queue.length) pump(s);
    };
  }

  /** Serves the queue's head while it may go, then arms the key's one timer for the next. */
  function pump(s: Queued) {
    const t = now();
    const { queue } = s;
    let at = 0;
    while (queue.length && (at = readyAt(s, t, limits, concurrency)) <= t) {
      const w = queue.shift()!;
      w.signal?.removeEventListener("abort", w.onAbort);
      w.ok(take(s, t));
    }
    // The day's quota ran out under the queue: nobody waits for it.
    const spent = spentFor(s, t);
    if (spent) {
      for (const w of queue.splice(0)) {
        w.signal?.removeEventListener("abort", w.onAbort);
        w.no(spent);
      }
    }
    if (s.timer !== undefined && (!queue.length || s.timerAt !== at)) {
      clearTimer(s.timer);
      s.timer = undefined;
    }
    if (!queue.length) {
      if (isIdle(s, t, limits) && keys.get(s.key) === s) keys.delete(s.key);
    } else if (s.timer === undefined && at < Infinity) {
      s.timerAt = at;
      s.timer = setTimer(
        () => {
          s.timer = undefined;
          pump(s);
        },
        // A longer timer than Node takes would fire at once: wake then and look again.
        Math.min(Math.ceil(at - t), MAX_TIMER_MS),
      );
    }
  }

  return {
    get size() {
      return keys.size;
    },

    tryAcquire(key) {
      const t = now();
      const s = stateOf(key, t);
      return !s.queue.length && readyAt(s, t, limits, concurrency) <= t ? take(s, t) : undefined;
    },

    acquire(key, signal) {
      if (signal?.aborted) return Promise.reject(signal.reason);
      const t = now();
      const s = stateOf(key, t);
      if (!s.queue.length && readyAt(s, t, limits, concurrency) <= t) return Promise.resolve(take(s, t));
      const spent = spentFor(s, t);
      if (spent) return Promise.reject(spent);
      return new Promise((ok, no) => {
        const w: Waiter = {
          ok,
          no,
          signal,
          onAbort: () => {
            s.queue.splice(s.queue.indexOf(w), 1);
            no(signal!.reason);
            pump(s);
          },
        };
        signal?.addEventListener("abort", w.onAbort, { once: true });
        // Only the head arms the timer; later waiters are served by the pump that serves it.
        if (s.queue.push(w) === 1) pump(s);
      });
    },

    observe(key, info) {
      learnLimits(limits, ceiling, info);
      const t = now();
      const s = stateOf(key, t);
      learnCounts(s, info, t, limits);
      if (s.queue.length) pump(s);
    },

    penalize(key, ms) {
      const t = now();
      const s = stateOf(key, t);
      if (t + ms > s.blocked) s.blocked = t + ms;
      if (s.queue.length) pump(s);
    },
  };
}
