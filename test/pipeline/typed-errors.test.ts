import { describe, expect, it } from "vitest";
import {
  APIConnectionError,
  APITimeoutError,
  APIUserAbortError,
  ConfigurationError,
  InvalidResponseError,
  QuotaExhaustedError,
  RateLimitError,
  UnprocessableEntityError,
  VoiceAIError,
} from "../../src/errors/index.js";
import { Failure } from "../../src/pipeline/failure.js";
import { createRedactor } from "../../src/pipeline/redact.js";
import { typedErrors } from "../../src/pipeline/typed-errors.js";
import type { Reply } from "../../src/pipeline/types.js";
import { call, reply, request } from "./fakes.js";

const redactor = createRedactor();
redactor.add("tok_SECRET");
const fail = (outcome: () => Promise<Reply>, over = {}) =>
  typedErrors(redactor)(outcome)(request(), call(over)).catch((e: unknown) => e);
const failing = (failure: Failure) => () => Promise.reject(failure);

describe("typedErrors stage", () => {
  it("turns each failure kind into its class, never an abort into a connection error", async () => {
    const cases: [Failure, Function][] = [
      [new Failure("connect", "Connection failed"), APIConnectionError],
      [new Failure("network", "Connection failed"), APIConnectionError],
      [new Failure("redirect", "More than 5 redirects"), APIConnectionError],
      [new Failure("timeout", "Timed out"), APITimeoutError],
      [new Failure("abort", "Aborted by the caller"), APIUserAbortError],
      [new Failure("invalid-response", "the body is empty", { status: 200 }), InvalidResponseError],
      [new Failure("daily-quota", "spent", { waitMs: 60_000 }), QuotaExhaustedError],
      [new Failure("configuration", "bad token"), ConfigurationError],
    ];
    for (const [failure, Class] of cases) {
      const error = await fail(failing(failure));
      expect(error, failure.kind).toBeInstanceOf(Class);
      expect(error).toBeInstanceOf(VoiceAIError);
    }
    expect(await fail(failing(new Failure("abort", "x")))).not.toBeInstanceOf(APIConnectionError);
  });

  it("a timeout says how many attempts it made and how long the call took", async () => {
    const error = (await fail(
      failing(new Failure("timeout", "Timed out: timeoutMs 1000 ran out", { attempt: 3 })),
      {
        startedAt: performance.now() - 3200,
        timeoutMs: 1000,
      },
    )) as Error;
    expect(error.message).toMatch(/Timed out: timeoutMs 1000 ran out \(3 attempts in 3\.\d s\)/);
  });

  it("joins a 422's messages readably and names the request; shortens a very long URL", async () => {
    const long = `https://api.test/voice-ai/agents/${"x".repeat(5000)}`;
    const error = (await typedErrors(redactor)(async () => ({
      ...reply(422),
      text: JSON.stringify({
        statusCode: 422,
        message: ["agentName is too long", "maxCallDuration must be ≥ 60"],
      }),
    }))(request({ url: long }), call()).catch((e: unknown) => e)) as UnprocessableEntityError;
    expect(error).toBeInstanceOf(UnprocessableEntityError);
    expect(error.status).toBe(422);
    expect(error.message).toContain("422: agentName is too long; maxCallDuration must be ≥ 60");
    expect(error.message.length).toBeLessThan(400);
    expect(error.url).toBe(long); // the field keeps it whole
  });

  it("a 429 carries the wait the server asked for and its scope", async () => {
    const error = (await fail(async () =>
      reply(429, { "x-ratelimit-daily-remaining": "0", "x-ratelimit-daily-reset": "5000" }),
    )) as RateLimitError;
    expect([error.retryAfterMs, error.scope]).toEqual([5000, "daily"]);
    const garbage = (await fail(async () =>
      reply(429, { "retry-after": "soon", "x-ratelimit-remaining": "-3" }),
    )) as RateLimitError;
    expect([garbage.retryAfterMs, garbage.scope]).toEqual([undefined, "interval"]);
  });

  it("scrubs every known token from causes, through the chain", async () => {
    const cause = new TypeError("failed with Bearer tok_SECRET", { cause: new Error("tok_SECRET again") });
    const error = (await fail(failing(new Failure("network", "Connection failed", { cause })))) as Error;
    const text = JSON.stringify([
      String(error.cause),
      String((error.cause as Error).cause),
      (error.cause as Error).stack,
    ]);
    expect(text).not.toContain("tok_SECRET");
    expect(error.cause).toBeInstanceOf(TypeError);
  });
});
