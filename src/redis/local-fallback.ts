/**
 * The in-process limiter a Redis limiter falls back to while Redis is away: this process's share
 * of the quota, so that the processes together stay within the limit. It sends nothing before
 * its gate opens (when the slots Redis handed out before the loss can no longer be in use or
 * counted), remembers what it sent lately (told to Redis when it answers again), and its waits
 * can be ended all at once: by close(), or by redo() (they fail with REDO, to be asked for again
 * where the limiter now says).
 */
import { createRateLimiter } from "../rate-limit/limiter.js";
import { type RateLimiter, type RateLimiterOptions } from "../rate-limit/contract.js";

export interface FallbackLimits {
  maxPerDay?: number | undefined;
  maxDailyWaitMs: number;
}

/** Closed until `until`; its timer runs only while someone waits. */
interface Gate {
  until: number;
  opened: Promise<void>;
  open(): void;
  timer?: ReturnType<typeof setTimeout>;
}

/** Why a wait ended: it is to be asked for again. */
export const REDO = new Error("asked again");
const now = () => performance.now();

export function createLocalFallback(limits: FallbackLimits) {
  let local: RateLimiter = createRateLimiter({});
  let interval = 0;
  /** The waits, each ended by close() or redo() (a set: no listener per wait on one signal). */
  const waits = new Set<AbortController>();
  /** Per location: requests in flight, and when the others were answered (within an interval). */
  const sent = new Map<string, { flying: number; answered: number[] }>();
  let gate: Gate | undefined;

  /** The gate, if still closed. */
  function closed(): Gate | undefined {
    if (gate && now() >= gate.until) gate.open();
    return gate;
  }

  /** Resolves when the gate opens. */
  function pass(signal: AbortSignal): Promise<void> {
    const g = closed();
    if (!g) return Promise.resolve();
    g.timer ??= setTimeout(g.open, Math.max(0, g.until - now()));
    return new Promise((resolve, reject) => {
      const onAbort = () => reject(signal.reason);
      signal.addEventListener("abort", onAbort, { once: true });
      void g.opened.then(() => (signal.removeEventListener("abort", onAbort), resolve()));
    });
  }

  /** Counts a request as sent; its release records when it was answered. */
  function track(key: string, release: () => void): () => void {
    let record = sent.get(key);
    if (!record) sent.set(key, (record = { flying: 0, answered: [] }));
    const mine = record;
    mine.flying++;
    let done = false;
    return () => {
      if (done) return;
      done = true;
      mine.flying--;
      const t = now();
      while (mine.answered.length && mine.answered[0]! <= t - interval) mine.answered.shift();
      mine.answered.push(t);
      release();
    };
  }

  const api = {
    /** A new local limiter (its share of the quota), closed until `closedUntil` (performance.now()). */
    start(share: Pick<RateLimiterOptions, "maxPerInterval" | "intervalMs">, closedUntil: number) {
      const options: RateLimiterOptions = { ...share, maxDailyWaitMs: limits.maxDailyWaitMs };
      if (limits.maxPerDay !== undefined) options.maxPerDay = limits.maxPerDay;
      local = createRateLimiter(options);
      interval = share.intervalMs ?? 10_000;
      sent.clear();
      api.open();
      if (closedUntil > now()) {
        let open = () => {};
        const opened = new Promise<void>((resolve) => (open = resolve));
        const g: Gate = {
          until: closedUntil,
          opened,
          open() {
            clearTimeout(g.timer);
            if (gate === g) gate = undefined;
            open();
          },
        };
        gate = g;
      }
      api.redo();
    },
    /** Opens the gate now. */
    open: () => gate?.open(),
    async acquire(key: string, signal: AbortSignal | undefined): Promise<() => void> {
      const wait = new AbortController();
      const onAbort = () => wait.abort(signal!.reason);
      if (signal?.aborted) onAbort();
      signal?.addEventListener("abort", onAbort, { once: true });
      waits.add(wait);
      try {
        await pass(wait.signal);
        return track(key, await local.acquire(key, wait.signal));
      } catch (error) {
        throw wait.signal.reason === REDO ? REDO : error;
      } finally {
        waits.delete(wait);
        signal?.removeEventListener("abort", onAbort);
      }
    },
    tryAcquire(key: string) {
      const release = closed() ? undefined : local.tryAcquire(key);
      return release && track(key, release);
    },
    observe(key: string, info: Parameters<RateLimiter["observe"]>[1]) {
      // The local share stays what it is: the header's max is the whole quota.
      const { max: _whole, ...rest } = info;
      local.observe(key, rest);
    },
    penalize: (key: string, ms: number) => local.penalize(key, ms),
    /** What was sent lately, per location: when each was answered, now for those in flight. */
    recent(): [string, number[]][] {
      const t = now();
      const out: [string, number[]][] = [];
      for (const [key, { flying, answered }] of sent) {
        const times = answered.filter((at) => at > t - interval);
        for (let i = 0; i < flying; i++) times.push(t);
        if (times.length) out.push([key, times]);
      }
      return out;
    },
    /** Every wait is asked for again. */
    redo() {
      for (const wait of waits) wait.abort(REDO);
    },
    /** Every wait fails with `reason`. */
    close(reason: unknown) {
      for (const wait of waits) wait.abort(reason);
      clearTimeout(gate?.timer);
      gate = undefined;
    },
  };
  return api;
}
