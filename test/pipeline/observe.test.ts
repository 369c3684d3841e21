import { describe, expect, it, vi } from "vitest";
import { Failure } from "../../src/pipeline/failure.js";
import { observe, type ResponseEvent } from "../../src/pipeline/observe.js";
import { call, reply, request } from "./fakes.js";

describe("observe stage", () => {
  it("tells onResponse and the debug log of each exchange with duration, attempt and request id", async () => {
    const events: ResponseEvent[] = [];
    const debug = vi.fn();
    const record = vi.fn();
    const next = async () => reply(200, { "x-request-id": "req1", "x-ratelimit-remaining": "7" });
    await observe({ log: { debug }, onResponse: (e) => events.push(e), record })(next)(
      request({ url: "https://user:pw@api.test/voice-ai/agents?locationId=L1#frag" }),
      call({ attempt: 2 }),
    );
    expect(events).toEqual([
      expect.objectContaining({
        status: 200,
        attempt: 2,
        requestId: "req1",
        locationId: "L1",
        rateLimit: { remaining: 7 },
        url: "https://api.test/voice-ai/agents?locationId=L1",
      }),
    ]);
    expect(Number.isInteger(events[0]!.durationMs)).toBe(true);
    expect(debug).toHaveBeenCalledWith("response", events[0]);
    expect(record).toHaveBeenCalledWith("L1", { remaining: 7 });
  });

  it("logs a failed attempt at debug level and passes the failure on unchanged", async () => {
    const debug = vi.fn();
    const failure = new Failure("network", "reset");
    const outcome = await observe({ log: { debug }, onResponse: undefined, record: vi.fn() })(() =>
      Promise.reject(failure),
    )(request(), call()).catch((e: unknown) => e);
    expect(outcome).toBe(failure);
    expect(debug).toHaveBeenCalledWith(
      "attempt failed",
      expect.objectContaining({ failure: "network", attempt: 1 }),
    );
  });
});
