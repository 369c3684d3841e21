/**
 * The process side of the shared sliding window. Per location, one EVALSHA at a time carries
 * everything this process has to tell Redis (responses that arrived with their rate-limit
 * headers, slots given up) and asks for slots for the waiting requests, FIFO. A granted request
 * sleeps until its slot (with a little jitter) and goes without asking again; one that got no
 * slot is asked for again when Redis says room comes, or sooner, with the next response this
 * process reports. Every reply tells the location's limits and any pause from a 429 seen by any
 * process.
 */
import { DailyQuotaSpent, type RateLimitInfo } from "../rate-limit.js";
import type { ScriptRunner } from "./adapter.js";
import { StoreClosedError } from "./errors.js";
import { LEAVE, PENALIZE, SYNC } from "./rate-limit-scripts.js";

/** Most slots asked for in one call. */
const MAX_BATCH = 100;
const JITTER_MS = 2;

export interface WindowConfig {
  runner: ScriptRunner;
  prefix: string;
  /** Configured max, interval, daily limit (0: not configured). */
  limits: [number, number, number];
  /** -1: wait for a spent daily quota whatever it takes. */
  maxDailyWaitMs: number;
  /** How far ahead Redis hands out a slot (at most half an interval). */
  horizonMs: number;
  /** Called when a Redis call failed; the lane's queue is still there. */
  onError(error: unknown, lane: Lane): void;
}

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
  keys: string[];
  queue: Waiter[];
  sleeping: Set<Waiter>;
  /** Members whose slot came and whose response has not been reported yet. */
  inFlight: Set<string>;
  cancels: string[];
  releases: string[];
  observed: { member: string; info: RateLimitInfo } | undefined;
  lastReleased: string;
  busy: boolean;
  queued: boolean;
  retryTimer: ReturnType<typeof setTimeout> | undefined;
  blockedUntil: number;
  policy: string;
}

const now = () => performance.now();

