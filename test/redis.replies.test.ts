/**
 * Replies the store does not expect (a script of another version, a proxy or fake client in
 * between, a bug): a rate-limit sync granting more slots than asked or answering nil or garbage,
 * a lock, read or write answered with the wrong type, a client that throws instead of rejecting.
 * Each is a StoreUnavailableError (the limiter falls back, or fails with `onStoreError: "fail"`),
 * never a TypeError thrown from a timer (an unhandled rejection ends a default Node process), and
 * never a wrong answer (a number read as "no record", garbage read as "lock lost").
 * The client here is a fake ioredis that answers each script as the test says.
 */
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createVoiceAIClient } from "../src/index.js";
import {
  createRedisStore,
  StoreUnavailableError,
  type IORedisLike,
  type RedisStore,
} from "../src/redis/index.js";
import { SYNC } from "../src/redis/sync-script.js";
import { LOCK, TOKEN_GET, TOKEN_SET, UNLOCK } from "../src/redis/token-scripts.js";
import { LEAVE, PENALIZE, PROBE } from "../src/redis/window-scripts.js";
import { failOnUnhandledRejections, json, startServer } from "./support/http-server.js";
import { rejectionOf } from "./rejection.js";

failOnUnhandledRejections();

const NAMES = new Map(
  [SYNC, LEAVE, PENALIZE, PROBE, LOCK, TOKEN_GET, TOKEN_SET, UNLOCK].map((s) => [
    createHash("sha1").update(s.source).digest("hex"),
    s.name,
  ]),
);
type Answer = (script: string, args: string[]) => unknown;

/** A fake ioredis client: EVALSHA of a known script answers `answer(name, args)`. */
function fakeClient(answer: Answer) {
  return {
    evalsha: async (sha: string, numKeys: number, ...rest: string[]) =>
      answer(NAMES.get(sha) ?? "?", rest.slice(numKeys)),
    eval: async () => {
      throw new Error("EVAL not expected: every script is known by its hash");
    },
  };
}

function storeOf(answer: Answer, onStoreError?: "fail") {
  const warnings: string[] = [];
  const store = createRedisStore(fakeClient(answer), {
    timeoutMs: 200,
    logger: { warn: (m) => void warnings.push(String(m)) },
    ...(onStoreError && { onStoreError }),
  });
  return { store, warnings };
}

const BAD_SYNC: [string, unknown][] = [
  ["more slots than asked", [10, 1000, 0, 1, 0, 3, -1, 0, 0, 0]],
  ["nil", null],
  ["a string", "OK"],
  ["too short", [10, 1000]],
  ["a wait that is not a number", [10, 1000, 0, 1, 0, 1, -1, "soon"]],
  ["a negative wait", [10, 1000, 0, 1, 0, 1, -1, -5]],
  ["a wait no timer can take", [10, 1000, 0, 1, 0, 1, -1, 2 ** 40]],
  ["a fractional wait", [10, 1000, 0, 1, 0, 1, -1, 1.5]],
  ["a limit of 0", [0, 1000, 0, 1, 0, 1, -1, 0]],
  ["a rank past the processes", [10, 1000, 0, 1, 5, 1, -1, 0]],
  ["an object", { granted: 1 }],
];

