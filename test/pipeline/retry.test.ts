import { afterEach, describe, expect, it, vi } from "vitest";
import { Failure } from "../../src/pipeline/failure.js";
import { retry, type RetryEvent } from "../../src/pipeline/retry.js";
import type { Call, Outgoing } from "../../src/pipeline/types.js";
import { call, reply, request } from "./fakes.js";

afterEach(() => vi.useRealTimers());

function run(outcomes: (() => unknown)[], over: Partial<Call> = {}, req: Outgoing = request()) {
  const events: RetryEvent[] = [];
  const attempts: number[] = [];
  const next = vi.fn(async (_: Outgoing, c: Call) => {
    attempts.push(c.attempt);
    return outcomes[attempts.length - 1]!() as never;
  });
  const result = retry((e) => events.push(e))(next)(req, call(over));
  return { result, events, attempts };
}

describe("retry stage", () => {
  it("sends a GET again after 503s, numbering attempts, then returns the last reply", async () => {
    vi.useFakeTimers();
    const { result, events, attempts } = run([() => reply(503), () => reply(503), () => reply(503)]);
    await vi.runAllTimersAsync();
    expect((await result).status).toBe(503);
    expect(attempts).toEqual([1, 2, 3]);
    expect(events.map((e) => [e.attempt, e.reason])).toEqual([
      [1, { kind: "status", status: 503 }],
      [2, { kind: "status", status: 503 }],
    ]);
    expect(events.every((e) => Number.isInteger(e.delayMs))).toBe(true);
  });

  it("does not send a POST again after a 500 or a reset, but does after a refused connection", async () => {
    const post = request({ method: "POST" });
    const a = run([() => reply(500)], {}, post);
    expect((await a.result).status).toBe(500);
    expect(a.attempts).toEqual([1]);
    const b = run([() => Promise.reject(new Failure("network", "reset"))], {}, post);
    await expect(b.result).rejects.toMatchObject({ kind: "network", details: { attempt: 1 } });
    vi.useFakeTimers();
    const c = run([() => Promise.reject(new Failure("connect", "refused")), () => reply(201)], {}, post);
    await vi.runAllTimersAsync();
    expect((await c.result).status).toBe(201);
  });

  it("never retries local failures (a bad token, a spent daily quota)", async () => {
    for (const kind of ["configuration", "daily-quota", "invalid-response", "abort"] as const) {
      const { result, attempts } = run([() => Promise.reject(new Failure(kind, "x"))]);
      await expect(result).rejects.toMatchObject({ kind });
      expect(attempts).toEqual([1]);
    }
  });

  it("ends a backoff wait at once when the caller aborts", async () => {
    const controller = new AbortController();
    const { result } = run([() => reply(429, { "retry-after": "30" })], { signal: controller.signal });
    setTimeout(() => controller.abort(), 5);
    const started = performance.now();
    await expect(result).rejects.toMatchObject({ kind: "abort" });
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it("starts no wait that would end past the call's deadline, nor one over a minute", async () => {
    const short = run([() => reply(503, { "retry-after": "2" })], { deadline: performance.now() + 1000 });
    expect((await short.result).status).toBe(503);
    expect(short.attempts).toEqual([1]);
    const long = run([() => reply(429, { "retry-after": "61" })]);
    expect((await long.result).status).toBe(429);
    expect(long.attempts).toEqual([1]);
  });
});
