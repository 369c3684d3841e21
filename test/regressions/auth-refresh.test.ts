/**
 * Issue 11 §1 — tokens per location: `token` as a string, a function or a provider object, asked
 * with `{ locationId, operationId, signal }`; on a 401 a provider with `invalidate` is told which
 * token failed, and the call is sent once more with a fresh one (a POST too); a second 401 is an
 * AuthenticationError; concurrent 401s for one token cause one invalidate.
 */
import { describe, expect, it } from "vitest";
import {
  APITimeoutError,
  AuthenticationError,
  VoiceAIError,
  type TokenContext,
  type TokenProvider,
} from "../../src/index.js";
import { rejectionOf } from "../rejection.js";
import {
  AGENT,
  LOC,
  SECRET,
  clientFor,
  expectNoSecret,
  json,
  startServer,
  SETTLES_WITHIN_MS,
} from "./helpers.js";

/** A server that accepts only `valid` tokens (checked at each request) and says 401 to others. */
function authServer(valid: Set<string>) {
  return startServer((req, res) => {
    const token = (req.headers.authorization ?? "").replace(/^Bearer /, "");
    if (!valid.has(token)) return json(res, 401, { message: "Invalid JWT" });
    json(res, req.method === "POST" ? 201 : 200, AGENT);
  });
}

/** A provider with one token per location, refreshed (`-v2`, `-v3`, ...) on invalidate. */
class RotatingProvider implements TokenProvider {
  readonly versions = new Map<string, number>();
  readonly gets: TokenContext[] = [];
  readonly invalidated: [TokenContext, string][] = [];
  getToken(ctx: TokenContext) {
    this.gets.push(ctx);
    const v = this.versions.get(ctx.locationId ?? "") ?? 1;
    return `${SECRET}-${ctx.locationId}-v${v}`;
  }
  async invalidate(ctx: TokenContext, token: string) {
    this.invalidated.push([ctx, token]);
    await new Promise((resolve) => setTimeout(resolve, 20)); // a refresh takes time
    const key = ctx.locationId ?? "";
    this.versions.set(key, (this.versions.get(key) ?? 1) + 1);
  }
}

const auths = (server: { requests: { headers: { authorization?: string | undefined } }[] }) =>
  server.requests.map((r) => r.headers.authorization);

describe("token sources", () => {
  it("a function is asked with the call's location, operation and signal", async () => {
    const server = await authServer(new Set(["t"]));
    const seen: TokenContext[] = [];
    const voiceAI = clientFor(server.baseUrl, { token: (ctx) => (seen.push(ctx), "t") });
    await voiceAI.agents.get({ agentId: "a1", locationId: "LOC_A" });
    await voiceAI.agents.create({ body: { locationId: "LOC_B", agentName: "x" } });
    expect(seen).toEqual([
      { locationId: "LOC_A", operationId: "getAgent", signal: expect.any(AbortSignal) },
      { locationId: "LOC_B", operationId: "createAgent", signal: expect.any(AbortSignal) },
    ]);
  });

  it("a provider object (a class, using `this`) serves each location its own token", async () => {
    const provider = new RotatingProvider();
    const locations = ["L1", "L2", "L3"];
    const server = await authServer(new Set(locations.map((l) => `${SECRET}-${l}-v1`)));
    const voiceAI = clientFor(server.baseUrl, { token: provider });
    await Promise.all(locations.map((locationId) => voiceAI.agents.get({ agentId: "a", locationId })));
    expect(auths(server).sort()).toEqual(locations.map((l) => `Bearer ${SECRET}-${l}-v1`));
    expect(provider.invalidated).toEqual([]);
  });
});

