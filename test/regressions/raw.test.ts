/**
 * Issue 10 §1, `raw` — by-path calls get the same checks as the methods: path ids that are
 * missing, empty, `.` or `..` are an InvalidRequestError with nothing sent, a method and path the
 * spec does not have is refused, openapi-fetch's `use`/`eject` are not there, and an error status
 * throws the same typed errors.
 */
import { describe, expect, expectTypeOf, it } from "vitest";
import {
  APITimeoutError,
  InvalidRequestError,
  NotFoundError,
  type RawClient,
  type TokenContext,
} from "../../src/index.js";
import { rejectionOf } from "../rejection.js";
import { AGENT, LOC, clientFor, json, startServer, SETTLES_WITHIN_MS } from "./helpers.js";

const AGENT_PATH = "/voice-ai/agents/{agentId}";
type RawGet = (path: string, init?: unknown) => Promise<{ data: unknown; response: Response }>;

/** The raw client as a JavaScript caller sees it: any path, any init. */
function looseRaw(raw: RawClient) {
  return raw as unknown as Record<"GET" | "POST" | "PUT" | "PATCH" | "DELETE", RawGet> & {
    request: (method: string, path: string, init?: unknown) => Promise<unknown>;
  };
}

async function refused(call: (raw: ReturnType<typeof looseRaw>) => Promise<unknown>, message: RegExp) {
  const server = await startServer((_q, res) => json(res, 200, AGENT));
  const raw = looseRaw(clientFor(server.baseUrl).raw);
  const error = await rejectionOf(Promise.resolve().then(() => call(raw)));
  expect(error).toBeInstanceOf(InvalidRequestError);
  expect((error as Error).message).toMatch(message);
  expect(server.requests).toHaveLength(0);
}

describe("raw path ids", () => {
  it.each<[string, unknown]>([
    ["no init", undefined],
    ["no params", {}],
    ["no path", { params: { query: { locationId: LOC } } }],
    ["no agentId", { params: { path: {}, query: { locationId: LOC } } }],
    ...(
      [
        ["empty", ""],
        ["blank", "  "],
        [".", "."],
        ["..", ".."],
        ["null", null],
        ["an object", {}],
        ["an array", ["a"]],
        ["a BigInt", 1n],
        ["a fractional number", 0.5],
      ] as [string, unknown][]
    ).map(([name, agentId]): [string, unknown] => [
      name,
      { params: { path: { agentId }, query: { locationId: LOC } } },
    ]),
  ])("%s: InvalidRequestError naming agentId, nothing sent", (_name, init) =>
    refused((raw) => raw.GET(AGENT_PATH, init), /agentId/),
  );

  it("a bad argument rejects the returned promise; nothing is thrown synchronously", async () => {
    const raw = looseRaw(clientFor("http://127.0.0.1:9").raw);
    let promise: Promise<unknown> | undefined;
    expect(() => (promise = raw.GET("/nope"))).not.toThrow();
    expect(await rejectionOf(promise!)).toBeInstanceOf(InvalidRequestError);
  });

  it("an inherited agentId is not an argument", async () => {
    const server = await startServer((_q, res) => json(res, 200, AGENT));
    const raw = looseRaw(clientFor(server.baseUrl).raw);
    const path = Object.create({ agentId: "inherited" }) as object;
    const error = await rejectionOf(raw.GET(AGENT_PATH, { params: { path, query: { locationId: LOC } } }));
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(server.requests).toHaveLength(0);
  });

  it("a good id is sent encoded, in its own segment", async () => {
    const server = await startServer((_q, res) => json(res, 200, AGENT));
    const raw = clientFor(server.baseUrl).raw;
    const { data } = await raw.GET(AGENT_PATH, {
      params: { path: { agentId: "a/../b" }, query: { locationId: LOC } },
    });
    expect(data).toEqual(AGENT);
    expect(server.requests[0]!.url).toBe(`/voice-ai/agents/a%2F..%2Fb?locationId=${LOC}`);
  });
});

