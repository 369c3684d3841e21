/**
 * Client-side rate limiting per key (location): a sliding-window log of send times, so that no
 * span of `intervalMs` ever holds more than `max` sends, corrected by what the server reports
 * in its X-RateLimit-* headers and by 429s.
 */

export interface RateLimitInfo {
  limitDaily?: number;
  dailyRemaining?: number;
  intervalMs?: number;
  max?: number;
  remaining?: number;
}

const HEADERS = [
  "limitDaily",
  "x-ratelimit-limit-daily",
  "dailyRemaining",
  "x-ratelimit-daily-remaining",
  "intervalMs",
  "x-ratelimit-interval-milliseconds",
  "max",
  "x-ratelimit-max",
  "remaining",
  "x-ratelimit-remaining",
] as const;

/** Parses the X-RateLimit-* headers; undefined when none is present. */
export function parseRateLimitHeaders(headers: Headers): RateLimitInfo | undefined {
  let info: RateLimitInfo | undefined;
  for (let i = 0; i < HEADERS.length; i += 2) {
    const value = headers.get(HEADERS[i + 1]!);
    const n = value ? Number(value) : NaN;
    if (n >= 0 && n < Infinity) (info ??= {})[HEADERS[i] as keyof RateLimitInfo] = n;
  }
  return info;
}

export interface RateLimiterOptions {
  /** Sends allowed in any span of `intervalMs` per key; default 100 (learned from X-RateLimit-Max). */
  maxPerInterval?: number;
  /** Default 10 000 (learned from X-RateLimit-Interval-Milliseconds). */
  intervalMs?: number;
  /** Sends per key per day; default 200 000 (learned from X-RateLimit-Limit-Daily). */
  maxPerDay?: number;
  /** Requests in flight per key; default Infinity. */
  maxConcurrency?: number | undefined;
  /**
   * Longest wait for a spent daily quota to come back; default Infinity. A request that would
   * wait longer, queued or new, is refused: acquire rejects with a DailyQuotaSpent.
   */
  maxDailyWaitMs?: number;
  now?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

export interface RateLimiter {
  /**
   * Waits (FIFO per key) until a request for `key` may be sent without exceeding the window's
   * quota or maxConcurrency, then reserves a slot. Rejects with signal.reason if the signal
   * aborts while queued. Resolves to a release function to call when the request finishes: it
   * frees the concurrency slot (the window slot stays used).
   */
  acquire(key: string, signal?: AbortSignal): Promise<() => void>;
  /** The synchronous fast path of acquire: a release function when a slot is free now, else undefined. */
  tryAcquire(key: string): (() => void) | undefined;
  /**
   * Learns from a response: window length, quota and daily limit (shared by all keys, as they are
   * the app's policy); a `remaining` or `dailyRemaining` lower than the key's own count is trusted
   * (other processes may share the quota) until the current window, or day, ends.
   */
  observe(key: string, info: RateLimitInfo): void;
  /** A 429 happened: nothing is sent for `key` for `ms`. */
  penalize(key: string, ms: number): void;
}

/** Why acquire refused: the key's daily quota is spent, and comes back only in `waitMs`. */
export class DailyQuotaSpent {
  constructor(readonly waitMs: number) {}
}

interface Waiter {
  ok: (release: () => void) => void;
  no: (reason: unknown) => void;
  signal?: AbortSignal;
  onAbort?: () => void;
}

interface KeyState {
  key: string;
  /** Send times still inside the window, oldest first. */
  log: number[];
  /**
   * Index of the oldest entry still in the window: pruning moves it instead of shifting the array.
   * The entries before it left the window; those of the last interval are kept for observe().
   */
  head: number;
  /** Send stamp of the request released last: observe() judges the age of its response's count by it. */
  lastSent: number;
  queue: Waiter[];
  active: number;
  /** Penalized until. */
  blocked: number;
  /** Sends left by the server's count, trusted until `serverUntil`. */
  serverLeft: number;
  serverUntil: number;
  dayLeft: number;
  dayEnd: number;
  timer: unknown;
  timerAt: number;
}

const DAY = 86_400_000;

/**
 * The daily quota is counted per key over 24 hours from the key's first send (HighLevel does
 * not say when its day resets); a key's state, and with it that count, is dropped once the key
 * is idle, and is learned again from the next response's X-RateLimit-Daily-Remaining.
 */
export function createRateLimiter(options: RateLimiterOptions = {}): RateLimiter & { readonly size: number } {
  let max = options.maxPerInterval ?? 100;
  let interval = options.intervalMs ?? 10_000;
  let perDay = options.maxPerDay ?? 200_000;
  const concurrency = options.maxConcurrency ?? Infinity;
  const maxDailyWait = options.maxDailyWaitMs ?? Infinity;
  const now = options.now ?? (() => performance.now());
  const setTimer = options.setTimer ?? ((fn: () => void, ms: number): unknown => setTimeout(fn, ms));
  const clearTimer = options.clearTimer ?? ((timer: unknown) => clearTimeout(timer as number));
  const keys = new Map<string, KeyState>();
  let sweepAt = 64;

  function stateOf(key: string, t: number): KeyState {
    let s = keys.get(key);
    if (!s) {
      // Drop idle keys whenever the map has doubled since the last sweep: amortized O(1).
      if (keys.size >= sweepAt) {
        for (const [k, x] of keys) if (idle(x, t)) keys.delete(k);
        sweepAt = Math.max(64, keys.size * 2);
      }
      s = {
        key,
        log: [],
        head: 0,
        lastSent: t,
        queue: [],
        active: 0,
        blocked: 0,
        serverLeft: 0,
        serverUntil: 0,
        dayLeft: perDay,
        dayEnd: t + DAY,
        timer: undefined,
        timerAt: 0,
      };
      keys.set(key, s);
    }
    return s;
  }

  function prune(s: KeyState, t: number) {
    const log = s.log;
    while (s.head < log.length && t - log[s.head]! >= interval) s.head++;
    // Drop the entries that left the window over an interval ago in one go, once expired entries
    // are the larger part.
    if (s.head > 32 && s.head * 2 > log.length) {
      let cut = 0;
      while (cut < s.head && t - log[cut]! >= 2 * interval) cut++;
      log.splice(0, cut);
      s.head -= cut;
    }
    if (s.dayEnd <= t) {
      s.dayLeft = perDay;
      s.dayEnd = t + DAY;
    }
  }

  function idle(s: KeyState, t: number): boolean {
    prune(s, t);
    return (
      !s.queue.length &&
      !s.active &&
      s.head === s.log.length &&
      s.blocked <= t &&
      s.serverUntil <= t &&
      s.dayLeft > 0
    );
  }

  /** When the next send for `s` may go (<= t: now), or Infinity while all concurrency slots are taken. */
  function readyAt(s: KeyState, t: number): number {
    prune(s, t);
    if (s.active >= concurrency) return Infinity;
    const log = s.log;
    let at = s.blocked;
    if (log.length - s.head >= max) at = Math.max(at, log[log.length - max]! + interval);
    if (s.serverLeft <= 0 && s.serverUntil > at) at = s.serverUntil;
    if (s.dayLeft <= 0 && s.dayEnd > at) at = s.dayEnd;
    return at;
  }

  /** A DailyQuotaSpent when `s` has no daily quota left for longer than may be waited, else undefined. */
  function daySpent(s: KeyState, t: number): DailyQuotaSpent | undefined {
    return s.dayLeft <= 0 && s.dayEnd - t > maxDailyWait ? new DailyQuotaSpent(s.dayEnd - t) : undefined;
  }

  /**
   * Reserves a send at `t`. The returned release, called when the response arrives, moves the
   * send's entry in the log to that moment: the server counts a request when it arrives, which is
   * no later than its response, so the window is kept on the server's clock whatever the latency.
   */
  function take(s: KeyState, t: number): () => void {
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
      if (live.queue.length || s.queue.length) pump(s);
    };
  }

