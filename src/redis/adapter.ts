/**
 * The two Redis clients behind one small interface: run a Lua script by its hash (EVALSHA),
 * loading it on first use and again after NOSCRIPT (a restarted or flushed Redis). Every call is
 * bounded in time, whatever the client does with commands while it is disconnected.
 */
import { ConfigurationError } from "../errors.js";
import { StoreClosedError, StoreUnavailableError } from "./errors.js";

/** The part of an ioredis instance the store uses. */
export interface IORedisLike {
  evalsha(sha: string, numKeys: number, ...args: string[]): Promise<unknown>;
  script(subcommand: "LOAD", script: string): Promise<unknown>;
}

/** The part of a node-redis (v4+) client the store uses. */
export interface NodeRedisLike {
  evalSha(sha: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
  scriptLoad(script: string): Promise<unknown>;
}

export type RedisClientLike = IORedisLike | NodeRedisLike;

interface Driver {
  evalsha(sha: string, keys: string[], args: string[]): Promise<unknown>;
  load(source: string): Promise<unknown>;
}

function driverOf(client: unknown): Driver {
  const c = client as Partial<IORedisLike & NodeRedisLike> | null;
  if (c && typeof c.evalSha === "function" && typeof c.scriptLoad === "function") {
    const redis = c as NodeRedisLike;
    return {
      evalsha: (sha, keys, args) => redis.evalSha(sha, { keys, arguments: args }),
      load: (source) => redis.scriptLoad(source),
    };
  }
  if (c && typeof c.evalsha === "function" && typeof c.script === "function") {
    const redis = c as IORedisLike;
    return {
      evalsha: (sha, keys, args) => redis.evalsha(sha, keys.length, ...keys, ...args),
      load: (source) => redis.script("LOAD", source),
    };
  }
  throw new ConfigurationError(
    "createRedisStore needs an ioredis instance or a node-redis (v4+) client (evalsha/script or evalSha/scriptLoad)",
  );
}

export interface Script {
  readonly name: string;
  readonly source: string;
}

export interface ScriptRunner {
  /** Runs `script`; rejects with StoreUnavailableError on an error or after `timeoutMs`. */
  run(script: Script, keys: string[], args: readonly (string | number)[]): Promise<unknown>;
  /** Commands sent to Redis so far (EVALSHA and SCRIPT LOAD). */
  readonly roundTrips: number;
  /** The same, by script. */
  readonly byScript: Record<string, number>;
  /** From now on, run() rejects with StoreClosedError. The client itself is left open. */
  close(): void;
}

/** Resolves or rejects like `promise`, or rejects with StoreUnavailableError after `ms`. */
function bounded<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new StoreUnavailableError(`Redis did not answer ${what} within ${ms} ms`)),
      ms,
    );
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
            : new StoreUnavailableError(`Redis failed ${what}`, { cause: plainCopy(error) }),
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

export function createScriptRunner(client: unknown, timeoutMs: number): ScriptRunner {
  const driver = driverOf(client);
  const shas = new Map<Script, Promise<string>>();
  let roundTrips = 0;
  let closed = false;
  const byScript: Record<string, number> = {};

  function load(script: Script): Promise<string> {
    let sha = shas.get(script);
    if (!sha) {
      roundTrips++;
      sha = bounded(driver.load(script.source), timeoutMs, `SCRIPT LOAD (${script.name})`).then((reply) => {
        if (typeof reply !== "string" || !/^[0-9a-f]{40}$/.test(reply)) {
          throw new StoreUnavailableError(`Redis answered SCRIPT LOAD (${script.name}) with no SHA1`);
        }
        return reply;
      });
      shas.set(script, sha);
      // A failed load is tried again by the next call.
      sha.catch(() => shas.delete(script));
    }
    return sha;
  }

  async function evalsha(script: Script, keys: string[], args: string[]): Promise<unknown> {
    const sha = await load(script);
    roundTrips++;
    byScript[script.name] = (byScript[script.name] ?? 0) + 1;
    return bounded(driver.evalsha(sha, keys, args), timeoutMs, `EVALSHA (${script.name})`);
  }

  return {
    get roundTrips() {
      return roundTrips;
    },
    byScript,
    close() {
      closed = true;
    },
    async run(script, keys, args) {
      if (closed) throw new StoreClosedError("the Redis store was closed (store.close())");
      const strings = args.map(String);
      try {
        return await evalsha(script, keys, strings);
      } catch (error) {
        if (!isNoScript(error)) throw error;
        // Redis restarted or its scripts were flushed: load again, once.
        shas.delete(script);
        return evalsha(script, keys, strings);
      }
    },
  };
}