describe("raw refuses what the spec does not have", () => {
  it.each([
    ["GET", "/voice-ai/agents/../../admin"],
    ["GET", "/admin"],
    ["GET", "/voice-ai/agents/a1"],
    ["GET", "/voice-ai/agents/{agentId}/secret"],
    ["GET", "/voice-ai/actions"],
    ["PATCH", "/voice-ai/actions/{actionId}"],
    ["GET", ""],
    ["GET", "/voice-ai/agents/{agentId}\r\nX-Evil: 1"],
  ])("%s %j", (method, path) =>
    refused((raw) => raw.request(method, path, { params: { path: { agentId: "a" } } }), /not an operation/),
  );

  it.each([
    ["TRACE", AGENT_PATH],
    ["CONNECT", AGENT_PATH],
  ])("method %s", (method, path) => refused((raw) => raw.request(method, path), /not an operation/));

  it.each([
    ["a number", 42],
    ["null", null],
    ["an object", { toString: () => AGENT_PATH }],
  ])("a path that is %s is an InvalidRequestError, not a TypeError", (_name, path) =>
    refused((raw) => raw.GET(path as never), /not an operation/),
  );

  it.each([
    ["an unknown key", { params: { path: { agentId: "a" } }, retries: 3 }, /unknown raw option "retries"/],
    ["a string", "fast", /init must be an object/],
    ["null", null, /init must be an object/],
  ])("init that is %s is refused", (_name, init, message) =>
    refused((raw) => raw.GET(AGENT_PATH, init), message),
  );

  it.each([
    [
      "an unknown params key",
      { params: { path: { agentId: "a" }, cookie: { c: "1" } } },
      /params key "cookie"/,
    ],
    [
      "params.query that is a string",
      { params: { path: { agentId: "a" }, query: "locationId=L" } },
      /params\.query must be an object/,
    ],
    [
      "a header with CR/LF",
      {
        params: {
          path: { agentId: "a" },
          query: { locationId: LOC },
          header: { Version: "v3\r\nX-Evil: 1" },
        },
      },
      /params\.header\.Version/,
    ],
    [
      "a lone surrogate in a path id",
      { params: { path: { agentId: "a\uD800" }, query: { locationId: LOC } } },
      /URL could not be built/,
    ],
  ])("%s is refused, nothing sent", (_name, init, message) =>
    refused((raw) => raw.GET(AGENT_PATH, init), message),
  );

  it("a header parameter of the spec (Version) is sent as a header", async () => {
    const server = await startServer((_q, res) => json(res, 200, AGENT));
    const raw = clientFor(server.baseUrl).raw;
    const { response } = await raw.GET(AGENT_PATH, {
      params: { path: { agentId: "a" }, query: { locationId: LOC }, header: { Version: "v3" } },
    });
    expect(server.requests[0]!.headers["version"]).toBe("v3");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/json/);
  });

  it("a BigInt in a raw body is an InvalidRequestError, nothing sent", () =>
    refused(
      (raw) => raw.POST("/voice-ai/agents", { body: { locationId: LOC, agentName: "x", n: 1n } }),
      /BigInt/,
    ));
});

