/**
 * One location's state in a process's shared window (a lane): the requests waiting for a slot,
 * those sleeping until the slot Redis gave them, those in flight, and the news (responses, slots
 * given up, headers) not yet told to Redis. Also the waiters' life: granted, released, settled.
 */
import type { RateLimitInfo } from "../rate-limit/headers.js";

const JITTER_MS = 2;

export interface Waiter {
  resolve(release: () => void): void;
  reject(reason: unknown): void;
  signal: AbortSignal | undefined;
  onAbort: () => void;
  /** Set while it sleeps on a granted slot. */
  member?: string | undefined;
  timer?: ReturnType<typeof setTimeout> | undefined;
  fireAt?: number;
  done?: boolean;
}

export interface Lane {
  key: string;
  /** The location's keys in Redis, in the order the scripts take them. */
  keys: string[];
  queue: Waiter[];
  sleeping: Set<Waiter>;
  /** Members whose slot came and whose response has not been reported yet. */
  inFlight: Set<string>;
  cancels: string[];
  /** Members whose response arrived, with when (performance.now()), not yet told to Redis. */
  releases: { member: string; at: number }[];
  observed: { member: string; info: RateLimitInfo } | undefined;
  lastReleased: string;
  busy: boolean;
  queued: boolean;
  retryTimer: ReturnType<typeof setTimeout> | undefined;
  blockedUntil: number;
  policy: string;
}

export const now = () => performance.now();

export function createLane(key: string, keys: string[]): Lane {
  return {
    key,
    keys,
    queue: [],
    sleeping: new Set(),
    inFlight: new Set(),
    cancels: [],
    releases: [],
    observed: undefined,
    lastReleased: "",
    busy: false,
    queued: false,
    retryTimer: undefined,
    blockedUntil: 0,
    policy: "",
  };
}

/** Nothing waits, sleeps, flies or is left to tell: the lane can go. */
export function isIdle(lane: Lane): boolean {
  return (
    !lane.queue.length &&
    !lane.sleeping.size &&
    !lane.inFlight.size &&
    !lane.busy &&
    !lane.releases.length &&
    !lane.retryTimer &&
    !lane.observed
  );
}

/** Marks a waiter answered (it no longer listens to its signal); returns it. */
export function settle(w: Waiter): Waiter {
  w.done = true;
  w.signal?.removeEventListener("abort", w.onAbort);
  return w;
}

/**
 * A slot for `member` in `waitMs`: the waiter sleeps until then (with a little jitter), and gets
 * the release that reports its response; `onRelease` runs after each release.
 */
export function grant(lane: Lane, w: Waiter, member: string, waitMs: number, onRelease: () => void) {
  w.member = member;
  const fire = () => {
    lane.sleeping.delete(w);
    lane.inFlight.add(member);
    let released = false;
    settle(w).resolve(() => {
      if (released) return;
      released = true;
      if (!lane.inFlight.delete(member)) return; // the window was closed meanwhile
      lane.releases.push({ member, at: now() });
      lane.lastReleased = member;
      onRelease();
    });
  };
  if (waitMs <= 0) return fire();
  lane.sleeping.add(w);
  const ms = waitMs + Math.random() * JITTER_MS;
  w.fireAt = now() + ms;
  w.timer = setTimeout(fire, ms);
}

/** Sleeping waiters whose slot comes before `until`, taken back to wait again (their slots given up). */
export function takeBack(lane: Lane, until: number): Waiter[] {
  const back = [...lane.sleeping].filter((w) => w.fireAt! < until).sort((a, b) => a.fireAt! - b.fireAt!);
  for (const w of back) {
    clearTimeout(w.timer);
    lane.sleeping.delete(w);
    lane.cancels.push(w.member!);
    w.member = undefined;
  }
  return back;
}

/** Every waiting and sleeping request of the lane fails with `reason`. */
export function rejectAll(lane: Lane, reason: unknown) {
  const waiting = [...lane.queue.splice(0), ...lane.sleeping];
  lane.sleeping.clear();
  for (const w of waiting) {
    clearTimeout(w.timer);
    settle(w).reject(reason);
  }
}