describe("a rate-limit sync answered with a reply it does not expect", () => {
  for (const [what, reply] of BAD_SYNC) {
    it(`${what}: StoreUnavailableError with "fail", the fallback by default`, async () => {
      const answer: Answer = (script) => (script === "sync" ? reply : 1);
      const failing = storeOf(answer, "fail");
      const error = await rejectionOf(failing.store.createLimiter({}).acquire("LOC"));
      expect(error).toBeInstanceOf(StoreUnavailableError);
      expect(String(error)).toMatch(/sync script with an unexpected reply/);

      const falling = storeOf(answer);
      const release = await falling.store.createLimiter({}).acquire("LOC");
      release();
      expect(falling.warnings).toHaveLength(1);
      expect(falling.warnings[0]).toMatch(/unexpected reply.*kept per process/);
      await Promise.all([failing.store.close(), falling.store.close()]);
    });
  }

  it("through the client: the call goes through the fallback and nothing is left unhandled", async () => {
    const server = await startServer((_req, res) => json(res, 200, { id: "a1", actions: [] }));
    const { store, warnings } = storeOf((script) => (script === "sync" ? [10, 1000, 0, 1, 0, 5, -1] : 1));
    const voiceAI = createVoiceAIClient({ baseUrl: server.baseUrl, token: "t", rateLimit: { store } });
    const agents = await Promise.all(
      [1, 2].map(() => voiceAI.agents.get({ agentId: "a1", locationId: "L" })),
    );
    expect(agents.map((a) => a.id)).toEqual(["a1", "a1"]);
    expect(warnings[0]).toMatch(/unexpected reply/);
    await store.close();
  });

  it("control: a well-formed reply is used as it is (no fallback)", async () => {
    // One slot asked for, granted at once.
    const { store, warnings } = storeOf((script) => (script === "sync" ? [10, 1000, 0, 1, 0, 1, -1, 0] : 1));
    const limiter = store.createLimiter({});
    (await limiter.acquire("LOC"))();
    expect(warnings).toEqual([]);
    await store.close();
  });
});

describe("token calls answered with a reply they do not expect", () => {
  async function outcome(store: RedisStore, call: (s: RedisStore) => Promise<unknown>) {
    const error = await rejectionOf(call(store));
    expect(error).toBeInstanceOf(StoreUnavailableError);
    return String(error);
  }

  const lockCall = (s: RedisStore) => s.lock("inst", { ttlMs: 1000, waitMs: 0 });
  it("lock(): nil, garbage, a fence of 0 or a negative wait are StoreUnavailableError, not a TypeError", async () => {
    for (const reply of [null, "OK", [1], [1, 0], [0, -7], ["x", "y"], [1, 2, 3], 5]) {
      const { store } = storeOf((script) => (script === "lock" ? reply : 0));
      expect(await outcome(store, lockCall)).toMatch(/lock script with an unexpected reply/);
      await store.close();
    }
  });

  it("get(): a number or an array is not read as 'no record'", async () => {
    for (const reply of [5, ["v"], { v: 1 }]) {
      const { store } = storeOf(() => reply);
      expect(await outcome(store, (s) => s.get("inst"))).toMatch(/token-get script with an unexpected reply/);
      await store.close();
    }
  });

  it("set(): garbage is not read as 'lock lost'", async () => {
    for (const reply of ["OK", null, 2, [1]]) {
      const { store } = storeOf(() => reply);
      expect(await outcome(store, (s) => s.set("inst", "v"))).toMatch(
        /token-set script with an unexpected reply/,
      );
      await store.close();
    }
  });

  it("the message tells the reply's shape, never its content", async () => {
    const secret = "refresh-SECRET-42";
    const { store } = storeOf(() => [secret]);
    const message = await outcome(store, (s) => s.get("inst"));
    expect(message).toMatch(/an array of 1/);
    expect(message).not.toContain(secret);
    await store.close();
  });

  it("a client that throws instead of rejecting, or answers without a promise", async () => {
    const throwing = createRedisStore({
      evalsha: () => {
        throw new TypeError("boom");
      },
      eval: () => {
        throw new TypeError("boom");
      },
    });
    expect(await outcome(throwing, (s) => s.get("inst"))).toMatch(/Redis failed EVALSHA \(token-get\)/);
    // As a JavaScript caller may pass it: the types ask for promises.
    const plainClient = { evalsha: () => "v", eval: () => "v" };
    const plain = createRedisStore(plainClient as unknown as IORedisLike);
    expect(await plain.get("inst")).toBe("v");
    await Promise.all([throwing.close(), plain.close()]);
  });

  it("control: well-formed replies", async () => {
    const { store } = storeOf((script) =>
      script === "lock" ? [1, 7] : script === "token-get" ? null : script === "token-set" ? 1 : 1,
    );
    const lock = await lockCall(store);
    expect(lock.fence).toBe(7);
    expect(await store.get("inst")).toBeUndefined();
    await store.set("inst", "v", { fence: 7 });
    await lock.release();
    await store.close();
  });
});
