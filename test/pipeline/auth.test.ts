import { describe, expect, it, vi } from "vitest";
import { authorize } from "../../src/pipeline/auth.js";
import { Failure } from "../../src/pipeline/failure.js";
import { createRedactor } from "../../src/pipeline/redact.js";
import { createTokens } from "../../src/pipeline/tokens.js";
import type { Call, Outgoing } from "../../src/pipeline/types.js";
import type { TokenContext } from "../../src/pipeline/token-provider.js";
import { ConfigurationError } from "../../src/errors/index.js";
import { ORIGIN, call, forever, reply, request } from "./fakes.js";

function refreshable() {
  let version = 1;
  const contexts: TokenContext[] = [];
  const provider = {
    getToken: vi.fn((ctx: TokenContext) => {
      contexts.push(ctx);
      return `tok${version}`;
    }),
    invalidate: vi.fn(async () => {
      await new Promise((r) => setTimeout(r, 5));
      version++;
    }),
  };
  return { provider, contexts, tokens: createTokens(provider, createRedactor()) };
}

const seen = (next: { mock: { calls: unknown[][] } }) =>
  next.mock.calls.map((args) => (args[0] as Outgoing).headers.get("authorization"));

describe("authorize stage", () => {
  it("asks the provider with the call's location, operation and signal, and sets the headers", async () => {
    const { tokens, contexts } = refreshable();
    const next = vi.fn(async () => reply(200));
    const signal = new AbortController().signal;
    await authorize(tokens, ORIGIN, createRedactor())(next)(request(), call({ signal }));
    expect(contexts).toEqual([{ locationId: "L1", operationId: "getAgent", signal }]);
    const sent = (next.mock.calls as unknown[][])[0]![0] as Outgoing;
    expect([
      sent.headers.get("authorization"),
      sent.headers.get("version"),
      sent.headers.get("accept"),
    ]).toEqual(["Bearer tok1", "2021-04-15", "application/json"]);
  });

  it("on a 401 invalidates the token and sends once more with a fresh one, a POST too", async () => {
    const { tokens, provider } = refreshable();
    const next = vi.fn().mockResolvedValueOnce(reply(401)).mockResolvedValue(reply(201));
    const result = await authorize(tokens, ORIGIN, createRedactor())(next)(
      request({ method: "POST" }),
      call(),
    );
    expect(result.status).toBe(201);
    expect(seen(next)).toEqual(["Bearer tok1", "Bearer tok2"]);
    expect(provider.invalidate).toHaveBeenCalledWith(expect.objectContaining({ locationId: "L1" }), "tok1");
  });

  it("returns a second 401 as it is (the caller's AuthenticationError), after one refresh only", async () => {
    const { tokens, provider } = refreshable();
    const next = vi.fn(async () => reply(401));
    expect((await authorize(tokens, ORIGIN, createRedactor())(next)(request(), call())).status).toBe(401);
    expect(next).toHaveBeenCalledTimes(2);
    expect(provider.invalidate).toHaveBeenCalledTimes(1);
  });

  it("50 concurrent 401s for one token cause one invalidate", async () => {
    const { tokens, provider } = refreshable();
    const next = vi.fn(async (r: Outgoing) =>
      reply(r.headers.get("authorization") === "Bearer tok1" ? 401 : 200),
    );
    const stage = authorize(tokens, ORIGIN, createRedactor())(next);
    const results = await Promise.all(Array.from({ length: 50 }, () => stage(request(), call())));
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(provider.invalidate).toHaveBeenCalledTimes(1);
  });

  it("refuses a token the Headers API would reject or alter, without quoting it or sending", async () => {
    for (const bad of ["SEKRET\r\nX-Evil: 1", "SEKRET\0", "SEKRET€", " SEKRET", "SEKRET\u00ff", "", 42]) {
      const next = vi.fn(async () => reply(200));
      const tokens = createTokens(() => bad as string, createRedactor());
      const failure = (await authorize(
        tokens,
        ORIGIN,
        createRedactor(),
      )(next)(request(), call()).catch((e: unknown) => e)) as Failure;
      expect(failure).toBeInstanceOf(Failure);
      expect(failure.kind).toBe("configuration");
      expect(failure.reason).not.toMatch(/SEKRET/);
      expect(next).not.toHaveBeenCalled();
      if (typeof bad === "string")
        expect(() => createTokens(bad, createRedactor())).toThrow(ConfigurationError);
    }
  });

  it("a provider that never settles is ended by the attempt's signal", async () => {
    const tokens = createTokens({ getToken: () => new Promise<string>(() => {}) }, createRedactor());
    const controller = new AbortController();
    const pending = authorize(tokens, ORIGIN, createRedactor())(vi.fn())(
      request(),
      call({ signal: controller.signal }),
    );
    controller.abort(new Error("attempt over"));
    await expect(pending).rejects.toThrow("attempt over");
  });

  it("sends no Authorization to another origin", async () => {
    const tokens = createTokens("tok", createRedactor());
    const next = vi.fn((_: Outgoing, c: Call) =>
      c.signal ? forever(c.signal) : Promise.resolve(reply(200)),
    );
    await authorize(tokens, ORIGIN, createRedactor())(next)(
      request({ url: "https://api.test.evil.com/x" }),
      call(),
    );
    await authorize(tokens, ORIGIN, createRedactor())(next)(request({ url: `${ORIGIN}:8443/x` }), call());
    expect(seen(next)).toEqual([null, null]);
  });
});
