/**
 * The sync's stores in Redis, for workers on several machines: checkpoints with a lease per
 * location (createRedisCheckpointStore), and the call ids the webhooks and the syncs have handled
 * (createRedisSeenCallIds). Leases expire by Redis' own clock (PX); a write under a lease is one
 * script with the check that the lease is still that one, so a worker paused past its lease cannot
 * write over its successor's checkpoint.
 */
import { ConfigurationError, InvalidRequestError } from "../errors/index.js";
import { parseCheckpoint, serializeCheckpoint, checkCheckpoint } from "../sync/checkpoint.js";
import type { CheckpointStore, Lease } from "../sync/checkpoint-store.js";
import { LeaseLostError } from "../sync/errors.js";
import type { SeenCallIds } from "../sync/seen-call-ids.js";
import { driverOf, type RedisClientLike } from "./adapter.js";
import {
  CHECKPOINT_GET,
  CHECKPOINT_SET,
  LEASE_RELEASE,
  LEASE_RENEW,
  LEASE_TAKE,
  SEEN_ADD,
  SEEN_HAS,
} from "./checkpoint-scripts.js";
import { createScriptRunner } from "./script-runner.js";

export interface RedisSyncStoreOptions {
  /** Put before every key (default "highlevel-voice-ai:sync:"); one per sync sharing a Redis. */
  prefix?: string | undefined;
  /** Longest wait for one Redis command in ms (default 1000): then StoreUnavailableError. */
  timeoutMs?: number | undefined;
}

function runnerFor(what: string, client: RedisClientLike, options: RedisSyncStoreOptions) {
  const fail = (message: string): never => {
    throw new ConfigurationError(`${what}: ${message}`);
  };
  if (typeof options !== "object" || options === null) fail("options must be an object");
  for (const name of Object.keys(options))
    if (name !== "prefix" && name !== "timeoutMs" && name !== "ttlMs")
      fail(`unknown option ${JSON.stringify(name)}`);
  const prefix = options.prefix ?? "highlevel-voice-ai:sync:";
  if (typeof prefix !== "string" || !prefix || prefix.length > 200 || /[\r\n\0{}]/.test(prefix))
    fail("prefix must be a non-empty string of at most 200 characters without CR, LF, NUL or braces");
  const timeoutMs = options.timeoutMs ?? 1000;
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1 || timeoutMs > 60_000)
    fail("timeoutMs must be an integer from 1 to 60000");
  return { runner: createScriptRunner(driverOf(client), timeoutMs), prefix };
}

/** An id as part of a key: printable, short, no braces (they would change the hash slot). */
function checkId(name: string, id: unknown): string {
  if (typeof id !== "string" || !/^[\x21-\x7a\x7c\x7e]{1,128}$/.test(id))
    throw new InvalidRequestError(`${name} must be 1-128 visible ASCII characters other than braces`);
  return id;
}

const holder = (lease: Lease) => `${lease.fence}:${lease.owner}`;

/** Checkpoints and leases in Redis (ioredis or node-redis, single node or Cluster). */
export function createRedisCheckpointStore(
  client: RedisClientLike,
  options: RedisSyncStoreOptions = {},
): Required<CheckpointStore> {
  const { runner, prefix } = runnerFor("createRedisCheckpointStore", client, options);
  const keys = (locationId: string) => {
    const tag = `{${checkId("locationId", locationId)}}`;
    return {
      checkpoint: `${prefix}cp:${tag}`,
      lease: `${prefix}lease:${tag}`,
      fence: `${prefix}fence:${tag}`,
    };
  };
  return {
    async get(locationId) {
      const text = await runner.run(CHECKPOINT_GET, [keys(locationId).checkpoint], []);
      return typeof text === "string" ? parseCheckpoint(text, locationId) : undefined;
    },
    async set(locationId, checkpoint, lease) {
      const k = keys(locationId);
      const value = serializeCheckpoint(checkCheckpoint(checkpoint, "the checkpoint"));
      const ok = await runner.run(
        CHECKPOINT_SET,
        [k.checkpoint, k.lease],
        [value, lease ? holder(lease) : ""],
      );
      if (Number(ok) !== 1)
        throw new LeaseLostError(
          lease
            ? "the lease was lost (expired or taken over): the write was refused"
            : "a worker holds the location's lease",
        );
    },
    async lease(locationId, ttlMs) {
      const k = keys(locationId);
      const owner = globalThis.crypto.randomUUID();
      const fence = Number(await runner.run(LEASE_TAKE, [k.lease, k.fence], [Math.ceil(ttlMs), owner]));
      return fence > 0 ? { locationId, owner, fence } : undefined;
    },
    async renew(lease, ttlMs) {
      const ok = await runner.run(
        LEASE_RENEW,
        [keys(lease.locationId).lease],
        [holder(lease), Math.ceil(ttlMs)],
      );
      return Number(ok) === 1;
    },
    async release(lease) {
      await runner.run(LEASE_RELEASE, [keys(lease.locationId).lease], [holder(lease)]);
    },
  };
}

/** Call ids handled, kept `ttlMs` (default 7 days) in Redis: shared by the webhook receivers and the syncs. */
export function createRedisSeenCallIds(
  client: RedisClientLike,
  options: RedisSyncStoreOptions & { ttlMs?: number | undefined } = {},
): SeenCallIds {
  const { runner, prefix } = runnerFor("createRedisSeenCallIds", client, options);
  const ttlMs = options.ttlMs ?? 7 * 86_400_000;
  if (!Number.isSafeInteger(ttlMs) || ttlMs < 1)
    throw new ConfigurationError("createRedisSeenCallIds: ttlMs must be an integer >= 1");
  const key = (callId: string) => `${prefix}seen:{${checkId("callId", callId)}}`;
  return {
    has: async (callId) => Number(await runner.run(SEEN_HAS, [key(callId)], [])) === 1,
    add: async (callId) => void (await runner.run(SEEN_ADD, [key(callId)], [ttlMs])),
  };
}
