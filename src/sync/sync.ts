/**
 * syncCallLogs: only the call logs that are new since the last run, location by location, from a
 * checkpoint each. Delivery is at least once, de-duplicated by call id: a log is acknowledged when
 * the consumer asks for the next one (or the loop ends), checkpoints move once a page is
 * acknowledged, and a run that stops (Ctrl-C, `break`, an error) first writes what was acknowledged.
 */
import type { VoiceAIClient } from "../client/voice-ai-client.js";
import { checkCount } from "../request/checks.js";
import { InvalidRequestError } from "../errors/index.js";
import { isObject, ownCopy } from "../request/own.js";
import { checkStore, type CheckpointStore } from "./checkpoint-store.js";
import { runLocations, type CallLogStream } from "./engine.js";
import { checkClient } from "./list.js";
import { checkOptionKeys, checkRun, fail, RUN_KEYS, type RunOptions } from "./options.js";
import { checkSeen, type SeenCallIds } from "./seen-call-ids.js";
import { syncJob } from "./sync-job.js";
import { toEpochMs } from "./time.js";
import type { TimeInput } from "./types.js";

export interface SyncCallLogsOptions extends RunOptions {
  client: VoiceAIClient;
  /** The checkpoint per location (and, for several workers, the leases): memory, file or Redis. */
  checkpoints: CheckpointStore;
  /** Where a location without a checkpoint starts (default: its oldest log). */
  since?: TimeInput | undefined;
  /**
   * Calls younger than this are left to the next run (default 15 minutes): a call's log may be
   * written after its `createdAt` (when the call ends), and a checkpoint past it would miss it.
   * 0 when logs appear at once (the fake does).
   */
  settleMs?: number | undefined;
  /** Call ids handled elsewhere (webhooks): skipped here, and recorded once acknowledged here. */
  seen?: SeenCallIds | undefined;
  /** How long a worker's lease on a location lasts without renewal (default 30 s; renewed every third). */
  leaseMs?: number | undefined;
}

const WHAT = "syncCallLogs";
const KEYS = [...RUN_KEYS, "client", "checkpoints", "since", "settleMs", "seen", "leaseMs"];

/**
 * The new call logs of `locations`, each with its `locationId`, oldest first within a location.
 * With a store that has leases, several processes can run the same sync: they split the
 * locations, and take over those of a worker that died once its leases end. A location that fails
 * (token refused, installation revoked) is reported in `progress.failures`, its checkpoint kept.
 */
export function syncCallLogs(options: SyncCallLogsOptions): CallLogStream {
  if (!isObject(options)) fail(`${WHAT}: options must be an object`);
  options = ownCopy(options);
  checkOptionKeys(options, KEYS, WHAT);
  const client = checkClient(options.client, WHAT);
  const store = checkStore(options.checkpoints, WHAT);
  const run = checkRun(options, WHAT);
  const ms = (name: string, value: number | undefined, min: number, fallback: number): number =>
    checkCount(`${WHAT}: ${name}`, value, min, InvalidRequestError, 2 ** 31 - 1) ?? fallback;
  const settleMs = ms("settleMs", options.settleMs, 0, 15 * 60_000);
  const leaseMs = ms("leaseMs", options.leaseMs, 100, 30_000);
  const startedAt = Date.now();
  const since = toEpochMs("since", options.since, 0);
  const end = startedAt - settleMs;
  const job = syncJob({
    client,
    store,
    filters: run.filters,
    pageSize: run.pageSize,
    since,
    end,
    startedAt,
    leaseMs,
    seen: checkSeen(options.seen, WHAT),
  });
  // A location another worker holds is asked for again this often (well within a lease's time).
  const retryHeldMs = Math.min(1_000, Math.ceil(leaseMs / 4));
  return runLocations(options.locations, run, WHAT, retryHeldMs, job);
}
