/**
 * The public shapes of export and sync: what a run yields, what it can be narrowed by, and the
 * progress it reports (rich enough for a terminal display: locations, calls, rate, rate-limit
 * wait, ETA).
 */
import type { CallLog } from "../../generated/models.js";
import type { CallLogFilters } from "../../generated/client-methods.js";

/** A call log with the location it was read from. */
export type LocatedCallLog = CallLog & { locationId: string };

/** What the logs of every location can be narrowed by (the date range is the run's own). */
export type ExportFilters = Pick<CallLogFilters, "agentId" | "contactId" | "callType" | "actionType">;

/** A point in time: a Date, epoch milliseconds, or an ISO 8601 date-time string. */
export type TimeInput = Date | number | string;

/** Location ids: an array, any iterable, or an async iterable (e.g. `oauth.locations()`). */
export type LocationList = Iterable<string> | AsyncIterable<string>;

/**
 * Why a location was given up, by the kind of error:
 * - `unauthorized`: 401, the token is not accepted (a Private Integration deleted, say);
 * - `revoked`: the OAuth installation can no longer obtain tokens (uninstalled, revoked);
 * - `forbidden`: 403, the token lacks the `voice-ai-dashboard.readonly` scope;
 * - `not-found`: 404, the location is unknown;
 * - `error`: anything else (the server kept failing, the checkpoint store, ...).
 */
export type FailureReason = "unauthorized" | "revoked" | "forbidden" | "not-found" | "error";

export interface LocationFailure {
  locationId: string;
  reason: FailureReason;
  /** The error as thrown (a VoiceAIError of the client, the token provider's or the store's own). */
  error: unknown;
}

/** How a run stands; the last report (state other than "running") is final. */
export interface CallLogProgress {
  state: "running" | "done" | "aborted";
  locations: {
    /** Locations the run covers. */
    total: number;
    /** Finished: read to the end of the window (by this process or, in a sync, by another worker). */
    done: number;
    /** Being read now. */
    active: number;
    /** Given up (see `failures`); the others continue. */
    failed: number;
    /** Sync only: held by another worker's lease, tried again once it ends. */
    waiting: number;
  };
  /** Call logs handed over and acknowledged. */
  calls: number;
  /** Logs not handed over again: already seen (a webhook, an earlier run) or repeated across a page edge. */
  skipped: number;
  /** List requests answered. */
  requests: number;
  elapsedMs: number;
  /** Calls per second over the last few seconds. */
  callsPerSecond: number;
  /**
   * Estimated time requests spent waiting for their location's rate limit, summed over requests
   * (divided by `requests`: the mean wait of a request). Modelled on the client's limiter and the
   * limits the server reports; other users of the same locations' quota are not seen.
   */
  rateLimitWaitMs: number;
  /** Calls the run is expected to hand over, from the totals of the locations read so far. */
  expectedCalls: number | undefined;
  /** Time left at the current rate, once it can be estimated. */
  etaMs: number | undefined;
  failures: readonly LocationFailure[];
}
