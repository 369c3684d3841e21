/**
 * Where a sync keeps a checkpoint per location, and — for several workers — a lease per location:
 * the interface every store implements, and the store in this process's memory.
 */
import { ConfigurationError } from "../errors/index.js";
import { checkCheckpoint, type Checkpoint } from "./checkpoint.js";
import { LeaseLostError } from "./errors.js";

/** A worker's hold on a location. */
export interface Lease {
  readonly locationId: string;
  /** Who holds it (random, per lease). */
  readonly owner: string;
  /** Grows with every lease of the location: a write under an older lease is refused. */
  readonly fence: number;
}

/**
 * Checkpoints by location id. The lease methods (all three, or none) let several workers share
 * the store: each location is synced by one worker at a time, and a worker that died leaves its
 * locations to the others once its leases end. Without them, run one sync at a time.
 */
export interface CheckpointStore {
  get(locationId: string): Promise<Checkpoint | undefined>;
  /**
   * Stores the checkpoint. With `lease`: only while it is the location's lease — once another
   * worker leased the location (and, depending on the store, once it expired) it throws
   * LeaseLostError. Without: refused (LeaseLostError) while a worker holds a lease on the location.
   */
  set(locationId: string, checkpoint: Checkpoint, lease?: Lease): Promise<void>;
  /** Leases the location for `ttlMs` unless a live lease holds it (then undefined). */
  lease?(locationId: string, ttlMs: number): Promise<Lease | undefined>;
  /** Extends a lease; false once it is lost (another lease taken, or it expired). */
  renew?(lease: Lease, ttlMs: number): Promise<boolean>;
  /** Ends a lease at once (nothing happens if it was lost). */
  release?(lease: Lease): Promise<void>;
}

/** The stores' shared rule: a lease is held until it expires; a fence grows with each lease. */
export interface LeaseRecord {
  owner: string;
  fence: number;
  expiresAt: number;
}

export const holds = (record: LeaseRecord | undefined, lease: Lease) =>
  record !== undefined && record.owner === lease.owner && record.fence === lease.fence;

export function newOwner(): string {
  return globalThis.crypto.randomUUID();
}

/** Checks a store passed to a sync: get and set, and the lease methods all or none. */
export function checkStore(store: unknown, what: string): CheckpointStore {
  const s = store as Partial<Record<keyof CheckpointStore, unknown>> | null;
  if (typeof s?.get !== "function" || typeof s.set !== "function")
    throw new ConfigurationError(`${what}: checkpoints must be a store with get and set`);
  const leases = [s.lease, s.renew, s.release].filter((m) => typeof m === "function").length;
  if (leases !== 0 && leases !== 3)
    throw new ConfigurationError(`${what}: a checkpoint store has lease, renew and release, or none of them`);
  return store as CheckpointStore;
}

/** Checkpoints and leases in this process's memory (lost on exit): tests, and one-off runs. */
export function createMemoryCheckpointStore(): Required<CheckpointStore> {
  const entries = new Map<
    string,
    { checkpoint?: Checkpoint; lease?: LeaseRecord | undefined; fence: number }
  >();
  const entry = (id: string) => {
    let found = entries.get(id);
    if (!found) entries.set(id, (found = { fence: 0 }));
    return found;
  };
  const live = (lease: LeaseRecord | undefined) => lease !== undefined && lease.expiresAt > performance.now();
  return {
    async get(locationId) {
      return entries.get(locationId)?.checkpoint;
    },
    async set(locationId, checkpoint, lease) {
      const value = checkCheckpoint(checkpoint, "the checkpoint");
      const e = entry(locationId);
      if (lease ? !holds(e.lease, lease) : live(e.lease))
        throw new LeaseLostError(
          lease ? "the lease was lost: the write was refused" : "a worker holds the location's lease",
        );
      e.checkpoint = value;
    },
    async lease(locationId, ttlMs) {
      const e = entry(locationId);
      if (live(e.lease)) return undefined;
      const record = { owner: newOwner(), fence: ++e.fence, expiresAt: performance.now() + ttlMs };
      e.lease = record;
      return { locationId, owner: record.owner, fence: record.fence };
    },
    async renew(lease, ttlMs) {
      const e = entries.get(lease.locationId);
      if (!e || !holds(e.lease, lease)) return false;
      e.lease!.expiresAt = performance.now() + ttlMs;
      return true;
    },
    async release(lease) {
      const e = entries.get(lease.locationId);
      if (e && holds(e.lease, lease)) e.lease = undefined;
    },
  };
}
