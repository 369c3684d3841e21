/**
 * Talking to Redis for one location (lane): one EVALSHA at a time carries everything this process
 * has to tell (responses that arrived with their rate-limit headers, slots given up) and asks for
 * slots for the waiting requests, FIFO. A granted request sleeps until its slot; one that got none
 * is asked for again when Redis says room comes, or sooner, with the next response reported.
 */
import { DailyQuotaSpent } from "../rate-limit/contract.js";
import type { ScriptRunner } from "./script-runner.js";
import { SYNC } from "./sync-script.js";
import { grant, now, settle, takeBack, type Lane } from "./window-lane.js";

/** Most slots asked for in one call. */
const MAX_BATCH = 100;

export interface SyncContext {
  runner: ScriptRunner;
  /** The arguments every script starts with: configured limits, then those this process learned. */
  base(): number[];
  maxDailyWaitMs: number;
  horizonMs: number;
  /** The window's name in Redis; its members are `<tag>.<n>`. */
  tag: string;
  /**
   * The limits, the processes sharing them (those that asked within two intervals) and this
   * one's rank among them (by tag), as the latest reply that asked told; `longest` is the
   * longest interval any reply told.
   */
  known: { max: number; interval: number; processes: number; rank: number; longest: number };
  /** How long slots handed out before this process last lost Redis may still be in use (ms). */
  drainMs(): number;
  /** A reply came, telling how many processes share the location (0: this one asked nothing). */
  replied(processes: number): void;
  closed(): boolean;
  /** A sync is about to ask for slots for the lane. */
  asking(lane: Lane): void;
  tidy(lane: Lane): void;
  onError(error: unknown, lane: Lane): void;
}

export function createLaneSync(ctx: SyncContext) {
  let seq = 0;
  const nextMember = () => `${ctx.tag}.${(seq++).toString(36)}`;

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
    clearTimeout(lane.retryTimer);
    lane.retryTimer = undefined;
    if (lane.queued) return;
    lane.queued = true;
    queueMicrotask(() => {
      lane.queued = false;
      void sync(lane);
    });
  }

  /** SYNC's arguments: this process's news for the lane, then the members that want a slot. */
  function syncArgs(lane: Lane, members: string[]) {
    const cancels = lane.cancels.splice(0);
    const releases = lane.releases.splice(0);
    const seen = lane.observed;
    lane.observed = undefined;
    const info = seen?.info;
    const facts = [seen?.member, info?.max, info?.intervalMs, info?.limitDaily, info?.remaining];
    facts.push(info?.dailyRemaining);
    const args = [...ctx.base(), ctx.tag, cancels.length, ...cancels, releases.length];
    const sentAt = now();
    for (const r of releases) args.push(r.member, Math.floor(sentAt - r.at));
    args.push(...facts.map((v) => v ?? ""), ctx.maxDailyWaitMs, ctx.horizonMs, ctx.drainMs(), ...members);
    return { args, cancels, releases };
  }

  async function sync(lane: Lane) {
    if (lane.busy || ctx.closed()) return;
    const paused = lane.blockedUntil - now();
    const batch = paused > 0 ? [] : lane.queue.slice(0, MAX_BATCH);
    if (!batch.length && !lane.releases.length && !lane.observed && !lane.cancels.length) {
      if (paused > 0 && lane.queue.length) schedule(lane, paused);
      return ctx.tidy(lane);
    }
    lane.busy = true;
    const members = batch.map(nextMember);
    if (members.length) ctx.asking(lane);
    const { args, cancels, releases } = syncArgs(lane, members);
    let reply: number[];
    try {
      reply = ((await ctx.runner.run(SYNC, lane.keys, args)) as unknown[]).map(Number);
    } catch (error) {
      lane.busy = false;
      // Told again with the next sync (Redis may have run this one: giving up or answering a
      // member twice changes nothing), or their slots would stay taken for the lease. The
      // members it asked for are given up too: the client may still deliver it once Redis is
      // back (ioredis resends unanswered commands), and nobody waits for them any more.
      lane.cancels.unshift(...cancels, ...members);
      lane.releases.unshift(...releases);
      return ctx.onError(error, lane);
    }
    lane.busy = false;
    if (ctx.closed()) return;
    const [max, interval, blockedIn, processes, rank, granted, retryIn] = reply as [number, ...number[]];
    const { known } = ctx;
    known.max = max;
    known.interval = interval!;
    known.longest = Math.max(known.longest, interval!);
    if (processes! > 0) [known.processes, known.rank] = [processes!, rank!];
    if (granted === -1) {
      for (const w of lane.queue.splice(0)) settle(w).reject(new DailyQuotaSpent(retryIn!));
    }
    for (let i = 0; i < granted!; i++) {
      const w = batch[i]!;
      if (w.done) lane.cancels.push(members[i]!);
      else {
        lane.queue.splice(lane.queue.indexOf(w), 1);
        // Reported after the current turn: the transport reports the response's headers right after release.
        grant(lane, w, members[i]!, reply[7 + i]!, () => schedule(lane));
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
    ctx.tidy(lane);
    ctx.replied(processes!);
  }

  /** A 429 somewhere: slots this process holds before the pause's end are given back and asked for again. */
  function pause(lane: Lane, until: number) {
    if (until <= lane.blockedUntil) return;
    lane.blockedUntil = until;
    lane.queue.unshift(...takeBack(lane, until));
    clearTimeout(lane.retryTimer);
    lane.retryTimer = undefined;
    if (lane.queue.length) schedule(lane, until - now());
  }

  return { schedule, pause };
}
