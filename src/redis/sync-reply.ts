/** SYNC's reply (sync-script.ts), checked: anything else is StoreUnavailableError (replies.ts). */
import { expectReply, integersReply, MAX_REPLY_MS } from "./replies.js";

export interface SyncReply {
  max: number;
  interval: number;
  blockedIn: number;
  processes: number;
  rank: number;
  /** -1: the day's quota is spent for longer than the caller waits. */
  granted: number;
  retryIn: number;
  /** Per slot granted: ms until it. */
  waits: number[];
}

/** The reply to a SYNC that asked for `asked` slots. */
export function syncReply(reply: unknown, asked: number): SyncReply {
  const fields = integersReply("sync", reply, 7, 7 + asked);
  const [max, interval, blockedIn, processes, rank, granted, retryIn] = fields as [number, ...number[]];
  const waits = fields.slice(7);
  const ms = (n: number) => n >= 0 && n <= MAX_REPLY_MS;
  const ok =
    max >= 1 &&
    interval! >= 1 &&
    ms(interval!) &&
    ms(blockedIn!) &&
    processes! >= 0 &&
    rank! >= 0 &&
    (processes === 0 ? rank === 0 : rank! < processes!) &&
    granted! >= -1 &&
    granted! <= asked &&
    waits.length === Math.max(0, granted!) &&
    (retryIn === -1 || ms(retryIn!)) &&
    waits.every(ms);
  expectReply(ok, "sync", reply, `expected limits, a pause, processes, rank and at most ${asked} slots`);
  return {
    max,
    interval: interval!,
    blockedIn: blockedIn!,
    processes: processes!,
    rank: rank!,
    granted: granted!,
    retryIn: retryIn!,
    waits,
  };
}
