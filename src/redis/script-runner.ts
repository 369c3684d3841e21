/**
 * Runs the store's Lua scripts: EVALSHA by the script's SHA1 (computed here), and EVAL of its
 * source after NOSCRIPT (a restarted or flushed Redis, or a Cluster node that has not seen it yet:
 * EVAL goes to the node of the keys and caches the script there). Every call is bounded in time,
 * whatever the client does with commands while it is disconnected.
 */
import { StoreClosedError, StoreUnavailableError } from "./errors.js";
import type { Driver } from "./adapter.js";

export interface Script {
  readonly name: string;
  readonly source: string;
}

export interface ScriptRunner {
  /** Runs `script`; rejects with StoreUnavailableError on an error or after `timeoutMs`. */
  run(script: Script, keys: string[], args: readonly (string | number)[]): Promise<unknown>;
  /** The client lost its connection: every command still waiting fails now (see lossTime). */
  lost(at: number): void;
  /** Subscribes on a connection of its own (bounded like a command); undefined if the client cannot. */
  subscribe(channel: string, onMessage: (message: string) => void): Promise<() => Promise<void>> | undefined;
  /** Commands sent to Redis so far (EVALSHA, EVAL, SUBSCRIBE). */
  readonly roundTrips: number;
  /** The same, by script. */
  readonly byScript: Record<string, number>;
  /** From now on, run() rejects with StoreClosedError. The client itself is left open. */
  close(): void;
}

/**
 * When Redis was last certainly able to hand out slots, for a command that failed: the moment it
 * was sent if it went unanswered (a Redis that had received it alive would have answered), the
 * moment of the failure otherwise (an error, or the connection lost).
 */
const lossTimes = new WeakMap<object, number>();
export const lossTime = (error: unknown): number | undefined =>
  typeof error === "object" && error !== null ? lossTimes.get(error) : undefined;
const withLossTime = <E extends object>(error: E, at: number): E => (lossTimes.set(error, at), error);
const now = () => performance.now();

/** Resolves or rejects like `promise`, or rejects with StoreUnavailableError after `ms`. */
export function bounded<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  const sentAt = now();
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      const error = new StoreUnavailableError(`Redis did not answer ${what} within ${ms} ms`);
      reject(withLossTime(error, sentAt));
    }, ms);
    (timer as { unref?: () => void }).unref?.();
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(
          error instanceof StoreUnavailableError
            ? error
            : withLossTime(
                new StoreUnavailableError(`Redis failed ${what}`, { cause: plainCopy(error) }),
                now(),
              ),
        );
      },
    );
  });
}

/**
 * Only the name and message of a client's error: ioredis attaches the command with its arguments
 * (a token record, say) to its errors.
 */
function plainCopy(error: unknown): Error {
  const copy = new Error(error instanceof Error ? error.message : String(error));
  copy.name = error instanceof Error ? error.name : "Error";
  copy.stack = `${copy.name}: ${copy.message}`;
  return copy;
}

const isNoScript = (error: unknown) =>
  error instanceof StoreUnavailableError && /NOSCRIPT/i.test(String((error.cause as Error)?.message));

async function sha1(text: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest("SHA-1", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

export function createScriptRunner(driver: Driver, timeoutMs: number): ScriptRunner {
  const shas = new Map<Script, Promise<string>>();
  let roundTrips = 0;
  let closed = false;
  const byScript: Record<string, number> = {};
  const count = (name: string) => {
    roundTrips++;
    byScript[name] = (byScript[name] ?? 0) + 1;
  };
  const shaOf = (script: Script) => {
    let sha = shas.get(script);
    if (!sha) shas.set(script, (sha = sha1(script.source)));
    return sha;
  };
  /** Commands waiting for their answer: lost() fails them at once. */
  const waiting = new Set<(error: Error) => void>();
  const send = (command: () => unknown, what: string) =>
    new Promise<unknown>((resolve, reject) => {
      waiting.add(reject);
      // A client that throws instead of rejecting, or returns no promise, fails the same way.
      bounded(new Promise((ok) => ok(command())), timeoutMs, what)
        .then(resolve, reject)
        .finally(() => waiting.delete(reject));
    });

  return {
    get roundTrips() {
      return roundTrips;
    },
    byScript,
    close() {
      closed = true;
    },
    lost(at) {
      for (const reject of waiting)
        reject(withLossTime(new StoreUnavailableError("Redis connection lost"), at));
      waiting.clear();
    },
    async run(script, keys, args) {
      if (closed) throw new StoreClosedError("the Redis store was closed (store.close())");
      const strings = args.map(String);
      const sha = await shaOf(script);
      count(script.name);
      try {
        return await send(() => driver.evalsha(sha, keys, strings), `EVALSHA (${script.name})`);
      } catch (error) {
        if (!isNoScript(error)) throw error;
        // This Redis (or node) has not got the script yet: send it once, which caches it.
        count(script.name);
        return send(() => driver.eval(script.source, keys, strings), `EVAL (${script.name})`);
      }
    },
    subscribe(channel, onMessage) {
      if (closed || !driver.subscribe) return undefined;
      count("subscribe");
      let subscription;
      try {
        subscription = driver.subscribe(channel, onMessage);
      } catch (error) {
        return Promise.reject(
          new StoreUnavailableError("Redis client could not be duplicated", { cause: plainCopy(error) }),
        );
      }
      const { ready, close } = subscription;
      return bounded(ready, timeoutMs, "SUBSCRIBE").then(
        () => close,
        async (error: unknown) => {
          // Not subscribed in time: its connection must not go on trying.
          await close().catch(() => {});
          throw error;
        },
      );
    },
  };
}
