/**
 * Talking to Redis for one location (lane): one EVALSHA at a time carries everything this process
 * has to tell (responses that arrived with their rate-limit headers, slots given up) and asks for
 * slots for the waiting requests, FIFO. A granted request sleeps until its slot; one that got none
 * is asked for again when Redis says room comes, or sooner, with the next response reported.
 */
import { DailyQuotaSpent } from "../rate-limit/contract.js";
import type { ScriptRunner } from "./script-runner.js";
import { SYNC } from "./sync-script.js";
import { syncReply, type SyncReply } from "./sync-reply.js";
import { grant, holds, now, settle, takeBack, type Lane } from "./window-lane.js";
import { lapseMs } from "./window-preamble.js";

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
   * one's rank among them (by tag), as the latest reply that asked told.
   */
  known: { max: number; interval: number; processes: number; rank: number };
  /** A reply for the location `key` told its interval. */
  told(key: string, interval: number): void;
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
    if (!batch.length && !lane.releases.length && !lane.observed && !lane.cancels.length && !lane.beat) {
      if (paused > 0 && lane.queue.length) schedule(lane, paused);
      return ctx.tidy(lane);
    }
    lane.busy = true;
    lane.beat = false;
    const sentAt = now();
    const members = batch.map(nextMember);
    if (members.length) ctx.asking(lane);
    const { args, cancels, releases } = syncArgs(lane, members);
    let reply: SyncReply;
    try {
      // A reply it cannot read fails like a command: Redis may have run it, as after a timeout.
      reply = syncReply(await ctx.runner.run(SYNC, lane.keys, args), members.length);
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
    const { max, interval, blockedIn, processes, rank, granted, retryIn, waits } = reply;
    const { known } = ctx;
    known.max = max;
    known.interval = interval;
    lane.interval = interval;
    lane.beatAt = sentAt;
    ctx.told(lane.key, interval);
    if (processes > 0) [known.processes, known.rank] = [processes, rank];
    if (granted === -1) {
      for (const w of lane.queue.splice(0)) settle(w).reject(new DailyQuotaSpent(retryIn));
    }
    for (let i = 0; i < granted; i++) {
      const w = batch[i]!;
      if (w.done) lane.cancels.push(members[i]!);
      else {
        lane.queue.splice(lane.queue.indexOf(w), 1);
        // Reported after the current turn: the transport reports the response's headers right after release.
        grant(lane, w, members[i]!, waits[i]!, () => schedule(lane));
      }
    }
    const policy = `${max}/${interval}`;
    const learned = lane.policy !== "" && lane.policy !== policy;
    lane.policy = policy;
    if (blockedIn > 0) pause(lane, now() + blockedIn);
    keepBeating(lane);
    const more =
      lane.releases.length || lane.observed || (lane.queue.length && (learned || granted === batch.length));
    if (more) schedule(lane);
    else if (lane.queue.length && retryIn > 0) schedule(lane, retryIn);
    ctx.tidy(lane);
    ctx.replied(processes);
  }

  /**
   * While the lane holds slots, Redis hears from it every quarter lapse at least (a sync with
   * nothing else to tell, when nothing else was sent): its slots are not taken for a gone process's.
   */
  function keepBeating(lane: Lane, ms = lapseMs(lane.interval) / 4) {
    if (lane.beatTimer || !holds(lane)) return;
    lane.beatTimer = setTimeout(() => {
      lane.beatTimer = undefined;
      if (ctx.closed() || !holds(lane)) return ctx.tidy(lane);
      const left = lapseMs(lane.interval) / 4 - (now() - lane.beatAt);
      if (left > 0) return keepBeating(lane, left);
      lane.beat = true;
      schedule(lane);
    }, ms);
    (lane.beatTimer as { unref?: () => void }).unref?.();
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
