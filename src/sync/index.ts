/**
 * `highlevel-voice-ai/sync`: call logs at scale — every log of many locations in a time window
 * (exportCallLogs), and only what is new since the last run, from a checkpoint per location, with
 * several workers splitting the locations (syncCallLogs). Nothing here is part of the core entry.
 */
export { exportCallLogs, type ExportCallLogsOptions } from "./export.js";
export { syncCallLogs, type SyncCallLogsOptions } from "./sync.js";
export type { CallLogStream } from "./engine.js";
export type { RunOptions } from "./options.js";
export type {
  CallLogProgress,
  ExportFilters,
  FailureReason,
  LocatedCallLog,
  LocationFailure,
  LocationList,
  TimeInput,
} from "./types.js";
export type { Checkpoint } from "./checkpoint.js";
export { createMemoryCheckpointStore, type CheckpointStore, type Lease } from "./checkpoint-store.js";
export { createFileCheckpointStore } from "./file-store.js";
export { createMemorySeenCallIds, type MemorySeenCallIdsOptions, type SeenCallIds } from "./seen-call-ids.js";
export { CheckpointStoreError, LeaseLostError } from "./errors.js";
