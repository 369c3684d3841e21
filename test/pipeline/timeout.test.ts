import { describe, expect, it, vi } from "vitest";
import { Failure } from "../../src/pipeline/failure.js";
import { timeout } from "../../src/pipeline/timeout.js";
import type { Call, Outgoing } from "../../src/pipeline/types.js";
import { call, forever, reply, request } from "./fakes.js";

describe("timeout stage", () => {
  it("ends whatever waits below on the attempt's signal after timeoutMs: a timeout failure", async () => {
    const next = vi.fn((_: Outgoing, c: Call) => forever(c.signal));
    const started = performance.now();
    await expect(timeout(next)(request(), call({ timeoutMs: 30, attempt: 2 }))).rejects.toMatchObject({
      kind: "timeout",
      details: { attempt: 2 },
    });
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it("reports the caller's abort as an abort, not a timeout, with its reason", async () => {
    const controller = new AbortController();
    const next = (_: Outgoing, c: Call) => forever(c.signal);
    const pending = timeout(next)(request(), call({ signal: controller.signal }));
    controller.abort("stop");
    const failure = (await pending.catch((e: unknown) => e)) as Failure;
    expect(failure.kind).toBe("abort");
    expect(failure.details.cause).toBe("stop");
  });

  it("never starts below an already aborted signal or a passed deadline", async () => {
    const next = vi.fn(async () => reply(200));
    await expect(timeout(next)(request(), call({ signal: AbortSignal.abort() }))).rejects.toMatchObject({
      kind: "abort",
    });
    await expect(timeout(next)(request(), call({ deadline: performance.now() - 1 }))).rejects.toMatchObject({
      kind: "timeout",
    });
    expect(next).not.toHaveBeenCalled();
  });

  it("leaves no timer armed and no listener on the caller's signal once it settles", async () => {
    vi.useFakeTimers();
    try {
      const controller = new AbortController();
      const add = vi.spyOn(controller.signal, "addEventListener");
      const remove = vi.spyOn(controller.signal, "removeEventListener");
      await timeout(async () => reply(200))(request(), call({ signal: controller.signal }));
      await timeout(async () => Promise.reject(new Failure("network", "x")))(
        request(),
        call({ signal: controller.signal }),
      ).catch(() => {});
      expect(vi.getTimerCount()).toBe(0);
      expect(remove).toHaveBeenCalledTimes(add.mock.calls.length);
    } finally {
      vi.useRealTimers();
    }
  });
});
