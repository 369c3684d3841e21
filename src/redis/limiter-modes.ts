/**
 * Where a Redis limiter takes its slots, as Redis comes and goes: the shared window while Redis
 * answers; this process's share of the quota in-process while it is away (after the slots Redis
 * handed out before can no longer count); both for a while once it is back, until every process
 * that shared a location before the loss asks Redis again.
 */
import { createLocalFallback, REDO } from "./local-fallback.js";
import type { LimiterContext, RedisLimiterOptions } from "./limiter-context.js";
import { lossTime } from "./script-runner.js";
import { StoreClosedError, StoreUnavailableError } from "./errors.js";
import { createSharedWindow, type Lane } from "./shared-window.js";
import { settle } from "./window-lane.js";
import { PROBE } from "./window-scripts.js";

/**
 * Longest time after Redis answers again during which each process keeps to its share, waiting
 * for the others that shared the location before to be back.
 */
const MAX_MIXED_MS = 10_000;
const now = () => performance.now();
const finite = (n: number | undefined) => (n !== undefined && n !== Infinity ? n : 0);

export function createModes(ctx: LimiterContext, options: RedisLimiterOptions) {
  const logger = options.logger ?? ctx.logger;
  const maxDailyWait = options.maxDailyWaitMs ?? Infinity;
  /**
   * shared: the window in Redis alone; local: this process's share, in-process; mixed: Redis is
   * back, and each request takes both a slot of the share and a shared one, until the processes
   * that shared the location before the loss are all back (some may still send on their own).
   */
  let mode: "shared" | "local" | "mixed" = "shared";
  let closed = false;
  let probe: ReturnType<typeof setInterval> | undefined;
  /** Until when slots Redis handed out before the last loss may be in use or counted. */
  let drainUntil = 0;
  /** Redis answered since the last failure: the next failure starts an outage. */
  let answering = true;
  /** Who shared the locations when Redis was lost: the processes asking, and this one's rank. */
  let before = { processes: 1, rank: 0 };
  let mixedUntil = 0;

  const window = createSharedWindow({
    runner: ctx.runner,
    prefix: ctx.prefix,
    limits: [finite(options.maxPerInterval), finite(options.intervalMs), finite(options.maxPerDay)],
    maxDailyWaitMs: maxDailyWait === Infinity ? -1 : maxDailyWait,
    horizonMs: ctx.horizonMs,
    onError: (error, lane) => away(lossTime(error) ?? now(), error, lane),
    drainMs: () => Math.max(0, Math.ceil(drainUntil - now())),
    replied,
  });
  const { known } = window;
  const local = createLocalFallback({ maxPerDay: options.maxPerDay, maxDailyWaitMs: maxDailyWait });

  /** This process's share of the last known limit: the remainder goes to the first by rank. */
  function share() {
    const max = known.max || options.maxPerInterval;
    const intervalMs = known.interval || options.intervalMs;
    if (max === undefined) return { intervalMs };
    const { processes, rank } = before;
    const maxPerInterval = Math.max(1, Math.floor(max / processes) + (rank < max % processes ? 1 : 0));
    return { maxPerInterval, intervalMs };
  }

  /**
   * Redis is away, since `at` at the latest. What it handed out before may be used for one more
   * interval (its horizon) and then counts one interval at the server: the local limiter waits
   * for that (a process that never got a reply knows of no slot, and its share is the whole).
   */
  function away(at: number, error: unknown, failed?: Lane) {
    if (closed) return;
    const reason =
      error instanceof StoreUnavailableError
        ? error
        : new StoreUnavailableError("Redis failed", { cause: error });
    if (answering && known.longest > 0)
      drainUntil = Math.max(drainUntil, at + Math.min(known.longest, ctx.horizonMs) + known.longest);
    answering = false;
    const lanes = window.interrupt();
    if (ctx.onStoreError === "fail") {
      // The requests that waited on what failed (on a lost connection: all) fail with it.
      for (const lane of failed ? [failed] : lanes) rejectQueue(lane, reason);
      return;
    }
    if (mode !== "local") {
      if (mode === "shared") before = { processes: known.processes, rank: known.rank };
      mode = "local";
      local.start(share(), drainUntil);
      logger.warn(
        `highlevel-voice-ai/redis: ${reason.message}; rate limits are kept per process until Redis answers again`,
      );
      probe = setInterval(() => ctx.runner.run(PROBE, [], []).then(back, () => {}), ctx.probeMs);
      (probe as { unref?: () => void }).unref?.();
    }
    // Whoever waited for a shared slot waits in this process's limiter now.
    for (const lane of lanes)
      for (const w of lane.queue.splice(0)) {
        settle(w);
        acquireSlot(lane.key, w.signal).then(w.resolve, w.reject);
      }
  }

  function rejectQueue(lane: Lane, reason: unknown) {
    for (const w of lane.queue.splice(0)) settle(w).reject(reason);
  }

  /**
   * Redis answers again: what this process sent on its own lately is told to it, and from now
   * on each request takes a shared slot too, so that Redis knows of all it sends.
   */
  function back() {
    if (closed || mode !== "local") return;
    clearInterval(probe);
    for (const [key, answeredAt] of local.recent()) window.report(key, answeredAt);
    mode = "mixed";
    mixedUntil = now() + MAX_MIXED_MS;
    local.open();
    logger.warn("highlevel-voice-ai/redis: Redis answers again; rate limits are shared again");
  }

  /** A reply came: back to the shared window alone once every process that shared before asks there. */
  function replied(processes: number) {
    answering = true;
    if (mode === "local") back();
    if (mode === "mixed" && (processes >= before.processes || now() >= mixedUntil)) shareAgain();
  }

  function shareAgain() {
    mode = "shared";
    local.redo();
  }

  /** A slot where the mode says; a wait ended by a change of mode is asked for again. */
  async function acquireSlot(key: string, signal?: AbortSignal): Promise<() => void> {
    for (;;) {
      if (mode === "mixed" && now() >= mixedUntil) shareAgain();
      if (mode === "shared") return window.acquire(key, signal);
      let own: () => void;
      try {
        own = await local.acquire(key, signal);
      } catch (error) {
        if (error === REDO) continue;
        throw error;
      }
      if (mode === "local") return own;
      try {
        const release = await window.acquire(key, signal);
        return () => (release(), own());
      } catch (error) {
        own();
        throw error;
      }
    }
  }

  return {
    acquire: acquireSlot,
    tryAcquire: (key: string) => (mode === "local" && !closed ? local.tryAcquire(key) : undefined),
    observe(key: string, info: Parameters<typeof window.observe>[1]) {
      if (mode !== "local") window.observe(key, info);
      if (mode !== "shared") local.observe(key, info);
    },
    penalize(key: string, ms: number) {
      if (mode !== "local") window.penalize(key, ms);
      if (mode !== "shared") local.penalize(key, ms);
    },
    lost: (at: number) => away(at, new StoreUnavailableError("Redis connection lost")),
    back,
    async close() {
      closed = true;
      clearInterval(probe);
      local.close(new StoreClosedError("the Redis store was closed (store.close())"));
      await window.close();
    },
  };
}
