/**
 * Issue 10 §1, error hierarchy — catching connection failures never catches the caller's own
 * abort (APIUserAbortError is not an APIConnectionError; a timeout is), and `status` narrows per
 * class at the type level (`NotFoundError['status']` is `404`) and matches at run time.
 */
import { describe, expect, expectTypeOf, it } from "vitest";
import {
  APIConnectionError,
  APIError,
  APITimeoutError,
  APIUserAbortError,
  AuthenticationError,
  BadRequestError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
  VoiceAIError,
} from "../../src/index.js";
import { rejectionOf } from "../rejection.js";
import { clientFor, json, startServer } from "./helpers.js";

describe("the caller's abort is not a connection failure", () => {
  it("a `catch (e instanceof APIConnectionError)` does not swallow an abort", async () => {
    const server = await startServer(() => {}); // never answers
    const voiceAI = clientFor(server.baseUrl);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const caught = await voiceAI.agents.get({ agentId: "a1" }, { signal: controller.signal }).then(
      () => "resolved",
      (e: unknown) =>
        e instanceof APIConnectionError ? "connection" : e instanceof APIUserAbortError ? "abort" : e,
    );
    expect(caught).toBe("abort");
  });

  it("a timeout is a connection failure, and an abort is still a VoiceAIError", async () => {
    const server = await startServer(() => {});
    const voiceAI = clientFor(server.baseUrl, { timeoutMs: 50, maxRetries: 0 });
    const timeout = await rejectionOf(voiceAI.agents.get({ agentId: "a1" }));
    expect(timeout).toBeInstanceOf(APITimeoutError);
    expect(timeout).toBeInstanceOf(APIConnectionError);
    const abort = await rejectionOf(voiceAI.agents.get({ agentId: "a1" }, { signal: AbortSignal.abort() }));
    expect(abort).toBeInstanceOf(APIUserAbortError);
    expect(abort).toBeInstanceOf(VoiceAIError);
    expect(abort).not.toBeInstanceOf(APIConnectionError);
    expect(abort).not.toBeInstanceOf(APIError);
  });

  // Not asserted at the type level: the two classes have the same fields, so TypeScript's
  // structural types cannot tell them apart (an abort "extends" APIConnectionError there).
});

describe("status narrows per class", () => {
  it("at the type level", () => {
    expectTypeOf<NotFoundError["status"]>().toEqualTypeOf<404>();
    expectTypeOf<BadRequestError["status"]>().toEqualTypeOf<400>();
    expectTypeOf<AuthenticationError["status"]>().toEqualTypeOf<401>();
    expectTypeOf<PermissionDeniedError["status"]>().toEqualTypeOf<403>();
    expectTypeOf<UnprocessableEntityError["status"]>().toEqualTypeOf<422>();
    expectTypeOf<RateLimitError["status"]>().toEqualTypeOf<429>();
    expectTypeOf<APIError["status"]>().toEqualTypeOf<number>();
    const narrow = (e: unknown) => {
      if (e instanceof NotFoundError) expectTypeOf(e.status).toEqualTypeOf<404>();
      if (e instanceof RateLimitError) expectTypeOf(e.status).toEqualTypeOf<429>();
    };
    expect(narrow).toBeTypeOf("function");
  });

  it.each([
    [400, BadRequestError],
    [401, AuthenticationError],
    [403, PermissionDeniedError],
    [404, NotFoundError],
    [422, UnprocessableEntityError],
    [429, RateLimitError],
    [500, InternalServerError],
    [418, APIError],
  ] as const)("a %i is a %o with that status at run time", async (status, Class) => {
    const server = await startServer((_q, res) =>
      json(res, status, { message: "no" }, { "retry-after": "0" }),
    );
    const error = await rejectionOf(
      clientFor(server.baseUrl, { maxRetries: 0 }).agents.get({ agentId: "a" }),
    );
    expect((error as Error).constructor).toBe(Class);
    expect((error as APIError).status).toBe(status);
    expect((error as Error).name).toBe(Class.name);
  });
});
