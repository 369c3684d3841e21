/**
 * The two Redis clients (and their Cluster variants) behind one small driver: run a Lua script by
 * its hash, or by its source (which caches it on that node), and subscribe to a channel on a
 * connection of its own (a duplicate of the user's client, which the store closes itself).
 */
import { ConfigurationError } from "../errors/index.js";

/** The part of an ioredis instance (Redis or Cluster) the store uses. */
export interface IORedisLike {
  evalsha(sha: string, numKeys: number, ...args: string[]): Promise<unknown>;
  eval(script: string, numKeys: number, ...args: string[]): Promise<unknown>;
  /** For wake-ups on lock release; without it, a lock waiter sleeps until the lock's expiry. */
  duplicate?(): unknown;
}

/** The part of a node-redis (v4+) client or cluster the store uses. */
export interface NodeRedisLike {
  evalSha(sha: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
  /** For wake-ups on lock release; without it, a lock waiter sleeps until the lock's expiry. */
  duplicate?(): unknown;
}

export type RedisClientLike = IORedisLike | NodeRedisLike;

/** A subscription on a connection of its own: `ready` once subscribed; `close` ends both. */
export interface Subscription {
  ready: Promise<void>;
  close(): Promise<void>;
}

export interface Driver {
  evalsha(sha: string, keys: string[], args: string[]): Promise<unknown>;
  eval(source: string, keys: string[], args: string[]): Promise<unknown>;
  /** Undefined when the client cannot be duplicated. */
  subscribe?(channel: string, onMessage: (message: string) => void): Subscription;
}

type Fn = (...args: never[]) => unknown;
const has = (o: unknown, ...names: string[]): boolean =>
  typeof o === "object" &&
  o !== null &&
  names.every((n) => typeof (o as Record<string, unknown>)[n] === "function");
const call = (o: unknown, name: string, ...args: unknown[]) =>
  ((o as Record<string, Fn>)[name] as (...a: unknown[]) => unknown).apply(o, args);

/** A duplicate of an ioredis client, subscribing to `channel`. */
function ioredisSubscribe(
  client: IORedisLike,
  channel: string,
  onMessage: (m: string) => void,
): Subscription {
  const sub = client.duplicate!();
  if (!has(sub, "on", "subscribe", "disconnect")) throw new Error("duplicate() gave no subscriber");
  call(sub, "on", "error", () => {});
  call(sub, "on", "message", (from: string, message: string) => from === channel && onMessage(message));
  return {
    ready: Promise.resolve(call(sub, "subscribe", channel)).then(() => {}),
    close: async () => void call(sub, "disconnect"),
  };
}

/** A duplicate of a node-redis client, connecting and subscribing to `channel`. */
function nodeRedisSubscribe(
  client: NodeRedisLike,
  channel: string,
  onMessage: (m: string) => void,
): Subscription {
  const sub = client.duplicate!();
  if (!has(sub, "on", "connect", "subscribe")) throw new Error("duplicate() gave no subscriber");
  call(sub, "on", "error", () => {});
  const ready = (async () => {
    await call(sub, "connect");
    await call(sub, "subscribe", channel, (message: string) => onMessage(String(message)));
  })();
  return {
    ready,
    // v5 has destroy(); v4 disconnect(). Either also ends a connect still trying.
    close: async () => {
      if (has(sub, "destroy")) call(sub, "destroy");
      else if (has(sub, "disconnect")) await call(sub, "disconnect");
    },
  };
}

export function driverOf(client: unknown): Driver {
  if (has(client, "evalSha", "eval")) {
    const redis = client as NodeRedisLike;
    return {
      evalsha: (sha, keys, args) => redis.evalSha(sha, { keys, arguments: args }),
      eval: (source, keys, args) => redis.eval(source, { keys, arguments: args }),
      ...(has(client, "duplicate") && {
        subscribe: (channel, onMessage) => nodeRedisSubscribe(redis, channel, onMessage),
      }),
    };
  }
  if (has(client, "evalsha", "eval")) {
    const redis = client as IORedisLike;
    return {
      evalsha: (sha, keys, args) => redis.evalsha(sha, keys.length, ...keys, ...args),
      eval: (source, keys, args) => redis.eval(source, keys.length, ...keys, ...args),
      ...(has(client, "duplicate") && {
        subscribe: (channel, onMessage) => ioredisSubscribe(redis, channel, onMessage),
      }),
    };
  }
  throw new ConfigurationError(
    "createRedisStore needs an ioredis instance or cluster, or a node-redis (v4+) client or cluster (evalsha/eval or evalSha/eval)",
  );
}
