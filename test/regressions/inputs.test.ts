/**
 * Issue 10 §2.4 and §2.9 — bad input is a typed error naming what was wrong, before anything is
 * sent: never a network failure, never a TypeError. Only own properties are read (a polluted
 * Object.prototype changes nothing), query values are checked against the spec's type, enum and
 * bounds, unknown options are refused, and a BigInt anywhere is an InvalidRequestError.
 */
import { describe, expect, it } from "vitest";
import {
  APIConnectionError,
  ConfigurationError,
  InvalidRequestError,
  VoiceAIError,
  createVoiceAIClient,
  type CallOptions,
  type VoiceAIClientOptions,
} from "../../src/index.js";
import { rejectionOf } from "../rejection.js";
import { AGENT, LOC, SECRET, clientFor, json, startServer, withPollutedPrototype } from "./helpers.js";

type AnyParams = Parameters<ReturnType<typeof clientFor>["agents"]["get"]>[0];
const loose = (value: unknown) => value as AnyParams;

/** Runs `call` against a fresh server; it must fail with InvalidRequestError matching `message`, nothing sent. */
async function refusedCall(
  call: (voiceAI: ReturnType<typeof clientFor>) => Promise<unknown>,
  message: RegExp,
  Err: typeof VoiceAIError = InvalidRequestError,
) {
  const server = await startServer((_q, res) => json(res, 200, AGENT));
  const error = await rejectionOf(Promise.resolve().then(() => call(clientFor(server.baseUrl))));
  expect(error).toBeInstanceOf(Err);
  expect((error as Error).message).toMatch(message);
  expect(server.requests).toHaveLength(0);
}

describe("a polluted Object.prototype", () => {
  it("changes neither the path, the query, the body nor the location of a call", async () => {
    const server = await startServer((_q, res) => json(res, 200, AGENT));
    const voiceAI = clientFor(server.baseUrl);
    await withPollutedPrototype(
      // Not `body`, `signal`, `method` or `query`: Node's own fetch reads those from Object.prototype.
      { agentId: "evil", locationId: "evilLoc", page: 7, pageSize: 3, header: { "x-evil": "1" } },
      async () => {
        await voiceAI.agents.get({ agentId: "a1" });
        await voiceAI.agents.list();
        await voiceAI.agents.create({ body: { agentName: "x" } });
      },
    );
    expect(server.requests.map((r) => [r.method, r.url, r.body])).toEqual([
      ["GET", `/voice-ai/agents/a1?locationId=${LOC}`, ""],
      ["GET", `/voice-ai/agents?locationId=${LOC}`, ""],
      ["POST", "/voice-ai/agents", JSON.stringify({ agentName: "x", locationId: LOC })],
    ]);
    expect(server.requests.map((r) => r.headers["x-evil"])).toEqual([undefined, undefined, undefined]);
  });

  it("does not slip options into a client or a call (fetch, baseUrl, headers, signal, timeoutMs)", async () => {
    const server = await startServer((_q, res) => json(res, 200, AGENT));
    const stolen: string[] = [];
    await withPollutedPrototype(
      {
        fetch: (request: Request) => (
          stolen.push(request.headers.get("authorization") ?? ""),
          Promise.reject()
        ),
        headers: { "x-evil": "1" },
        onResponse: () => stolen.push("onResponse"),
        timeoutMs: -1,
        maxRetries: "many",
      },
      async () => {
        const voiceAI = createVoiceAIClient({ token: SECRET, baseUrl: server.baseUrl, locationId: LOC });
        await voiceAI.agents.get({ agentId: "a1" }, {});
      },
    );
    expect(stolen).toEqual([]);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]!.headers["x-evil"]).toBeUndefined();
  });

  it("listAll starts at page 1 and sends only its own parameters", async () => {
    const server = await startServer((_q, res) =>
      json(res, 200, { total: 1, page: 1, pageSize: 50, agents: [AGENT] }),
    );
    const voiceAI = clientFor(server.baseUrl);
    const items = await withPollutedPrototype({ page: 9, pageSize: 2, agentId: "evil" }, async () => {
      const out: unknown[] = [];
      for await (const item of voiceAI.agents.listAll()) out.push(item);
      return out;
    });
    expect(items).toEqual([AGENT]);
    expect(server.requests.map((r) => r.url)).toEqual([
      `/voice-ai/agents?page=1&pageSize=50&locationId=${LOC}`,
    ]);
  });

  it("an own __proto__ key (from JSON.parse) is an unknown parameter", () =>
    refusedCall(
      (v) => v.agents.get(loose(JSON.parse('{"agentId":"a1","__proto__":{"agentId":"evil"}}'))),
      /unknown parameter "__proto__"/,
    ));

  it.each(["constructor", "toString", "hasOwnProperty"])("an own %s key is an unknown parameter", (key) =>
    refusedCall(
      (v) => v.agents.get(loose({ agentId: "a1", [key]: 1 })),
      new RegExp(`unknown parameter "${key}"`),
    ),
  );
});

