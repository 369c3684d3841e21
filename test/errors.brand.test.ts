/**
 * `instanceof` across two copies of the error classes (the ESM and the CJS build of one app; the
 * packed builds themselves are checked by `check:package`'s dual package step). Two copies here:
 * the modules evaluated twice, with vi.resetModules() between the imports.
 */
import { inspect } from "node:util";
import { beforeAll, describe, expect, it, vi } from "vitest";

type Errors = typeof import("../src/errors/index.js");
type OAuthErrors = typeof import("../src/oauth/errors.js") & typeof import("../src/webhooks/errors.js");
const info = { operationId: "getAgent", method: "GET", url: "https://x.test/voice-ai/agents/a" };
const facts = (status: number) => ({
  ...info,
  status,
  headers: new Headers(),
  body: {},
  rateLimit: undefined,
});

let a: Errors;
let b: Errors;
let oauthA: OAuthErrors;
let oauthB: OAuthErrors;
beforeAll(async () => {
  a = await import("../src/errors/index.js");
  // The webhook errors moved to the webhooks entry (which /oauth re-exports).
  oauthA = { ...(await import("../src/oauth/errors.js")), ...(await import("../src/webhooks/errors.js")) };
  vi.resetModules();
  b = await import("../src/errors/index.js");
  oauthB = { ...(await import("../src/oauth/errors.js")), ...(await import("../src/webhooks/errors.js")) };
});

describe("instanceof across two copies", () => {
  it("the copies are distinct classes", () => {
    expect(a.NotFoundError).not.toBe(b.NotFoundError);
    expect(Object.getPrototypeOf(new a.NotFoundError(facts(404)))).not.toBe(b.NotFoundError.prototype);
  });

  it("an error of one copy is an instance of the other's class and its ancestors, of no other", () => {
    const error = a.apiErrorFor(facts(404), undefined);
    for (const ok of [b.NotFoundError, b.APIError, b.VoiceAIError, a.NotFoundError])
      expect(error).toBeInstanceOf(ok);
    for (const no of [b.AuthenticationError, b.RateLimitError, b.APIConnectionError, b.ConfigurationError])
      expect(error instanceof no).toBe(false);
    const timeout = new b.APITimeoutError(info, "slow");
    expect(timeout instanceof a.APIConnectionError && timeout instanceof a.APITimeoutError).toBe(true);
    expect(timeout instanceof a.APIUserAbortError).toBe(false);
  });

  it("holds for the entries' classes (oauth) too", () => {
    const rejected = new oauthA.WebhookVerificationError("bad_signature", "no");
    expect(rejected instanceof oauthB.WebhookVerificationError && rejected instanceof b.VoiceAIError).toBe(
      true,
    );
    expect(rejected instanceof oauthB.TokenStoreError).toBe(false);
  });

  it("a forged brand does not make a wrong subclass; a non-Error passes nothing", () => {
    const forged = Object.assign(new Error("forged"), {
      [Symbol.for("highlevel-voice-ai.error.NotFoundError")]: true,
    });
    expect(forged instanceof a.AuthenticationError).toBe(false);
    expect(forged instanceof a.APIError).toBe(false);
    const brands = ["NotFoundError", "APIError", "VoiceAIError"];
    const plain = Object.fromEntries(brands.map((n) => [Symbol.for(`highlevel-voice-ai.error.${n}`), true]));
    expect(plain instanceof a.NotFoundError || plain instanceof a.VoiceAIError).toBe(false);
    for (const value of [null, undefined, 0, "NotFoundError"] as unknown[])
      expect(value instanceof a.VoiceAIError).toBe(false);
  });

  it("a user's own subclass is recognised only by the prototype chain", () => {
    class AppError extends a.VoiceAIError {}
    expect(new AppError("x") instanceof b.VoiceAIError).toBe(true);
    expect(new AppError("x") instanceof b.ConfigurationError).toBe(false);
    expect(new b.VoiceAIError("x") instanceof AppError).toBe(false);
    expect(new AppError("x").name).toBe("VoiceAIError");
  });
});

describe("what an error shows is unchanged", () => {
  it("name, own keys, JSON and inspect: no brand in sight", () => {
    const error = a.apiErrorFor(facts(404), undefined);
    expect(error.name).toBe("NotFoundError");
    expect(Object.keys(error)).toEqual([
      "name",
      "operationId",
      "method",
      "url",
      "status",
      "body",
      "headers",
      "messages",
      "requestId",
      "rateLimit",
    ]);
    expect(JSON.stringify(error)).toContain('"name":"NotFoundError"');
    expect(inspect(error)).not.toContain("highlevel-voice-ai.error");
    expect(new a.ConfigurationError("bad").name).toBe("ConfigurationError");
    expect(String(new a.InvalidRequestError("bad"))).toBe("InvalidRequestError: bad");
  });
});
