/**
 * `createRedisStore(client, options)`: one Redis shared by every process of an app, for the
 * client's rate limits (`rateLimit: { store }`) and the OAuth tokens (`createOAuth({ store })`).
 */
import { ConfigurationError } from "../errors/index.js";
import type { RateLimiter } from "../rate-limit/contract.js";
import { driverOf, type RedisClientLike } from "./adapter.js";
import { unwatchConnection, watchConnection } from "./connection-watch.js";
import { createScriptRunner } from "./script-runner.js";
import { StoreClosedError } from "./errors.js";
import { createRedisLimiter, type RedisLimiter } from "./limiter.js";
import type { Logger, RedisLimiterOptions } from "./limiter-context.js";
import { createRedisTokenStore, type TokenStore } from "./token-store.js";
import { createRedisReplayGuard } from "./replay-guard.js";
import type { ReplayGuard } from "../webhooks/replay-guard.js";

export interface RedisStoreOptions {
  /** Put before every key, so that several apps can share one Redis; default "highlevel-voice-ai:". */
  prefix?: string | undefined;
  /** Longest wait for one Redis command in ms (default 1000). */
  timeoutMs?: number | undefined;
  /**
   * When Redis fails or is too slow: "fallback" (default) keeps rate limits per process until it is
   * back, with one warning; "fail" makes the waiting calls fail with StoreUnavailableError.
   */
  onStoreError?: "fallback" | "fail" | undefined;
  /** Where the fallback warning goes (default: console). */
  logger?: Logger | undefined;
}

export interface RedisStore extends Required<TokenStore> {
  /** The shared limiter; the client calls it for `rateLimit: { store }`. */
  createLimiter(options: RedisLimiterOptions): RateLimiter;
  /**
   * Webhook IDs and call IDs seen, shared by every process on this Redis: pass it as the
   * `replayGuard` of `createWebhookHandler` so a fleet applies each event and each call end once.
   */
  readonly replayGuard: ReplayGuard;
  /** Commands this store has sent to Redis so far. */
  readonly roundTrips: number;
  /** The same, by script (acquire, release, penalize, lock, ...): a copy. */
  roundTripsByScript(): Record<string, number>;
  /**
   * For a process that stops: gives back in Redis what this store holds (slots reserved, its
   * share of each location, locks), stops its timers, and makes waiting and later calls fail with
   * StoreClosedError. Requests in flight count as answered now. The Redis client stays open: it
   * is yours to quit. Bounded by `timeoutMs`; calling it again does nothing.
   */
  close(): Promise<void>;
}

const OPTION_NAMES = new Set(["prefix", "timeoutMs", "onStoreError", "logger"]);

export function createRedisStore(client: RedisClientLike, options: RedisStoreOptions = {}): RedisStore {
  const fail = (message: string): never => {
    throw new ConfigurationError(`createRedisStore: ${message}`);
  };
  if (typeof options !== "object" || options === null) fail("options must be an object");
  for (const name of Object.keys(options))
    if (!OPTION_NAMES.has(name)) fail(`unknown option ${JSON.stringify(name)}`);
  const prefix = options.prefix ?? "highlevel-voice-ai:";
  if (typeof prefix !== "string" || !prefix || prefix.length > 200 || /[\r\n\0{}]/.test(prefix)) {
    fail("prefix must be a non-empty string of at most 200 characters without CR, LF, NUL or braces");
  }
  const timeoutMs = options.timeoutMs ?? 1000;
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1 || timeoutMs > 60_000) {
    fail("timeoutMs must be an integer from 1 to 60000");
  }
  const onStoreError = options.onStoreError ?? "fallback";
  if (onStoreError !== "fallback" && onStoreError !== "fail")
    fail('onStoreError must be "fallback" or "fail"');
  const logger = options.logger ?? console;
  if (typeof logger?.warn !== "function") fail("logger must have a warn method");

  const runner = createScriptRunner(driverOf(client), timeoutMs);
  const tokens = createRedisTokenStore(runner, prefix);
  const context = { runner, prefix, onStoreError, horizonMs: 60_000, probeMs: 1000, logger };
  /** Limiters alive, for close(); one that was collected holds nothing (no timer, no waiter). */
  const limiters = new Set<WeakRef<RedisLimiter>>();
  let closing: Promise<void> | undefined;
  const alive = () => [...limiters].flatMap((ref) => ref.deref() ?? []);
  // The client's connection events: commands waiting for a lost connection fail at once.
  const watcher = {
    lost(at: number) {
      runner.lost(at);
      for (const limiter of alive()) limiter.lost(at);
    },
    back: () => alive().forEach((limiter) => limiter.back()),
  };
  watchConnection(client, watcher);

  return Object.freeze({
    ...tokens,
    replayGuard: createRedisReplayGuard(runner, prefix),
    createLimiter(limits: RedisLimiterOptions): RateLimiter {
      if (closing) throw new StoreClosedError("the Redis store was closed (store.close())");
      for (const ref of limiters) if (!ref.deref()) limiters.delete(ref);
      const limiter = createRedisLimiter(context, limits ?? {});
      limiters.add(new WeakRef(limiter));
      return limiter;
    },
    close() {
      closing ??= (async () => {
        unwatchConnection(client, watcher);
        const all = alive().map((limiter) => limiter.close());
        limiters.clear();
        await Promise.all([tokens.close(), ...all]);
        runner.close();
      })();
      return closing;
    },
    get roundTrips() {
      return runner.roundTrips;
    },
    roundTripsByScript: () => ({ ...runner.byScript }),
  });
}
