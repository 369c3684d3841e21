/**
 * One key's (location's) sliding window: a log of send times, so that no span of `interval` holds
 * more than `max` sends, corrected by the server's counts; and its daily quota. What a response's
 * X-RateLimit-* headers teach is applied here too.
 */
import type { RateLimitInfo } from "./headers.js";

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

/**
 * The limits a response's headers teach, for every key: a configured limit is a ceiling that they
 * may only lower; a longer window is stricter, so they may lengthen a configured one, never shorten
 * it (one over a day is not believed).
 */
export function learnLimits(
  limits: Limits,
  ceiling: { [K in keyof Limits]: number | undefined },
  info: RateLimitInfo,
) {
  const lower = (learned: number | undefined, configured: number | undefined) =>
    learned === undefined || !(learned > 0) ? undefined : Math.min(learned, configured ?? Infinity);
  limits.max = lower(info.max, ceiling.max) ?? limits.max;
  limits.perDay = lower(info.limitDaily, ceiling.perDay) ?? limits.perDay;
  const { intervalMs = 0 } = info;
  if (intervalMs > 0 && intervalMs <= DAY) limits.interval = Math.max(intervalMs, ceiling.interval ?? 0);
}

/** What a response's headers say of one key's counts: requests left in the window and the day. */
export function learnCounts(s: KeyState, info: RateLimitInfo, t: number, limits: Limits) {
  prune(s, t, limits);
  // The server counted this response's request when it arrived, after it was sent: our own
  // sends that have left the window since may still be in its count. Only a count lower than
  // what they explain says that someone else uses the quota.
  let own = s.log.length - s.head;
  for (let i = s.head - 1; i >= 0 && s.log[i]! > s.lastSent - limits.interval; i--) own++;
  const left = limits.max - own;
  const { remaining, dailyRemaining } = info;
  // While a server count is trusted, only a lower one replaces it: stale responses say more.
  if (remaining !== undefined && remaining < (s.serverUntil > t ? Math.min(left, s.serverLeft) : left)) {
    s.serverLeft = remaining;
    s.serverUntil = t + limits.interval;
  }
  if (dailyRemaining === 0) {
    // Spent: back at the server's reset when it says (a "reset" past a day is not read as ms:
    // the unit is undocumented), else probed with one request.
    const reset = (info.dailyResetMs ?? Infinity) <= DAY ? info.dailyResetMs : undefined;
    s.dayLeft = 0;
    s.probing = reset === undefined;
    s.dayEnd = t + (reset ?? DAILY_PROBE_MS);
  } else if (dailyRemaining !== undefined && (s.probing || dailyRemaining < s.dayLeft)) {
    s.dayLeft = dailyRemaining;
    if (s.probing) [s.probing, s.dayEnd] = [false, t + DAY];
  }
}
