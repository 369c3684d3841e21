/**
 * exportCallLogs: every call log of some locations in a time window, as one async iterable.
 * Locations are read in parallel, each within its own rate limit (the client's limiter); within a
 * location the logs come oldest first, each once.
 */
import type { VoiceAIClient } from "../client/voice-ai-client.js";
import { isObject, ownCopy } from "../request/own.js";
import { runLocations, type CallLogStream, type Job } from "./engine.js";
import { checkClient, listFor } from "./list.js";
import { checkOptionKeys, checkRun, fail, RUN_KEYS, type RunOptions } from "./options.js";
import { toEpochMs } from "./time.js";
import type { TimeInput } from "./types.js";
import { walkWindow } from "./walk.js";

export interface ExportCallLogsOptions extends RunOptions {
  /** The first instant exported (default: the oldest log). */
  since?: TimeInput | undefined;
  /**
   * The last instant exported (default and latest: now, when the export starts). The window is
   * closed: calls that arrive during the export are not in it, so its pages cannot shift.
   */
  until?: TimeInput | undefined;
}

const WHAT = "exportCallLogs";

/**
 * The call logs of `locations` created from `since` to `until`, each with its `locationId`.
 * Nothing is requested before the iteration starts. Breaking out of the loop stops every request;
 * the `signal` does too, and the loop then throws APIUserAbortError. A location that fails (its
 * token refused, its installation revoked, the server failing past the client's retries) is
 * reported in `progress.failures` and the others go on.
 */
export function exportCallLogs(client: VoiceAIClient, options: ExportCallLogsOptions): CallLogStream {
  checkClient(client, WHAT);
  if (!isObject(options)) fail(`${WHAT}: options must be an object`);
  options = ownCopy(options);
  checkOptionKeys(options, [...RUN_KEYS, "since", "until"], WHAT);
  const run = checkRun(options, WHAT);
  const now = Date.now();
  const since = toEpochMs("since", options.since, 0);
  // A window that reaches into the future would let new calls shift its pages: it ends now.
  const until = Math.min(toEpochMs("until", options.until, now), now);
  if (since >= until) fail(`${WHAT}: since must be before until (and before now)`);
  const window = { start: since, end: until };

  const job: Job = async ({ locationId, signal, offer, progress, prefetch }) => {
    const list = listFor(client, locationId, run.filters, window, progress);
    for await (const page of walkWindow(list, window, run.pageSize, prefetch, signal)) {
      progress.handed(locationId, 0, page.skipped);
      for (const { log } of page.items) {
        // The parsed page is the run's own: each log gets its locationId in place, not copied.
        if (!(await offer(Object.assign(log, { locationId }), signal))) return "left";
        progress.handed(locationId, 1, 0);
      }
      progress.emit();
    }
    return "done";
  };
  return runLocations(options.locations, run, WHAT, 0, job);
}