describe("query values", () => {
  it.each([
    ["an object", { query: {} }, /query/],
    ["NaN", { pageSize: NaN }, /pageSize/],
    ["Infinity", { page: Infinity }, /page/],
    ["a BigInt", { pageSize: 10n }, /pageSize.*BigInt/],
    ["an array where one value is expected", { query: ["a", "b"] }, /query/],
    ["null", { query: null }, /query/],
    ["a function", { query: () => 1 }, /query/],
    ["a symbol", { query: Symbol("x") }, /query/],
  ])("agents.list with %s is refused, naming the parameter", (_name, params, message) =>
    refusedCall((v) => v.agents.list(params as never), message),
  );

  it.each([
    ["a nested list", { contactId: [["a"]] }, /contactId/],
    ["an empty list", { contactId: [] }, /contactId/],
  ])("callLogs.list with %s is refused, naming the parameter", (_name, params, message) =>
    refusedCall((v) => v.callLogs.list(params as never), message),
  );
});

// Known gap: these wait for the generated table to carry each query parameter's type, enum and
// bounds (issue 10 §2.9); they fail until it does.
describe("query values against the spec's schema", () => {
  it.each([
    ["pageSize above the spec's 50", { pageSize: 1000 }, /pageSize/],
    ["pageSize 0 (spec minimum 1)", { pageSize: 0 }, /pageSize/],
    ["page above the spec's 5000", { page: 5001 }, /page/],
    ["a negative page", { page: -1 }, /page/],
    ["a numeric string for a number", { pageSize: "10" }, /pageSize/],
  ])("agents.list with %s is refused, naming the parameter", (_name, params, message) =>
    refusedCall((v) => v.agents.list(params as never), message),
  );

  it.each([
    ["callType outside its enum", { callType: "live" }, /callType/],
    ["sortBy outside its enum", { sortBy: "name" }, /sortBy/],
    ["an actionType outside its enum", { actionType: ["SMS", "FAX"] }, /actionType/],
    ["startDate not a number", { startDate: "yesterday" }, /startDate/],
  ])("callLogs.list with %s is refused, naming the parameter", (_name, params, message) =>
    refusedCall((v) => v.callLogs.list(params as never), message),
  );
});

describe("path ids", () => {
  it.each([
    ["..", ".."],
    [".", "."],
    ["empty", ""],
    ["blank", "   "],
    ["null", null],
    ["an object", {}],
    ["a BigInt", 5n],
    ["a fractional number", 1.5],
    ["NaN", NaN],
  ])("agentId %s is refused before sending", (_name, agentId) =>
    refusedCall((v) => v.agents.get(loose({ agentId })), /agentId/),
  );

  it("an id with a slash, CR/LF or '..' inside is sent encoded, staying in its segment", async () => {
    const server = await startServer((_q, res) => json(res, 200, AGENT));
    const voiceAI = clientFor(server.baseUrl);
    await voiceAI.agents.get({ agentId: "../admin" });
    await voiceAI.agents.get({ agentId: "a\r\nb" });
    expect(server.requests.map((r) => r.url.split("?")[0])).toEqual([
      "/voice-ai/agents/..%2Fadmin",
      "/voice-ai/agents/a%0D%0Ab",
    ]);
  });
});

