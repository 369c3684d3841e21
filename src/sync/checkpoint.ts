/**
 * A location's checkpoint: how far a sync has handed its logs over, as the newest `createdAt`
 * acknowledged and the ids acknowledged at that very instant (the next run starts at that instant
 * and leaves them out), plus how far the location was read to its end.
 */
import { CheckpointStoreError } from "./errors.js";

export interface Checkpoint {
  /** createdAt (epoch ms) of the newest log acknowledged (or skipped as seen); 0 before any. */
  readonly createdAt: number;
  /** Ids of the logs at `createdAt` acknowledged: the next run leaves them out. */
  readonly ids: readonly string[];
  /** Every log created up to this instant (epoch ms) was handed over: the end of the last window read through. */
  readonly syncedTo: number;
  /** When a run last read the location through (epoch ms, that worker's clock); 0 if never. */
  readonly completedAt: number;
}

export const EMPTY_CHECKPOINT: Checkpoint = Object.freeze({
  createdAt: 0,
  ids: [],
  syncedTo: 0,
  completedAt: 0,
});

/** The JSON a store keeps. */
export function serializeCheckpoint(checkpoint: Checkpoint): string {
  const { createdAt, ids, syncedTo, completedAt } = checkpoint;
  return JSON.stringify({ v: 1, createdAt, ids, syncedTo, completedAt });
}

/** A stored checkpoint, checked: anything else is a CheckpointStoreError (never read as "start over"). */
export function parseCheckpoint(text: string, locationId: string): Checkpoint {
  let value: Record<string, unknown> | undefined;
  try {
    value = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // below
  }
  return checkCheckpoint(value, `the stored checkpoint of location ${JSON.stringify(locationId)}`);
}

const isTime = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

export function checkCheckpoint(value: unknown, what: string): Checkpoint {
  const v = value as Record<string, unknown> | null | undefined;
  if (
    !v ||
    typeof v !== "object" ||
    !isTime(v.createdAt) ||
    !isTime(v.syncedTo) ||
    !isTime(v.completedAt) ||
    !Array.isArray(v.ids) ||
    !v.ids.every((id) => typeof id === "string")
  ) {
    throw new CheckpointStoreError(`${what} is not a checkpoint (createdAt, ids, syncedTo, completedAt)`);
  }
  return Object.freeze({
    createdAt: v.createdAt,
    ids: Object.freeze([...(v.ids as string[])]),
    syncedTo: v.syncedTo,
    completedAt: v.completedAt,
  });
}

/** The checkpoint as logs are acknowledged, one by one, in createdAt order. */
export class Cursor {
  #at: number;
  #ids: string[];
  #syncedTo: number;
  #completedAt: number;
  /** Changed since the last `take()`. */
  changed = false;

  constructor(from: Checkpoint) {
    this.#at = from.createdAt;
    this.#ids = [...from.ids];
    this.#syncedTo = from.syncedTo;
    this.#completedAt = from.completedAt;
  }

  /** The log created at `at` with id `id` was acknowledged (or skipped as seen). */
  advance(at: number, id: string): void {
    if (at > this.#at) {
      this.#at = at;
      this.#ids = [id];
    } else if (at === this.#at && !this.#ids.includes(id)) this.#ids.push(id);
    else return;
    this.changed = true;
  }

  /** The window up to `end` was read through, at `now`. */
  complete(end: number, now: number): void {
    this.#syncedTo = Math.max(this.#syncedTo, end);
    this.#completedAt = now;
    this.changed = true;
  }

  take(): Checkpoint {
    this.changed = false;
    return {
      createdAt: this.#at,
      ids: [...this.#ids],
      syncedTo: this.#syncedTo,
      completedAt: this.#completedAt,
    };
  }
}