describe("one refresh on a 401", () => {
  it("GET: the failed token is invalidated, a fresh one fetched, the call sent once more", async () => {
    const provider = new RotatingProvider();
    const server = await authServer(new Set([`${SECRET}-${LOC}-v2`]));
    const voiceAI = clientFor(server.baseUrl, { token: provider, maxRetries: 0 });
    await expect(voiceAI.agents.get({ agentId: "a1" })).resolves.toEqual(AGENT);
    expect(auths(server)).toEqual([`Bearer ${SECRET}-${LOC}-v1`, `Bearer ${SECRET}-${LOC}-v2`]);
    expect(provider.invalidated).toEqual([
      [expect.objectContaining({ locationId: LOC, operationId: "getAgent" }), `${SECRET}-${LOC}-v1`],
    ]);
  });

  it("POST: re-sent once with the same body (a 401 means nothing was done)", async () => {
    const provider = new RotatingProvider();
    const server = await authServer(new Set([`${SECRET}-${LOC}-v2`]));
    const voiceAI = clientFor(server.baseUrl, { token: provider });
    await expect(voiceAI.agents.create({ body: { agentName: "x" } })).resolves.toEqual(AGENT);
    expect(server.requests.map((r) => [r.method, r.body])).toEqual([
      ["POST", JSON.stringify({ agentName: "x", locationId: LOC })],
      ["POST", JSON.stringify({ agentName: "x", locationId: LOC })],
    ]);
  });

  it("a second 401 is an AuthenticationError: two requests, one invalidate, no token shown", async () => {
    const provider = new RotatingProvider();
    const server = await authServer(new Set());
    const voiceAI = clientFor(server.baseUrl, { token: provider, maxRetries: 3 });
    const error = await rejectionOf(voiceAI.agents.create({ body: { agentName: "x" } }));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(server.requests).toHaveLength(2);
    expect(provider.invalidated).toHaveLength(1);
    expectNoSecret(error);
  });

  it.each([
    ["a string", SECRET],
    ["a function", () => SECRET],
    ["a provider without invalidate", { getToken: () => SECRET }],
  ])("%s cannot refresh: one request, then AuthenticationError", async (_name, token) => {
    const server = await authServer(new Set());
    const error = await rejectionOf(clientFor(server.baseUrl, { token }).agents.get({ agentId: "a1" }));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(server.requests).toHaveLength(1);
  });

  it("50 concurrent 401s for one location cause one invalidate, and all 50 calls succeed", async () => {
    const provider = new RotatingProvider();
    const server = await authServer(new Set([`${SECRET}-${LOC}-v2`]));
    const voiceAI = clientFor(server.baseUrl, { token: provider });
    const calls = Array.from({ length: 50 }, (_, i) => voiceAI.agents.get({ agentId: `a${i}` }));
    const results = await Promise.allSettled(calls);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(50);
    expect(provider.invalidated).toHaveLength(1);
    expect(server.requests).toHaveLength(100);
  });

  it("concurrent 401s for two locations cause one invalidate each", async () => {
    const provider = new RotatingProvider();
    const server = await authServer(new Set([`${SECRET}-A-v2`, `${SECRET}-B-v2`]));
    const voiceAI = clientFor(server.baseUrl, { token: provider });
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        voiceAI.agents.get({ agentId: "a", locationId: i % 2 ? "A" : "B" }),
      ),
    );
    expect(provider.invalidated.map(([ctx]) => ctx.locationId).sort()).toEqual(["A", "B"]);
  });

  it("an invalidate that failed once is asked again on the next 401 (a failure is not remembered)", async () => {
    const provider = new RotatingProvider();
    let failures = 1;
    const invalidate = provider.invalidate.bind(provider);
    provider.invalidate = async (ctx, token) => {
      if (failures-- > 0) throw new Error(`refresh failed for ${token}`);
      return invalidate(ctx, token);
    };
    const server = await authServer(new Set([`${SECRET}-${LOC}-v2`]));
    const voiceAI = clientFor(server.baseUrl, { token: provider, maxConcurrency: 1 });
    const first = await rejectionOf(voiceAI.agents.get({ agentId: "a1" }));
    expect(first).toBeInstanceOf(VoiceAIError);
    expectNoSecret(first);
    await expect(voiceAI.agents.get({ agentId: "a1" }, { timeoutMs: 2000 })).resolves.toEqual(AGENT);
    expect(provider.invalidated).toHaveLength(1); // the wrapped one ran on the second call only
  });

  it("an invalidate that never settles is ended by timeoutMs", async () => {
    const server = await authServer(new Set());
    const voiceAI = clientFor(server.baseUrl, {
      token: { getToken: () => "t", invalidate: () => new Promise<void>(() => {}) },
      timeoutMs: 150,
      maxRetries: 0,
    });
    const started = performance.now();
    expect(await rejectionOf(voiceAI.agents.get({ agentId: "a1" }))).toBeInstanceOf(APITimeoutError);
    expect(performance.now() - started).toBeLessThan(SETTLES_WITHIN_MS);
  });

  it("a refresh is not a retry: it happens with maxRetries 0", async () => {
    const provider = new RotatingProvider();
    const server = await authServer(new Set([`${SECRET}-${LOC}-v2`]));
    const voiceAI = clientFor(server.baseUrl, { token: provider, maxRetries: 0 });
    await expect(voiceAI.agents.delete({ agentId: "a1" })).resolves.toBeUndefined();
    expect(server.requests).toHaveLength(2);
  });
});