  /** Serves the queue's head while it may go, then arms the key's one timer for the next. */
  function pump(s: KeyState) {
    const t = now();
    const queue = s.queue;
    let at = 0;
    while (queue.length && (at = readyAt(s, t)) <= t) {
      const w = queue.shift()!;
      w.signal?.removeEventListener("abort", w.onAbort!);
      w.ok(take(s, t));
    }
    // The day's quota ran out under the queue: nobody waits for hours.
    const spent = daySpent(s, t);
    if (spent) {
      for (const w of queue.splice(0)) {
        w.signal?.removeEventListener("abort", w.onAbort!);
        w.no(spent);
      }
    }
    if (s.timer !== undefined && (!queue.length || s.timerAt !== at)) {
      clearTimer(s.timer);
      s.timer = undefined;
    }
    if (!queue.length) {
      if (idle(s, t) && keys.get(s.key) === s) keys.delete(s.key);
    } else if (s.timer === undefined && at < Infinity) {
      s.timerAt = at;
      s.timer = setTimer(
        () => {
          s.timer = undefined;
          pump(s);
        },
        Math.ceil(at - t),
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
      return !s.queue.length && readyAt(s, t) <= t ? take(s, t) : undefined;
    },

    acquire(key, signal) {
      if (signal?.aborted) return Promise.reject(signal.reason);
      const t = now();
      const s = stateOf(key, t);
      if (!s.queue.length && readyAt(s, t) <= t) return Promise.resolve(take(s, t));
      const spent = daySpent(s, t);
      if (spent) return Promise.reject(spent);
      return new Promise((ok, no) => {
        const w: Waiter = { ok, no };
        if (signal) {
          w.signal = signal;
          w.onAbort = () => {
            s.queue.splice(s.queue.indexOf(w), 1);
            no(signal.reason);
            pump(s);
          };
          signal.addEventListener("abort", w.onAbort, { once: true });
        }
        // Only the head arms the timer; later waiters are served by the pump that serves it.
        if (s.queue.push(w) === 1) pump(s);
      });
    },

    observe(key, info) {
      if ((info.max ?? 0) >= 1) max = Math.floor(info.max!);
      if ((info.intervalMs ?? 0) > 0) interval = info.intervalMs!;
      if ((info.limitDaily ?? 0) > 0) perDay = info.limitDaily!;
      const t = now();
      const s = stateOf(key, t);
      prune(s, t);
      // The server counted this response's request when it arrived, after it was sent: our own
      // sends that have left the window since may still be in its count. Only a count lower than
      // what they explain says that someone else uses the quota.
      let own = s.log.length - s.head;
      for (let i = s.head - 1; i >= 0 && s.log[i]! > s.lastSent - interval; i--) own++;
      const left = max - own;
      const remaining = info.remaining;
      // While a server count is trusted, only a lower one replaces it: stale responses say more.
      if (remaining !== undefined && remaining < (s.serverUntil > t ? Math.min(left, s.serverLeft) : left)) {
        s.serverLeft = remaining;
        s.serverUntil = t + interval;
      }
      if ((info.dailyRemaining ?? Infinity) < s.dayLeft) s.dayLeft = info.dailyRemaining!;
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
