/**
 * The process side of the shared sliding window: requests queue per location (lane) and wait for
 * the slot Redis gives them (window-sync.ts); every reply tells the location's limits and any
 * pause from a 429 seen by any process. Closing it gives back in Redis what it holds.
 */
import type { RateLimitInfo } from "../rate-limit/headers.js";
import type { ScriptRunner } from "./script-runner.js";
import { StoreClosedError } from "./errors.js";
import { createLane, isIdle, now, rejectAll, settle, type Lane, type Waiter } from "./window-lane.js";
import { LEAVE, PENALIZE } from "./window-scripts.js";
import { createLaneSync } from "./window-sync.js";

export type { Lane, Waiter } from "./window-lane.js";

export interface WindowConfig {
  runner: ScriptRunner;
  prefix: string;
  /** Configured max, interval, daily limit (0: not configured). */
  limits: [number, number, number];
  /** -1: wait for a spent daily quota whatever it takes. */
  maxDailyWaitMs: number;
  /** How far ahead Redis hands out a slot (at most one interval). */
  horizonMs: number;
  /** Called when a Redis call failed; the lane's queue is still there. */
  onError(error: unknown, lane: Lane): void;
  /** See SyncContext. */
  drainMs(): number;
  replied(processes: number): void;
}

const closedError = () => new StoreClosedError("the Redis store was closed (store.close())");
/** Locations remembered as asked at, for close(); past it the oldest no longer count anyway. */
const MAX_ASKED = 10_000;

export function createSharedWindow(config: WindowConfig) {
  const { runner, limits } = config;
  const lanes = new Map<string, Lane>();
  /** Keys of the locations this window asked for slots at lately: it counts among their processes. */
  const asked = new Map<string, string[]>();
  let closed = false;
  const known = { max: 0, interval: 0, processes: 1, rank: 0, longest: 0 };
  /** The limits this process learned from headers, at any location: a new location starts with them. */
  const hint = { max: 0, interval: 0 };
  /** What every script gets first: the configured limits, then the learned ones. */
  const base = () => [...limits, hint.max, hint.interval];
  // This window's name in Redis: its members and its place among the processes sharing a location.
  const tag = Math.random().toString(36).slice(2, 10);
  let reported = 0;

  const { schedule, pause } = createLaneSync({
    runner,
    base,
    maxDailyWaitMs: config.maxDailyWaitMs,
    horizonMs: config.horizonMs,
    tag,
    known,
    closed: () => closed,
    asking(lane) {
      asked.delete(lane.key);
      asked.set(lane.key, lane.keys);
      if (asked.size > MAX_ASKED) asked.delete(asked.keys().next().value!);
    },
    tidy,
    onError: config.onError,
    drainMs: config.drainMs,
    replied: config.replied,
  });

  function laneOf(key: string): Lane {
    let lane = lanes.get(key);
    if (!lane) {
      // One hash slot for all of them ("=": a tag even for the empty key of calls without a location).
      const name = `${config.prefix}rl:{=${key}}`;
      lane = createLane(key, [`${name}:w`, `${name}:s`, `${name}:f`, `${name}:a`, `${name}:z`]);
      lanes.set(key, lane);
    }
    return lane;
  }

  /** Drops a lane that holds nothing, so that idle locations cost no memory here either. */
  function tidy(lane: Lane) {
    if (isIdle(lane) && lanes.get(lane.key) === lane) lanes.delete(lane.key);
  }

  function abort(lane: Lane, w: Waiter) {
    if (w.done) return;
    settle(w);
    if (w.member !== undefined) {
      clearTimeout(w.timer);
      lane.sleeping.delete(w);
      lane.cancels.push(w.member);
    } else {
      const i = lane.queue.indexOf(w);
      if (i >= 0) lane.queue.splice(i, 1);
    }
    w.reject(w.signal!.reason);
    tidy(lane);
  }

  /**
   * Stops this window: waiting requests fail with StoreClosedError, its timers stop, and in Redis
   * the slots it reserved are given back and its unanswered requests count as answered now (they
   * leave the window one interval later instead of being held for the lease of a dead process);
   * it leaves the processes sharing each location, so the others get its share at once.
   */
  async function close(): Promise<void> {
    if (closed) return;
    closed = true;
    const keys = new Map(asked);
    for (const lane of lanes.values()) {
      keys.set(lane.key, lane.keys);
      clearTimeout(lane.retryTimer);
      lane.retryTimer = undefined;
      lane.inFlight.clear();
      rejectAll(lane, closedError());
    }
    lanes.clear();
    asked.clear();
    await Promise.all([...keys.values()].map((k) => runner.run(LEAVE, k, [...base(), tag]).catch(() => {})));
  }

  return {
    known,
    /** Queues a request for a slot; resolves to its release once the slot has come. */
    acquire(key: string, signal: AbortSignal | undefined): Promise<() => void> {
      if (closed) return Promise.reject(closedError());
      if (signal?.aborted) return Promise.reject(signal.reason);
      const lane = laneOf(key);
      return new Promise((resolve, reject) => {
        const w: Waiter = { resolve, reject, signal, onAbort: () => abort(lane, w) };
        signal?.addEventListener("abort", w.onAbort, { once: true });
        lane.queue.push(w);
        if (lane.queue.length === 1 && !lane.busy) schedule(lane);
      });
    },
    observe(key: string, info: RateLimitInfo) {
      if (closed) return;
      if (info.max !== undefined && info.max >= 1) hint.max = Math.floor(info.max);
      if (info.intervalMs !== undefined && info.intervalMs > 0) hint.interval = info.intervalMs;
      const lane = laneOf(key);
      lane.observed = { member: lane.lastReleased || "-", info };
      schedule(lane);
    },
    /**
     * Requests this process sent without the shared window (while Redis was away), answered at
     * `answeredAt` (performance.now()): told to Redis as answered, so that they count there.
     */
    report(key: string, answeredAt: number[]) {
      if (closed || !answeredAt.length) return;
      const lane = laneOf(key);
      for (const at of answeredAt) lane.releases.push({ member: `${tag}.x${(reported++).toString(36)}`, at });
      schedule(lane);
    },
    /**
     * Redis is away: headers not yet told are dropped (told later they would pass for news), and
     * the lanes whose requests wait for a slot are returned, to be served otherwise.
     */
    interrupt(): Lane[] {
      const waiting: Lane[] = [];
      for (const lane of [...lanes.values()]) {
        lane.observed = undefined;
        if (lane.queue.length) waiting.push(lane);
        else tidy(lane);
      }
      return waiting;
    },
    penalize(key: string, ms: number) {
      if (closed) return;
      const lane = laneOf(key);
      pause(lane, now() + ms);
      runner.run(PENALIZE, lane.keys, [...base(), ms]).catch((error) => config.onError(error, lane));
    },
    close,
  };
}

export type SharedWindow = ReturnType<typeof createSharedWindow>;