export function createSharedWindow(config: WindowConfig) {
  const { runner, limits } = config;
  // This window's name in Redis: its members and its place among the processes sharing a location.
  const tag = Math.random().toString(36).slice(2, 10);
  let seq = 0;
  const nextMember = () => `${tag}.${(seq++).toString(36)}`;
  const lanes = new Map<string, Lane>();
  /** Keys of the locations this window asked for slots at lately: it counts among their processes. */
  const asked = new Map<string, string[]>();
  let closed = false;
  const policyKey = `${config.prefix}rl:policy`;
  /** The limits and the number of processes sharing them, as the latest reply told. */
  const known = { max: 0, interval: 0, processes: 1 };

  function laneOf(key: string): Lane {
    let lane = lanes.get(key);
    if (!lane) {
      const base = `${config.prefix}rl:{${key}}`;
      const keys = [`${base}:w`, `${base}:s`, policyKey, `${base}:f`, `${base}:a`, `${base}:z`];
      lane = {
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
      lanes.set(key, lane);
    }
    return lane;
  }

  /** Drops a lane that holds nothing, so that idle locations cost no memory here either. */
  function tidy(lane: Lane) {
    const idle =
      !lane.queue.length && !lane.sleeping.size && !lane.inFlight.size && !lane.busy && !lane.releases.length;
    if (idle && !lane.retryTimer && !lane.observed && lanes.get(lane.key) === lane) lanes.delete(lane.key);
  }

  /** Syncs with Redis after the current turn (batching whatever else happens in it), or in `ms`. */
  function schedule(lane: Lane, ms = 0) {
    if (ms > 0) {
      if (!lane.retryTimer && !lane.queued) {
        lane.retryTimer = setTimeout(() => {
          lane.retryTimer = undefined;
          void sync(lane);
        }, ms);
      }
      return;
    }
    if (lane.retryTimer) clearTimeout(lane.retryTimer);
    lane.retryTimer = undefined;
    if (lane.queued) return;
    lane.queued = true;
    queueMicrotask(() => {
      lane.queued = false;
      void sync(lane);
    });
  }

  async function sync(lane: Lane) {
    if (lane.busy || closed) return;
    const paused = lane.blockedUntil - now();
    const batch = paused > 0 ? [] : lane.queue.slice(0, MAX_BATCH);
    if (!batch.length && !lane.releases.length && !lane.observed && !lane.cancels.length) {
      if (paused > 0 && lane.queue.length) schedule(lane, paused);
      return tidy(lane);
    }
    lane.busy = true;
    const members = batch.map(nextMember);
    if (members.length) {
      asked.delete(lane.key);
      asked.set(lane.key, lane.keys);
      // Oldest first: past a few thousand locations, the oldest are no longer among the askers.
      if (asked.size > 10_000) asked.delete(asked.keys().next().value!);
    }
    const cancels = lane.cancels.splice(0);
    const releases = lane.releases.splice(0);
    const seen = lane.observed;
    lane.observed = undefined;
    const info = seen?.info;
    const facts = [
      seen?.member,
      info?.max,
      info?.intervalMs,
      info?.limitDaily,
      info?.remaining,
      info?.dailyRemaining,
    ];
    let reply: number[];
    try {
      const args = [...limits, tag, cancels.length, ...cancels, releases.length, ...releases];
      args.push(...facts.map((v) => v ?? ""), config.maxDailyWaitMs, config.horizonMs, ...members);
      reply = ((await runner.run(SYNC, lane.keys, args)) as unknown[]).map(Number);
    } catch (error) {
      lane.busy = false;
      return config.onError(error, lane);
    }
    lane.busy = false;
    if (closed) return;
    const [max, interval, blockedIn, processes, granted, retryIn] = reply as [number, ...number[]];
    known.max = max;
    known.interval = interval!;
    if (processes! > 0) known.processes = processes!;
    if (granted === -1) {
      for (const w of lane.queue.splice(0)) settle(w).reject(new DailyQuotaSpent(retryIn!));
    }
    for (let i = 0; i < granted!; i++) {
      const w = batch[i]!;
      if (w.done) lane.cancels.push(members[i]!);
      else {
        lane.queue.splice(lane.queue.indexOf(w), 1);
        sleep(lane, w, members[i]!, reply[6 + i]!);
      }
    }
    const policy = `${max}/${interval}`;
    const learned = lane.policy !== "" && lane.policy !== policy;
    lane.policy = policy;
    if (blockedIn! > 0) pause(lane, now() + blockedIn!);
    const more =
      lane.releases.length || lane.observed || (lane.queue.length && (learned || granted === batch.length));
    if (more) schedule(lane);
    else if (lane.queue.length && retryIn! > 0) schedule(lane, retryIn);
    tidy(lane);
  }

  /** A 429 somewhere: slots this process holds before the pause's end are given back and asked for again. */
  function pause(lane: Lane, until: number) {
    if (until <= lane.blockedUntil) return;
    lane.blockedUntil = until;
    const back = [...lane.sleeping].filter((w) => w.fireAt! < until).sort((a, b) => a.fireAt! - b.fireAt!);
    for (const w of back) {
      clearTimeout(w.timer);
      lane.sleeping.delete(w);
      lane.cancels.push(w.member!);
      w.member = undefined;
    }
    lane.queue.unshift(...back);
    if (lane.retryTimer) clearTimeout(lane.retryTimer);
    lane.retryTimer = undefined;
    if (lane.queue.length) schedule(lane, until - now());
  }

  function settle(w: Waiter): Waiter {
    w.done = true;
    w.signal?.removeEventListener("abort", w.onAbort);
    return w;
  }

  function sleep(lane: Lane, w: Waiter, member: string, waitMs: number) {
    w.member = member;
    const fire = () => {
      lane.sleeping.delete(w);
      lane.inFlight.add(member);
      settle(w).resolve(releaser(lane, member));
    };
    if (waitMs <= 0) return fire();
    lane.sleeping.add(w);
    const ms = waitMs + Math.random() * JITTER_MS;
    w.fireAt = now() + ms;
    w.timer = setTimeout(fire, ms);
  }

  function releaser(lane: Lane, member: string) {
    let done = false;
    return () => {
      if (done || closed) return;
      done = true;
      lane.inFlight.delete(member);
      lane.releases.push(member);
      lane.lastReleased = member;
      // After the current turn: the transport reports the response's headers right after release.
      schedule(lane);
    };
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
      const waiting = [...lane.queue.splice(0), ...lane.sleeping];
      lane.sleeping.clear();
      for (const w of waiting) {
        clearTimeout(w.timer);
        settle(w).reject(closedError());
      }
    }
    lanes.clear();
    asked.clear();
    await Promise.all([...keys.values()].map((k) => runner.run(LEAVE, k, [...limits, tag]).catch(() => {})));
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
      const lane = laneOf(key);
      lane.observed = { member: lane.lastReleased || "-", info };
      schedule(lane);
    },
    penalize(key: string, ms: number) {
      if (closed) return;
      const lane = laneOf(key);
      pause(lane, now() + ms);
      runner.run(PENALIZE, lane.keys, [...limits, ms]).catch((error) => config.onError(error, lane));
    },
    close,
  };
}

const closedError = () => new StoreClosedError("the Redis store was closed (store.close())");

export type SharedWindow = ReturnType<typeof createSharedWindow>;
