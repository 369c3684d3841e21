/**
 * The interval each location's latest reply told, for as long as the slots that reply handed out
 * may still count (up to one interval ahead, within the horizon, then one interval): what the
 * fallback waits out after a loss. A location whose headers taught a 1 s window waits about 2 s,
 * not twice the 10 s its first reply told before anything was learned.
 */
const MAX_LOCATIONS = 10_000;
/** A loss is dated up to one command's timeout back (lossTime): entries are kept that much longer. */
const SLACK_MS = 60_000;

export function createToldIntervals(horizonMs: number) {
  const told = new Map<string, { interval: number; at: number }>();
  const until = (e: { interval: number; at: number }) => e.at + Math.min(e.interval, horizonMs) + e.interval;
  return {
    /** A reply for `key` told `interval`. */
    tell(key: string, interval: number) {
      const at = performance.now();
      told.delete(key);
      told.set(key, { interval, at });
      // Oldest first: those whose slots can no longer count go (and the oldest past the cap).
      for (const [k, e] of told) {
        if (until(e) + SLACK_MS > at && told.size <= MAX_LOCATIONS) break;
        told.delete(k);
      }
    },
    /** The longest interval told whose slots may still count at `at` (performance.now()); 0: none. */
    longest(at: number): number {
      let longest = 0;
      for (const e of told.values()) if (until(e) > at) longest = Math.max(longest, e.interval);
      return longest;
    },
  };
}
