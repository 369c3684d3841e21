/**
 * Checkpoints and leases in local files, shared by the processes of one machine: a directory per
 * location (its name readable, made unique by a hash) holding the location's record — checkpoint,
 * lease and fence — as generations changed by compare-and-swap (file-generations.ts). Every write is
 * atomic and flushed; a lease check and the write it guards are one step, so a worker that lost
 * its lease cannot write over its successor's checkpoint.
 */
import { createHash } from "node:crypto";
import path from "node:path";
import { ConfigurationError } from "../errors/index.js";
import { checkCheckpoint, type Checkpoint } from "./checkpoint.js";
import { holds, newOwner, type CheckpointStore, type Lease, type LeaseRecord } from "./checkpoint-store.js";
import { CheckpointStoreError, LeaseLostError } from "./errors.js";
import { readNewest, writeGeneration } from "./file-generations.js";

interface Entry {
  checkpoint: Checkpoint | undefined;
  lease: LeaseRecord | undefined;
  fence: number;
}

const MAX_ATTEMPTS = 1_000;

/** Checkpoints in `directory` (created if missing, mode 0700), one subdirectory per location. */
export function createFileCheckpointStore(directory: string): Required<CheckpointStore> {
  if (typeof directory !== "string" || !directory.trim())
    throw new ConfigurationError("createFileCheckpointStore: the directory path is required");
  const root = path.resolve(directory);
  const dirOf = (locationId: string) => {
    if (typeof locationId !== "string" || !locationId)
      throw new CheckpointStoreError("a location id must be a non-empty string");
    const readable = locationId.replace(/[^\w-]/g, "_").slice(0, 64);
    const digest = createHash("sha256").update(locationId).digest("hex").slice(0, 12);
    return path.join(root, `${readable}.${digest}`);
  };

  async function read(locationId: string): Promise<{ n: number; record: Entry }> {
    const { n, text } = await readNewest(dirOf(locationId));
    if (text === undefined) return { n, record: { checkpoint: undefined, lease: undefined, fence: 0 } };
    let value: { checkpoint?: unknown; lease?: LeaseRecord; fence?: unknown } | undefined;
    try {
      value = JSON.parse(text) as typeof value;
    } catch {
      // below
    }
    const lease = value?.lease;
    const leaseOk =
      lease === undefined ||
      (typeof lease?.owner === "string" &&
        Number.isSafeInteger(lease.fence) &&
        Number.isFinite(lease.expiresAt));
    if (!value || !Number.isSafeInteger(value.fence) || !leaseOk)
      throw new CheckpointStoreError(
        `the checkpoint file of location ${JSON.stringify(locationId)} was altered`,
      );
    return {
      n,
      record: {
        checkpoint:
          value.checkpoint === undefined
            ? undefined
            : checkCheckpoint(
                value.checkpoint,
                `the stored checkpoint of location ${JSON.stringify(locationId)}`,
              ),
        lease,
        fence: value.fence as number,
      },
    };
  }

  /** Read, decide, write the next generation; again if another writer came first. */
  async function change<T>(
    locationId: string,
    decide: (record: Entry) => { next?: Entry; result: T },
  ): Promise<T> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const { n, record } = await read(locationId);
      const { next, result } = decide(record);
      if (!next) return result;
      const text = JSON.stringify({ v: 1, ...next });
      if (await writeGeneration(dirOf(locationId), n + 1, text)) return result;
    }
    throw new CheckpointStoreError("the checkpoint of a location is changed too often by others");
  }

  const live = (lease: LeaseRecord | undefined) => lease !== undefined && lease.expiresAt > Date.now();

  return {
    async get(locationId) {
      return (await read(locationId)).record.checkpoint;
    },
    async set(locationId, checkpoint, lease) {
      const value = checkCheckpoint(checkpoint, "the checkpoint");
      return change(locationId, (record) => {
        if (lease ? !holds(record.lease, lease) : live(record.lease)) {
          throw new LeaseLostError(
            lease
              ? "the lease was lost (another worker leased the location): the write was refused"
              : "a worker holds the location's lease",
          );
        }
        return { next: { ...record, checkpoint: value }, result: undefined };
      });
    },
    lease(locationId, ttlMs) {
      return change<Lease | undefined>(locationId, (record) => {
        if (live(record.lease)) return { result: undefined };
        const held = { owner: newOwner(), fence: record.fence + 1, expiresAt: Date.now() + ttlMs };
        return {
          next: { ...record, lease: held, fence: held.fence },
          result: { locationId, owner: held.owner, fence: held.fence },
        };
      });
    },
    renew(lease, ttlMs) {
      return change(lease.locationId, (record) => {
        if (!holds(record.lease, lease)) return { result: false };
        return {
          next: { ...record, lease: { ...record.lease!, expiresAt: Date.now() + ttlMs } },
          result: true,
        };
      });
    },
    release(lease) {
      return change(lease.locationId, (record) =>
        holds(record.lease, lease)
          ? { next: { ...record, lease: undefined }, result: undefined }
          : { result: undefined },
      );
    },
  };
}