describe("raw otherwise behaves like the methods", () => {
  it("does not expose openapi-fetch's use/eject", () => {
    const raw = clientFor("http://127.0.0.1:9").raw as object;
    expect("use" in raw).toBe(false);
    expect("eject" in raw).toBe(false);
    expectTypeOf<RawClient>().not.toHaveProperty("use");
    expectTypeOf<RawClient>().not.toHaveProperty("eject");
  });

  it("an error status throws the typed error; a lowercase method works", async () => {
    const server = await startServer((_q, res) => json(res, 404, { message: "no such agent" }));
    const raw = looseRaw(clientFor(server.baseUrl).raw);
    const init = { params: { path: { agentId: "a1" }, query: { locationId: LOC } } };
    const error = await rejectionOf(raw.request("get", AGENT_PATH, init));
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).operationId).toBe("getAgent");
    expect(server.requests).toHaveLength(1);
  });

  it("the token provider is told the location and operation of a raw call", async () => {
    const server = await startServer((_q, res) => json(res, 200, AGENT));
    const seen: TokenContext[] = [];
    const raw = clientFor(server.baseUrl, { token: (ctx) => (seen.push(ctx), "t") }).raw;
    await raw.GET(AGENT_PATH, { params: { path: { agentId: "a1" }, query: { locationId: "LOC_OTHER" } } });
    expect(seen).toEqual([expect.objectContaining({ locationId: "LOC_OTHER", operationId: "getAgent" })]);
  });

  it("call options (timeoutMs) apply to raw calls", async () => {
    const server = await startServer(() => {}); // never answers
    const raw = clientFor(server.baseUrl).raw;
    const started = performance.now();
    const error = await rejectionOf(
      raw.GET(AGENT_PATH, {
        params: { path: { agentId: "a1" }, query: { locationId: LOC } },
        timeoutMs: 100,
        maxRetries: 0,
      }),
    );
    expect(error).toBeInstanceOf(APITimeoutError);
    expect(performance.now() - started).toBeLessThan(SETTLES_WITHIN_MS);
  });
});

describe("raw query values and bodies get the methods' checks", () => {
  const LIST = "/voice-ai/agents";
  const LOGS = "/voice-ai/dashboard/call-logs";
  it.each<[string, string, unknown, RegExp]>([
    [
      "an object as a query value",
      LIST,
      { locationId: { a: 1 } },
      /locationId must be a string, got an object/,
    ],
    [
      "a page size over the spec's maximum",
      LIST,
      { locationId: LOC, pageSize: 1000 },
      /pageSize must be <= 50/,
    ],
    [
      "a query key the operation does not have",
      LIST,
      { locationId: LOC, bogus: 1 },
      /unknown parameter "bogus"/,
    ],
    ["a BigInt query value", LIST, { locationId: LOC, page: 10n }, /page must be an integer, got 10n/],
    ["NaN", LOGS, { locationId: LOC, startDate: NaN }, /startDate must be a number, got NaN/],
    [
      "a value outside the enum",
      LOGS,
      { locationId: LOC, callType: "live" },
      /callType must be one of LIVE, TRIAL/,
    ],
    [
      "an enum list with a bad item",
      LOGS,
      { locationId: LOC, actionType: ["SMS", "FAX"] },
      /actionType\[1\]/,
    ],
  ])("%s: InvalidRequestError, nothing sent", (_name, path, query, message) =>
    refused((raw) => raw.GET(path, { params: { query } }), message),
  );

  it("a body for a GET, a body without its required fields: refused, nothing sent", async () => {
    await refused(
      (raw) => raw.GET(LIST, { params: { query: { locationId: LOC } }, body: { a: 1 } }),
      /takes no body/,
    );
    await refused(
      (raw) => raw.POST("/voice-ai/actions", { body: { locationId: LOC } }),
      /body\.actionParameters is required/,
    );
  });

  it("serializes lists in the spec's style and fills the client's location, as the methods do", async () => {
    const server = await startServer((_q, res) =>
      json(res, 200, { callLogs: [], total: 0, page: 1, pageSize: 10 }),
    );
    const raw = looseRaw(clientFor(server.baseUrl, { locationId: LOC }).raw);
    await raw.GET(LOGS, { params: { query: { contactId: ["c1", "c2"], actionType: ["SMS"] } } });
    const url = new URL(server.requests[0]!.url!, server.baseUrl);
    expect(url.search).toBe(`?locationId=${LOC}&contactId=c1,c2&actionType=SMS`);
  });
});
