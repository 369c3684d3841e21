/**
 * One key's (location's) sliding window: a log of send times, so that no span of `interval` holds
 * more than `max` sends, corrected by the server's counts; and its daily quota.
 */
export interface Limits {
  max: number;
  interval: number;
  perDay: number;
}

export interface KeyState {
  key: string;
  /** Send times still inside the window, oldest first. */
  log: number[];
  /** Index of the oldest entry still in the window: pruning moves it instead of shifting the array. */
  head: number;
  /** Send stamp of the request released last: observe() judges the age of its response's count by it. */
  lastSent: number;
  active: number;
  /** Penalized (a 429's wait) until. */
  blocked: number;
  /** Sends left by the server's count, trusted until `serverUntil`. */
  serverLeft: number;
  serverUntil: number;
  dayLeft: number;
  dayEnd: number;
  /** The server said the day's quota is spent without saying when it comes back: probe for it. */
  probing: boolean;
}

export const DAY = 86_400_000;
/** With no X-RateLimit-Daily-Reset, a spent daily quota is probed with one request this often. */
export const DAILY_PROBE_MS = 60_000;

export function newKeyState(key: string, t: number, limits: Limits): KeyState {
  return {
    key,
    log: [],
    head: 0,
    lastSent: t,
    active: 0,
    blocked: 0,
    serverLeft: 0,
    serverUntil: 0,
    dayLeft: limits.perDay,
    dayEnd: t + DAY,
    probing: false,
  };
}

export function prune(s: KeyState, t: number, limits: Limits) {
  const { log } = s;
  while (s.head < log.length && t - log[s.head]! >= limits.interval) s.head++;
  // Drop the entries that left the window over an interval ago in one go, once expired entries
  // are the larger part (those of the last interval are kept for observe()).
  if (s.head > 32 && s.head * 2 > log.length) {
    let cut = 0;
    while (cut < s.head && t - log[cut]! >= 2 * limits.interval) cut++;
    log.splice(0, cut);
    s.head -= cut;
  }
  if (s.dayEnd <= t) {
    // A probe is one request; its response says how much of the day is left.
    s.dayLeft = s.probing ? 1 : limits.perDay;
    s.dayEnd = t + (s.probing ? DAILY_PROBE_MS : DAY);
  }
}

/** When the next send for `s` may go (<= t: now), or Infinity while all concurrency slots are taken. */
export function readyAt(s: KeyState, t: number, limits: Limits, concurrency: number): number {
  prune(s, t, limits);
  if (s.active >= concurrency) return Infinity;
  const { log } = s;
  let at = s.blocked;
  if (log.length - s.head >= limits.max) at = Math.max(at, log[log.length - limits.max]! + limits.interval);
  if (s.serverLeft <= 0 && s.serverUntil > at) at = s.serverUntil;
  if (s.dayLeft <= 0 && s.dayEnd > at) at = s.dayEnd;
  return at;
}

export function isIdle(s: KeyState, t: number, limits: Limits): boolean {
  prune(s, t, limits);
  return (
    !s.active &&
    s.head === s.log.length &&
    s.blocked <= t &&
    s.serverUntil <= t &&
    s.dayLeft > 0 &&
    !s.probing
  );
}
