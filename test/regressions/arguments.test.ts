/**
 * The second audit of issue 10, on arguments: what Object.prototype holds reaches neither `raw`'s
 * path ids nor the rate limiter; a value that cannot go into a URL is an InvalidRequestError; a
 * blank or null location is refused, never sent; `raw` rejects (never throws) on any argument; and
 * listAll ends with each item once even when a server serves the same items over and over.
 */
import { describe, expect, it } from "vitest";
import { InvalidRequestError, InvalidResponseError, type RawClient } from "../../src/index.js";
import { rejectionOf } from "../rejection.js";
import { AGENT, LOC, clientFor, json, startServer, withPollutedPrototype } from "./helpers.js";

type Loose = (...args: unknown[]) => Promise<unknown>;
const loose = (raw: RawClient) => raw as unknown as Record<"GET" | "request", Loose>;

describe("a polluted Object.prototype", () => {
  it("gives raw no path id", async () => {
    const server = await startServer((_q, res) => json(res, 200, AGENT));
    const raw = loose(clientFor(server.baseUrl).raw);
    const error = await withPollutedPrototype({ agentId: "INHERITED" }, () =>
      rejectionOf(raw.GET("/voice-ai/agents/{agentId}")),
    );
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(server.requests).toHaveLength(0);
  });

  it("gives the rate limiter no limits or clock", async () => {
    const server = await startServer((_q, res) => json(res, 200, AGENT));
    const voiceAI = await withPollutedPrototype({ maxPerInterval: 1, now: () => NaN }, async () =>
      clientFor(server.baseUrl, { rateLimit: {}, timeoutMs: 500, maxRetries: 0 }),
    );
    for (let i = 0; i < 3; i++) expect(await voiceAI.agents.get({ agentId: "a" })).toEqual(AGENT);
  });
});

describe("values that cannot be sent as they are", () => {
  it("a lone surrogate in a query value is an InvalidRequestError, nothing sent", async () => {
    const server = await startServer((_q, res) => json(res, 200, AGENT));
    const error = await rejectionOf(clientFor(server.baseUrl).agents.list({ query: "\ud800" }));
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect((error as Error).message).toMatch(/listAgents: the URL could not be built/);
    expect(server.requests).toHaveLength(0);
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    [
      "an empty body.locationId",
      { body: { agentName: "x", locationId: "" } },
      /body\.locationId must be a non-empty string/,
    ],
    [
      "a blank body.locationId",
      { body: { agentName: "x", locationId: " " } },
      /body\.locationId must be a non-empty string/,
    ],
    [
      "a null body.locationId",
      { body: { agentName: "x", locationId: null } },
      /body\.locationId is required/,
    ],
  ])("%s (no default location): refused, nothing sent", async (_name, params, message) => {
    const server = await startServer((_q, res) => json(res, 200, AGENT));
    const voiceAI = clientFor(server.baseUrl, { locationId: undefined });
    const error = await rejectionOf(voiceAI.agents.create(params as never));
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect((error as Error).message).toMatch(message);
    expect(server.requests).toHaveLength(0);
  });

  it("a null body.locationId takes the client's default; a blank query locationId is refused", async () => {
    const server = await startServer((_q, res) => json(res, 200, AGENT));
    const voiceAI = clientFor(server.baseUrl);
    await voiceAI.agents.create({ body: { agentName: "x", locationId: null as unknown as string } });
    expect(JSON.parse(server.requests[0]!.body)).toMatchObject({ locationId: LOC });
    const error = await rejectionOf(voiceAI.agents.get({ agentId: "a", locationId: "  " }));
    expect((error as Error).message).toMatch(/locationId must not be empty/);
    expect(server.requests).toHaveLength(1);
  });
});

describe("raw's first arguments", () => {
  it.each<[string, (raw: Record<"GET" | "request", Loose>) => Promise<unknown>]>([
    ["a method that is an object", (raw) => raw.request(Object.create(null), "/voice-ai/agents")],
    ["a path that is an object", (raw) => raw.GET(Object.create(null))],
    ["an init that is an array", (raw) => raw.GET("/voice-ai/agents", [])],
  ])("%s: a rejected InvalidRequestError, never a thrown TypeError", async (_name, call) => {
    const server = await startServer((_q, res) => json(res, 200, AGENT));
    const raw = loose(clientFor(server.baseUrl).raw);
    let result: Promise<unknown> | undefined;
    expect(() => (result = call(raw))).not.toThrow();
    expect(await rejectionOf(result!)).toBeInstanceOf(InvalidRequestError);
    expect(server.requests).toHaveLength(0);
  });
});

describe("listAll against a server that serves the same items again", () => {
  it("the same 50 items rotated on every page: each yielded once, and the loop ends", async () => {
    const server = await startServer((_q, res, n) => {
      const agents = Array.from({ length: 50 }, (_, i) => ({ id: `a${(i + n) % 50}` }));
      json(res, 200, { agents, total: 150, page: 1, pageSize: 50 });
    });
    const ids: string[] = [];
    for await (const agent of clientFor(server.baseUrl).agents.listAll()) ids.push(agent.id!);
    expect(ids).toHaveLength(50);
    expect(new Set(ids).size).toBe(50);
  });

  it("two pages in turn and no total: an InvalidResponseError instead of a loop without end", async () => {
    const server = await startServer((_q, res, n) => {
      const agents = Array.from({ length: 50 }, (_, i) => ({ id: `p${n % 2}-${i}` }));
      json(res, 200, { agents, page: n, pageSize: 50 });
    });
    const pages = clientFor(server.baseUrl).agents.listPages();
    const error = await rejectionOf(
      (async () => {
        for await (const _page of pages) if (server.requests.length > 10) return;
      })(),
    );
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(server.requests).toHaveLength(3);
  });
});
