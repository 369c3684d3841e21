/**
 * One location's part of a sync: lease it (when the store has leases), read its checkpoint, walk
 * the window from there to the run's end, hand each log over and move the checkpoint once a page
 * is acknowledged — and, however the job ends, write what was acknowledged since.
 */
import type { VoiceAIClient } from "../client/voice-ai-client.js";
import { Cursor, EMPTY_CHECKPOINT } from "./checkpoint.js";
import type { CheckpointStore } from "./checkpoint-store.js";
import type { Job } from "./engine.js";
import { LeaseLostError } from "./errors.js";
import { LeaseKeeper } from "./lease-keeper.js";
import { listFor } from "./list.js";
import type { SeenCallIds } from "./seen-call-ids.js";
import { linkSignals, within } from "./signals.js";
import type { ExportFilters } from "./types.js";
import { walkWindow } from "./walk.js";

export interface SyncSettings {
  client: VoiceAIClient;
  store: CheckpointStore;
  filters: ExportFilters;
  pageSize: number;
  /** Where a location without a checkpoint starts (epoch ms). */
  since: number;
  /** The run's window ends here (epoch ms): its start, less the settle time. */
  end: number;
  /** When the run started (epoch ms): a location read through by another worker since then is done. */
  startedAt: number;
  leaseMs: number;
  seen: SeenCallIds | undefined;
}

/** A seen-ids store that fails or hangs is no answer: the call is handed over (at least once). */
const SEEN_TIMEOUT_MS = 5_000;

export function syncJob(s: SyncSettings): Job {
  const { store, seen } = s;
  const leasing = typeof store.lease === "function" ? (store as Required<CheckpointStore>) : undefined;
  return async ({ locationId, signal, offer, progress, prefetch }) => {
    const keeper = leasing && (await LeaseKeeper.take(leasing, locationId, s.leaseMs));
    if (leasing && !keeper) return "held";
    const lease = keeper?.lease;
    const stop = keeper ? linkSignals(signal, keeper.signal) : { signal, dispose: () => {} };
    let cursor: Cursor | undefined;
    try {
      const stored = await store.get(locationId);
      // Another worker read it through after this run started: nothing is left for this one (a
      // clock ahead of this one's may make that a little early; the next run reads what is left).
      if (stored && stored.completedAt > s.startedAt) return "done";
      const from = stored ?? { ...EMPTY_CHECKPOINT, createdAt: s.since, syncedTo: s.since };
      cursor = new Cursor(from);
      const start = Math.max(from.createdAt, from.syncedTo);
      if (start <= s.end) {
        const doneAtStart = start === from.createdAt ? new Set(from.ids) : undefined;
        const window = { start, end: s.end, doneAtStart };
        const list = listFor(s.client, locationId, s.filters, window, progress);
        for await (const page of walkWindow(list, window, s.pageSize, prefetch, stop.signal)) {
          progress.handed(locationId, 0, page.skipped);
          for (const { log, at } of page.items) {
            if (seen && (await within(() => seen.has(log.id), SEEN_TIMEOUT_MS, false)) === true) {
              cursor.advance(at, log.id);
              progress.handed(locationId, 0, 1);
              continue;
            }
            // Paused past its lease (or cut off from the store): another worker may have the location.
            if (keeper && !keeper.valid()) return "held";
            if (!(await offer(Object.assign(log, { locationId }), stop.signal)))
              return keeper?.signal.aborted ? "held" : "left";
            cursor.advance(at, log.id);
            progress.handed(locationId, 1, 0);
            if (seen) await within(() => seen.add(log.id), SEEN_TIMEOUT_MS, undefined);
          }
          if (cursor.changed) await store.set(locationId, cursor.take(), lease);
          progress.emit();
        }
      }
      cursor.complete(s.end, Date.now());
      await store.set(locationId, cursor.take(), lease);
      return "done";
    } catch (error) {
      // The lease passed to another worker: the location is theirs now, not a failure.
      if (!signal.aborted && (error instanceof LeaseLostError || keeper?.signal.aborted)) return "held";
      throw error;
    } finally {
      stop.dispose();
      // What was acknowledged since the last checkpoint (the run stopped, or the location failed).
      if (cursor?.changed) await store.set(locationId, cursor.take(), lease).catch(() => {});
      await keeper?.release();
    }
  };
}