describe("bodies", () => {
  it.each([
    ["a BigInt", { agentName: 1n }, /body\.agentName.*BigInt/],
    ["a nested BigInt", { agentName: "x", deep: [{ n: 2n }] }, /body\.deep\[0\]\.n.*BigInt/],
    ["NaN", { agentName: "x", maxCallDuration: NaN }, /maxCallDuration/],
    ["a Date", { agentName: "x", when: new Date() }, /when.*Date/],
    ["a Map", { agentName: "x", m: new Map() }, /body\.m/],
    ["a function", { agentName: () => "x" }, /agentName/],
  ])("with %s is an InvalidRequestError, never a TypeError", (_name, body, message) =>
    refusedCall((v) => v.agents.create({ body } as never), message),
  );

  it("a cycle is refused", () => {
    const body: Record<string, unknown> = { agentName: "x" };
    body.self = body;
    return refusedCall((v) => v.agents.create({ body } as never), /cycle/);
  });

  it.each([
    ["an array", []],
    ["a string", "x"],
    ["a number", 1],
  ])("a body that is %s is refused", (_name, body) =>
    refusedCall((v) => v.agents.create({ body } as never), /body must be an object/),
  );
});

describe("options", () => {
  const base = { token: SECRET } satisfies VoiceAIClientOptions;
  it.each([
    ["retries", { retries: 3 }, /unknown option "retries"/],
    ["timeout", { timeout: 10 }, /unknown option "timeout"/],
    ["rateLimit.maxPerSecond", { rateLimit: { maxPerSecond: 1 } }, /rateLimit\.maxPerSecond/],
    ["timeoutMs negative", { timeoutMs: -1 }, /timeoutMs/],
    ["timeoutMs fractional", { timeoutMs: 0.5 }, /timeoutMs/],
    ["timeoutMs BigInt", { timeoutMs: 1000n }, /timeoutMs.*BigInt/],
    ["maxRetries Infinity", { maxRetries: Infinity }, /maxRetries/],
    ["maxConcurrency 0", { maxConcurrency: 0 }, /maxConcurrency/],
    ["a header with CR/LF", { headers: { "x-a": "1\r\nx-b: 2" } }, /headers\.x-a/],
    ["a header name with a space", { headers: { "x a": "1" } }, /not a header name/],
    ["an Authorization header", { headers: { Authorization: "Bearer x" } }, /Authorization/],
    ["a header value BigInt", { headers: { "x-a": 1n } }, /headers\.x-a/],
    ["locationId BigInt", { locationId: 1n }, /locationId/],
    ["locationId blank", { locationId: " " }, /locationId/],
    ["version unknown", { version: "2021-04-15\r\n" }, /version/],
    ["baseUrl with credentials", { baseUrl: "https://u:p@example.com" }, /credentials/],
    ["baseUrl plain http to a remote host", { baseUrl: "http://example.com" }, /https/],
    ["fetch not a function", { fetch: "fetch" }, /fetch/],
  ])("client option %s is a ConfigurationError", (_name, extra, message) => {
    const create = () => createVoiceAIClient({ ...base, ...extra } as VoiceAIClientOptions);
    expect(create).toThrow(ConfigurationError);
    expect(create).toThrow(message);
  });

  it.each([
    ["an unknown key", { retries: 1 }, /unknown call option "retries"/],
    ["a signal that is not an AbortSignal", { signal: {} }, /signal/],
    ["a header with LF", { headers: { "x-a": "a\nb" } }, /headers\.x-a/],
    ["maxRetries BigInt", { maxRetries: 1n }, /maxRetries/],
    ["timeoutMs 0", { timeoutMs: 0 }, /timeoutMs/],
    ["a version the spec does not have", { version: "2099-01-01" }, /version/],
  ])(
    "call option %s is an InvalidRequestError, not a connection failure",
    async (_name, options, message) => {
      await refusedCall((v) => v.agents.get({ agentId: "a1" }, options as CallOptions), message);
    },
  );

  it.each([
    ["a string", "fast"],
    ["a number", 5],
    ["an array", []],
  ])("call options that are %s are refused", (_name, options) =>
    refusedCall(
      (v) => v.agents.get({ agentId: "a1" }, options as never),
      /call options must be an object|unknown/,
    ),
  );

  it.each([
    ["a string", "a1"],
    ["an array", ["a1"]],
    ["null", null],
  ])("parameters that are %s are refused", (_name, params) =>
    refusedCall((v) => v.agents.get(params as never), /parameters must be an object/),
  );

  it("a custom fetch that returns no Response is a ConfigurationError, not a connection failure", async () => {
    const voiceAI = clientFor("http://127.0.0.1:9", {
      fetch: async () => ({ ok: true }) as never,
      maxRetries: 2,
    });
    const error = await rejectionOf(voiceAI.agents.get({ agentId: "a1" }));
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error).not.toBeInstanceOf(APIConnectionError);
  });
});
