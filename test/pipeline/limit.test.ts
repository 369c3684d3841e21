import { describe, expect, it, vi } from "vitest";
import { Failure } from "../../src/pipeline/failure.js";
import { limit } from "../../src/pipeline/limit.js";
import type { Call, Outgoing } from "../../src/pipeline/types.js";
import { createRateLimiter } from "../../src/rate-limit/limiter.js";
import { call, forever, reply, request } from "./fakes.js";

const oneAtATime = () => createRateLimiter({ maxConcurrency: 1, maxDailyWaitMs: 0 });

describe("limit stage", () => {
  it("gives the slot back on every way out: reply, failure, abort while waiting below", async () => {
    const limiter = oneAtATime();
    const stage = limit(limiter);
    await stage(async () => reply(200))(request(), call());
    await stage(async () => Promise.reject(new Failure("network", "reset")))(request(), call()).catch(
      () => {},
    );
    const controller = new AbortController();
    const hung = stage((_: Outgoing, c: Call) => forever(c.signal))(
      request(),
      call({ signal: controller.signal }),
    );
    controller.abort();
    await hung.catch(() => {});
    // All three released: the next one goes at once.
    expect(limiter.tryAcquire("L1")).toBeTypeOf("function");
  });

  it("an abort while queued leaves the queue and sends nothing", async () => {
    const limiter = oneAtATime();
    const release = limiter.tryAcquire("L1")!;
    const next = vi.fn(async () => reply(200));
    const controller = new AbortController();
    const queued = limit(limiter)(next)(request(), call({ signal: controller.signal }));
    controller.abort(new Error("gone"));
    await expect(queued).rejects.toThrow("gone");
    expect(next).not.toHaveBeenCalled();
    release();
    expect(limiter.tryAcquire("L1")).toBeTypeOf("function");
  });

  it("refuses at once, in whole milliseconds, when the server said the day's quota is spent", async () => {
    const limiter = createRateLimiter({ maxDailyWaitMs: 0 });
    const stage = limit(limiter);
    await stage(async () =>
      reply(200, { "x-ratelimit-daily-remaining": "0", "x-ratelimit-daily-reset": "1234.5" }),
    )(request(), call());
    const next = vi.fn(async () => reply(200));
    const failure = (await stage(next)(request(), call()).catch((e: unknown) => e)) as Failure;
    expect(failure.kind).toBe("daily-quota");
    expect(Number.isInteger(failure.details.waitMs)).toBe(true);
    expect(failure.details.waitMs).toBeLessThanOrEqual(1235);
    expect(next).not.toHaveBeenCalled();
  });

  it("holds the location's next request back for a 429's Retry-After", async () => {
    const limiter = createRateLimiter();
    await limit(limiter)(async () => reply(429, { "retry-after": "2" }))(request(), call());
    expect(limiter.tryAcquire("L1")).toBeUndefined();
    expect(limiter.tryAcquire("other")).toBeTypeOf("function");
  });
});
