/**
 * Client options and per-call options: the token provider, the Version header, the default
 * location, a custom fetch, extra headers, the onResponse hook and rateLimit(). Every bad input
 * is refused before anything is sent. Path ids are percent-encoded, and the Authorization
 * header never leaves the API's origin on a redirect.
 */
import nock from "nock";
import { describe, expect, it, vi } from "vitest";
import {
  ConfigurationError,
  InvalidRequestError,
  VoiceAIError,
  createVoiceAIClient,
  type ResponseEvent,
  type VoiceAIClientOptions,
} from "../src/index.js";
import { ACTION_ID, AGENT_ID, BASE, LOC, RATE_LIMIT, RATE_LIMIT_HEADERS, useNock } from "./nock-api.js";
import { rejectionOf } from "./rejection.js";

const DEFAULT_LOC = "LOC_DEFAULT_000000";
const OTHER_LOC = "LOC_OTHER_11111111";

const agent = { id: AGENT_ID, locationId: LOC, agentName: "Support" };
const smsAction = {
  agentId: AGENT_ID,
  actionType: "SMS",
  name: "Send SMS Confirmation",
  actionParameters: {
    triggerPrompt: "When caller asks for booking confirmation",
    triggerMessage: "I'll send you a confirmation text",
    messageBody: "Your appointment is confirmed for tomorrow at 2 PM",
  },
} as const;

function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json", ...headers },
  });
}

interface Sent {
  method: string;
  url: URL;
  headers: Headers;
  body: string;
}

/** A fetch that records every request and answers 204 to DELETE, `reply` (default 200 JSON) otherwise. */
function spyFetch(reply: (request: Request) => Response = () => jsonResponse(agent)) {
  const sent: Sent[] = [];
  const fetch = vi.fn(async (request: Request) => {
    sent.push({
      method: request.method,
      url: new URL(request.url),
      // Not `new Headers(request.headers)`: nock 14 replaces the global Headers with a proxy
      // that copies from its own record of "raw" headers, which repeats or drops entries.
      headers: request.headers,
      body: await request.text(),
    });
    return request.method === "DELETE" ? new Response(null, { status: 204 }) : reply(request);
  });
  return { fetch, sent };
}

function base<O extends Partial<VoiceAIClientOptions>>(options?: O) {
  return { token: "tok_config_test", maxRetries: 0, rateLimit: false as const, ...(options as O) };
}

/** Creating a client with these options throws ConfigurationError, and nothing is sent. */
function expectConfigurationError(options: unknown, message?: RegExp) {
  const { fetch } = spyFetch();
  let error: unknown;
  try {
    createVoiceAIClient({ fetch, ...(options as object) } as never);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(ConfigurationError);
  expect(error).toBeInstanceOf(VoiceAIError);
  if (message) expect((error as Error).message).toMatch(message);
  expect(fetch).not.toHaveBeenCalled();
}

useNock();

describe("token", () => {
  it("calls the token provider once per request and sends what it returns", async () => {
    let calls = 0;
    const token = vi.fn(() => `tok_rotating_${++calls}`);
    const seen: unknown[] = [];
    const scope = nock(BASE)
      .get(`/voice-ai/agents/${AGENT_ID}`)
      .query({ locationId: LOC })
      .times(3)
      .reply(function () {
        seen.push(this.req.headers.authorization);
        return [200, agent];
      });
    const voiceAI = createVoiceAIClient(base({ token }));
    expect(token).not.toHaveBeenCalled();
    for (let i = 0; i < 3; i++) await voiceAI.agents.get({ agentId: AGENT_ID, locationId: LOC });
    scope.done();
    expect(token).toHaveBeenCalledTimes(3);
    expect(seen).toEqual(["Bearer tok_rotating_1", "Bearer tok_rotating_2", "Bearer tok_rotating_3"]);
  });

  it("awaits an async token provider", async () => {
    const { fetch, sent } = spyFetch();
    const voiceAI = createVoiceAIClient(base({ fetch, token: async () => "tok_async" }));
    await voiceAI.agents.get({ agentId: AGENT_ID, locationId: LOC });
    expect(sent[0]!.headers.get("authorization")).toBe("Bearer tok_async");
  });

  it.each([
    ["missing", {}],
    ["undefined", { token: undefined }],
    ["empty", { token: "" }],
    ["blank", { token: "   " }],
    ["a number", { token: 42 }],
    ["null", { token: null }],
  ])("refuses a %s token at creation", (_, options) => {
    const { token: _token, ...rest } = base();
    expectConfigurationError({ ...rest, ...options }, /token/);
  });

  it("refuses an empty token from the provider without sending anything", async () => {
    const { fetch } = spyFetch();
    const voiceAI = createVoiceAIClient(base({ fetch, token: () => "" }));
    const error = await rejectionOf(voiceAI.agents.get({ agentId: AGENT_ID, locationId: LOC }));
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toMatch(/token/);
    expect(fetch).not.toHaveBeenCalled();
  });

  it("refuses a non-string token from the provider without sending anything", async () => {
    const { fetch } = spyFetch();
    const voiceAI = createVoiceAIClient(base({ fetch, token: (async () => undefined) as never }));
    const error = await rejectionOf(voiceAI.agents.get({ agentId: AGENT_ID, locationId: LOC }));
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(fetch).not.toHaveBeenCalled();
  });

  it("turns a throwing token provider into ConfigurationError with the cause, without sending anything", async () => {
    const { fetch } = spyFetch();
    const cause = new Error("refresh failed");
    const voiceAI = createVoiceAIClient(
      base({
        fetch,
        token: () => {
          throw cause;
        },
      }),
    );
    const error = await rejectionOf(voiceAI.agents.get({ agentId: AGENT_ID, locationId: LOC }));
    expect(error).toBeInstanceOf(ConfigurationError);
    // A scrubbed copy: same class and message, nothing else carried over.
    expect((error as Error).cause).toBeInstanceOf(Error);
    expect(((error as Error).cause as Error).message).toBe("refresh failed");
    expect(fetch).not.toHaveBeenCalled();
  });
});

describe("Version header", () => {
  it("sends 2021-04-15 by default and a per-call override for that call only", async () => {
    const { fetch, sent } = spyFetch();
    const voiceAI = createVoiceAIClient(base({ fetch }));
    await voiceAI.agents.get({ agentId: AGENT_ID, locationId: LOC });
    await voiceAI.agents.get({ agentId: AGENT_ID, locationId: LOC }, { version: "v3" });
    await voiceAI.raw.GET("/voice-ai/agents/{agentId}", {
      params: { path: { agentId: AGENT_ID }, query: { locationId: LOC } },
      version: "v3",
    } as never);
    await voiceAI.agents.get({ agentId: AGENT_ID, locationId: LOC });
    expect(sent.map((s) => s.headers.get("version"))).toEqual(["2021-04-15", "v3", "v3", "2021-04-15"]);
  });

  it("sends the client-level version, which a call can override", async () => {
    const { fetch, sent } = spyFetch();
    const voiceAI = createVoiceAIClient(base({ fetch, version: "v3" }));
    await voiceAI.agents.get({ agentId: AGENT_ID, locationId: LOC });
    await voiceAI.agents.list({ locationId: LOC }, { version: "2021-04-15" });
    expect(sent.map((s) => s.headers.get("version"))).toEqual(["v3", "2021-04-15"]);
  });

  it("sends exactly one Version header (nock)", async () => {
    const seen: unknown[] = [];
    const scope = nock(BASE)
      .get(`/voice-ai/agents/${AGENT_ID}`)
      .query(true)
      .reply(function () {
        seen.push(this.req.headers.version);
        return [200, agent];
      });
    const voiceAI = createVoiceAIClient(base({ version: "v3" }));
    await voiceAI.agents.get({ agentId: AGENT_ID, locationId: LOC });
    scope.done();
    expect(seen).toEqual(["v3"]);
  });
});

describe("default locationId", () => {
  type Voice = ReturnType<typeof createVoiceAIClient<{ token: string; locationId: string }>>;
  const queryCases: [string, (c: Voice, extra: { locationId?: string }) => Promise<unknown>][] = [
    ["agents.list", (c, extra) => c.agents.list({ ...extra })],
    ["agents.get", (c, extra) => c.agents.get({ agentId: AGENT_ID, ...extra })],
    [
      "agents.patch",
      (c, extra) => c.agents.patch({ agentId: AGENT_ID, body: { agentName: "Renamed" }, ...extra } as never),
    ],
    ["agents.delete", (c, extra) => c.agents.delete({ agentId: AGENT_ID, ...extra })],
    ["actions.get", (c, extra) => c.actions.get({ actionId: ACTION_ID, ...extra })],
    ["actions.delete", (c, extra) => c.actions.delete({ actionId: ACTION_ID, agentId: AGENT_ID, ...extra })],
    ["callLogs.list", (c, extra) => c.callLogs.list({ ...extra })],
    ["callLogs.get", (c, extra) => c.callLogs.get({ callId: "call_1", ...extra })],
  ];

  it.each(queryCases)("%s: fills the default into the query when omitted", async (_, call) => {
    const { fetch, sent } = spyFetch();
    await call(createVoiceAIClient(base({ fetch, locationId: DEFAULT_LOC })) as Voice, {});
    expect(sent).toHaveLength(1);
    expect(sent[0]!.url.searchParams.getAll("locationId")).toEqual([DEFAULT_LOC]);
  });

  it.each(queryCases)("%s: an explicit locationId overrides the default", async (_, call) => {
    const { fetch, sent } = spyFetch();
    await call(createVoiceAIClient(base({ fetch, locationId: DEFAULT_LOC })) as Voice, {
      locationId: OTHER_LOC,
    });
    expect(sent[0]!.url.searchParams.getAll("locationId")).toEqual([OTHER_LOC]);
  });

  const bodyCases: [string, (c: Voice, extra: { locationId?: string }) => Promise<unknown>][] = [
    ["agents.create", (c, extra) => c.agents.create({ body: { agentName: "Support", ...extra } as never })],
    ["actions.create", (c, extra) => c.actions.create({ body: { ...smsAction, ...extra } })],
    [
      "actions.update",
      (c, extra) => c.actions.update({ actionId: ACTION_ID, body: { ...smsAction, ...extra } }),
    ],
  ];

  it.each(bodyCases)("%s: fills the default into the body when omitted", async (_, call) => {
    const { fetch, sent } = spyFetch();
    await call(createVoiceAIClient(base({ fetch, locationId: DEFAULT_LOC })) as Voice, {});
    expect(sent).toHaveLength(1);
    const body = JSON.parse(sent[0]!.body);
    expect(body.locationId).toBe(DEFAULT_LOC);
    expect(sent[0]!.url.search).toBe("");
    expect(sent[0]!.headers.get("content-type")).toBe("application/json");
  });

  it.each(bodyCases)("%s: an explicit body locationId overrides the default", async (_, call) => {
    const { fetch, sent } = spyFetch();
    await call(createVoiceAIClient(base({ fetch, locationId: DEFAULT_LOC })) as Voice, {
      locationId: OTHER_LOC,
    });
    expect(JSON.parse(sent[0]!.body).locationId).toBe(OTHER_LOC);
    expect(sent[0]!.url.search).toBe("");
  });

  it("does not change the caller's body object", async () => {
    const { fetch } = spyFetch();
    const body = { agentName: "Support" };
    // (`as never`: see test/client.types.test.ts for the type of a body without the settings that have defaults.)
    await createVoiceAIClient(base({ fetch, locationId: DEFAULT_LOC })).agents.create({
      body: body as never,
    });
    expect(body).toEqual({ agentName: "Support" });
  });

  it("leaves agents.patch's body alone (its locationId goes in the query)", async () => {
    const { fetch, sent } = spyFetch();
    await createVoiceAIClient(base({ fetch, locationId: DEFAULT_LOC })).agents.patch({
      agentId: AGENT_ID,
      body: { maxCallDuration: 600 } as never,
    });
    expect(JSON.parse(sent[0]!.body)).toEqual({ maxCallDuration: 600 });
    expect(sent[0]!.url.searchParams.get("locationId")).toBe(DEFAULT_LOC);
  });
});

describe("custom fetch", () => {
  it("sends every request through it", async () => {
    const { fetch, sent } = spyFetch(() => jsonResponse({ ...agent, actions: [] }));
    const voiceAI = createVoiceAIClient(base({ fetch, token: "tok_custom" }));
    const result = await voiceAI.agents.get({ agentId: AGENT_ID, locationId: LOC });
    expect(result).toEqual({ ...agent, actions: [] });
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(fetch.mock.calls[0]![0]).toBeInstanceOf(Request);
    const request = sent[0]!;
    expect(request.method).toBe("GET");
    expect(request.url.href).toBe(`${BASE}/voice-ai/agents/${AGENT_ID}?locationId=${LOC}`);
    expect(request.headers.get("authorization")).toBe("Bearer tok_custom");
    expect(request.headers.get("version")).toBe("2021-04-15");
    expect(request.headers.get("accept")).toBe("application/json");
  });

  it("is used by voiceAI.raw too", async () => {
    const { fetch, sent } = spyFetch();
    const voiceAI = createVoiceAIClient(base({ fetch }));
    const { data } = await voiceAI.raw.POST("/voice-ai/agents", { body: { locationId: LOC } as never });
    expect(data).toEqual(agent);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.method).toBe("POST");
    expect(JSON.parse(sent[0]!.body)).toEqual({ locationId: LOC });
  });
});

describe("extra headers", () => {
  it("sends the client's headers and the call's, the call's winning", async () => {
    const { fetch, sent } = spyFetch();
    const voiceAI = createVoiceAIClient(
      base({
        fetch,
        headers: { "X-Client": "client", "X-Trace": "from-client", "User-Agent": "my-app/1.0" },
      }),
    );
    await voiceAI.agents.get(
      { agentId: AGENT_ID, locationId: LOC },
      { headers: { "X-Call": "call", "X-Trace": "from-call" } },
    );
    await voiceAI.agents.get({ agentId: AGENT_ID, locationId: LOC });
    expect(sent[0]!.headers.get("x-client")).toBe("client");
    expect(sent[0]!.headers.get("x-call")).toBe("call");
    expect(sent[0]!.headers.get("x-trace")).toBe("from-call");
    expect(sent[0]!.headers.get("user-agent")).toBe("my-app/1.0");
    // Per-call headers are for that call only.
    expect(sent[1]!.headers.get("x-call")).toBeNull();
    expect(sent[1]!.headers.get("x-trace")).toBe("from-client");
  });

  it("sends them over the network (nock)", async () => {
    let headers: Record<string, unknown> = {};
    const scope = nock(BASE)
      .post("/voice-ai/agents")
      .reply(function () {
        headers = { ...this.req.headers };
        return [201, agent];
      });
    const voiceAI = createVoiceAIClient(base({ headers: { "X-Client": "client" } }));
    await voiceAI.agents.create(
      { body: { locationId: LOC } as never },
      { headers: { "X-Idempotency-Key": "k1" } },
    );
    scope.done();
    expect(headers["x-client"]).toBe("client");
    expect(headers["x-idempotency-key"]).toBe("k1");
    expect(headers.authorization).toBe("Bearer tok_config_test");
  });

  it("sends per-call headers of a raw call", async () => {
    const { fetch, sent } = spyFetch();
    const voiceAI = createVoiceAIClient(base({ fetch }));
    await voiceAI.raw.GET("/voice-ai/agents/{agentId}", {
      params: { path: { agentId: AGENT_ID }, query: { locationId: LOC } },
      headers: { "X-Raw": "raw" },
    });
    expect(sent[0]!.headers.get("x-raw")).toBe("raw");
  });

  it.each([{ Authorization: "Bearer other" }, { authorization: "Bearer other" }])(
    "refuses an Authorization header in the options: %o",
    (headers) => {
      expectConfigurationError(base({ headers }), /Authorization/);
    },
  );
});

describe("onResponse and rateLimit()", () => {
  it("report the parsed X-RateLimit-* headers of a success response", async () => {
    const events: ResponseEvent[] = [];
    const scope = nock(BASE)
      .get(`/voice-ai/agents/${AGENT_ID}`)
      .query({ locationId: DEFAULT_LOC })
      .reply(200, agent, { ...RATE_LIMIT_HEADERS, "Content-Type": "application/json" });
    const voiceAI = createVoiceAIClient(base({ locationId: DEFAULT_LOC, onResponse: (e) => events.push(e) }));
    expect(voiceAI.rateLimit()).toBeUndefined();
    await voiceAI.agents.get({ agentId: AGENT_ID });
    scope.done();

    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      status: 200,
      operationId: "getAgent",
      method: "GET",
      url: `${BASE}/voice-ai/agents/${AGENT_ID}?locationId=${DEFAULT_LOC}`,
      locationId: DEFAULT_LOC,
      rateLimit: RATE_LIMIT,
    });
    expect(voiceAI.rateLimit()).toEqual(RATE_LIMIT);
    expect(voiceAI.rateLimit(DEFAULT_LOC)).toEqual(RATE_LIMIT);
    expect(voiceAI.rateLimit(OTHER_LOC)).toBeUndefined();
  });

  it("keep the headers of each location apart, including a location named in a body", async () => {
    const scope = nock(BASE)
      .get("/voice-ai/agents")
      .query({ locationId: OTHER_LOC })
      .reply(
        200,
        { total: 0, page: 1, pageSize: 10, agents: [] },
        { ...RATE_LIMIT_HEADERS, "X-RateLimit-Remaining": "42" },
      )
      .post("/voice-ai/actions")
      .reply(201, { id: ACTION_ID, ...smsAction }, { ...RATE_LIMIT_HEADERS, "X-RateLimit-Remaining": "41" });
    const voiceAI = createVoiceAIClient(base({ locationId: DEFAULT_LOC }));
    await voiceAI.agents.list({ locationId: OTHER_LOC });
    expect(voiceAI.rateLimit(OTHER_LOC)).toEqual({ ...RATE_LIMIT, remaining: 42 });
    expect(voiceAI.rateLimit()).toBeUndefined();
    await voiceAI.actions.create({ body: smsAction });
    scope.done();
    expect(voiceAI.rateLimit()).toEqual({ ...RATE_LIMIT, remaining: 41 });
    expect(voiceAI.rateLimit(OTHER_LOC)).toEqual({ ...RATE_LIMIT, remaining: 42 });
  });

  it("onResponse is told about error responses too", async () => {
    const events: ResponseEvent[] = [];
    const scope = nock(BASE)
      .get(`/voice-ai/agents/${AGENT_ID}`)
      .query(true)
      .reply(404, { statusCode: 404, message: "Not Found" }, RATE_LIMIT_HEADERS);
    const voiceAI = createVoiceAIClient(base({ onResponse: (e) => events.push(e) }));
    await rejectionOf(voiceAI.agents.get({ agentId: AGENT_ID, locationId: LOC }));
    scope.done();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      status: 404,
      operationId: "getAgent",
      locationId: LOC,
      rateLimit: RATE_LIMIT,
    });
    expect(voiceAI.rateLimit(LOC)).toEqual(RATE_LIMIT);
  });
});

describe("baseUrl", () => {
  it.each([
    ["plain http to a remote host", "http://example.com"],
    ["plain http to the API host", "http://services.leadconnectorhq.com"],
    ["another scheme", "ftp://example.com"],
    ["not a URL", "services.leadconnectorhq.com"],
    ["credentials in the URL", "https://user:pass@example.com"],
  ])("refuses %s", (_, baseUrl) => {
    expectConfigurationError(base({ baseUrl }), /baseUrl/);
  });

  it.each([
    ["http://127.0.0.1:1234", "http://127.0.0.1:1234/voice-ai/agents"],
    ["http://localhost", "http://localhost/voice-ai/agents"],
    ["http://localhost:8080/", "http://localhost:8080/voice-ai/agents"],
    ["http://[::1]:3000", "http://[::1]:3000/voice-ai/agents"],
    ["https://proxy.example.com/highlevel/", "https://proxy.example.com/highlevel/voice-ai/agents"],
  ])("accepts %s and sends requests there", async (baseUrl, expected) => {
    const { fetch, sent } = spyFetch(() => jsonResponse({ total: 0, page: 1, pageSize: 10, agents: [] }));
    const voiceAI = createVoiceAIClient(base({ fetch, baseUrl }));
    await voiceAI.agents.list({ locationId: LOC });
    expect(`${sent[0]!.url.origin}${sent[0]!.url.pathname}`).toBe(expected);
    expect(sent[0]!.headers.get("authorization")).toBe("Bearer tok_config_test");
  });
});

describe("bad options at creation: ConfigurationError, nothing sent", () => {
  it.each<[string, Record<string, unknown>, RegExp]>([
    ["unknown version", { version: "2022-01-01" }, /version/],
    ["empty locationId", { locationId: "" }, /locationId/],
    ["timeoutMs 0", { timeoutMs: 0 }, /timeoutMs/],
    ["negative timeoutMs", { timeoutMs: -1 }, /timeoutMs/],
    ["NaN timeoutMs", { timeoutMs: NaN }, /timeoutMs/],
    ["negative maxRetries", { maxRetries: -1 }, /maxRetries/],
    ["fractional maxRetries", { maxRetries: 1.5 }, /maxRetries/],
    ["fetch that is not a function", { fetch: "fetch" }, /fetch/],
    ["maxConcurrency 0", { maxConcurrency: 0 }, /maxConcurrency/],
    ["rateLimit.maxPerInterval 0", { rateLimit: { maxPerInterval: 0 } }, /maxPerInterval/],
    ["negative rateLimit.intervalMs", { rateLimit: { intervalMs: -5 } }, /intervalMs/],
  ])("%s", (_, options, message) => {
    expectConfigurationError({ ...base(), ...options }, message);
  });

  it("refuses options that are not an object", () => {
    expectConfigurationError(undefined);
  });
});

describe("bad calls: InvalidRequestError, nothing sent", () => {
  type Call = (c: ReturnType<typeof createVoiceAIClient<{ token: string }>>) => Promise<unknown>;
  const cases: [string, Call, RegExp][] = [
    [
      "unknown per-call version",
      (c) => c.agents.get({ agentId: AGENT_ID, locationId: LOC }, { version: "v2" as never }),
      /version/,
    ],
    [
      "per-call timeoutMs 0",
      (c) => c.agents.get({ agentId: AGENT_ID, locationId: LOC }, { timeoutMs: 0 }),
      /timeoutMs/,
    ],
    [
      "per-call maxRetries -1",
      (c) => c.agents.get({ agentId: AGENT_ID, locationId: LOC }, { maxRetries: -1 }),
      /maxRetries/,
    ],
    ['agentId ""', (c) => c.agents.get({ agentId: "", locationId: LOC }), /agentId/],
    ['agentId "."', (c) => c.agents.get({ agentId: ".", locationId: LOC }), /agentId/],
    ['agentId ".."', (c) => c.agents.delete({ agentId: "..", locationId: LOC }), /agentId/],
    [
      'agentId "   "',
      (c) => c.agents.patch({ agentId: "   ", locationId: LOC, body: {} as never }),
      /agentId/,
    ],
    ['actionId ".."', (c) => c.actions.get({ actionId: "..", locationId: LOC }), /actionId/],
    [
      'actionId ""',
      (c) => c.actions.update({ actionId: "", body: { ...smsAction, locationId: LOC } }),
      /actionId/,
    ],
    ['callId "."', (c) => c.callLogs.get({ callId: ".", locationId: LOC }), /callId/],
    [
      "agentId not a string",
      (c) => c.agents.get({ agentId: { id: 1 } as never, locationId: LOC }),
      /agentId/,
    ],
    ["agentId undefined", (c) => c.agents.get({ agentId: undefined as never, locationId: LOC }), /agentId/],
    ["missing agentId", (c) => c.agents.get({ locationId: LOC } as never), /agentId/],
    [
      "missing actionId",
      (c) => c.actions.delete({ locationId: LOC, agentId: AGENT_ID } as never),
      /actionId/,
    ],
    ["missing callId", (c) => c.callLogs.get({ locationId: LOC } as never), /callId/],
    ["missing locationId (agents.get)", (c) => c.agents.get({ agentId: AGENT_ID } as never), /locationId/],
    ["missing locationId (agents.list)", (c) => c.agents.list({} as never), /locationId/],
    [
      "no params at all (callLogs.list)",
      (c) => Reflect.apply(c.callLogs.list, undefined, []) as Promise<unknown>,
      /locationId/,
    ],
    ['empty locationId ""', (c) => c.agents.get({ agentId: AGENT_ID, locationId: "" }), /locationId/],
    [
      "missing locationId in a body",
      (c) => c.agents.create({ body: { agentName: "Support" } as never }),
      /locationId/,
    ],
    [
      "missing locationId in an action body",
      (c) => c.actions.create({ body: smsAction as never }),
      /locationId/,
    ],
    [
      "missing query agentId (actions.delete)",
      (c) => c.actions.delete({ actionId: ACTION_ID, locationId: LOC } as never),
      /agentId/,
    ],
    ["missing body (agents.create)", (c) => c.agents.create({} as never), /body/],
    [
      "missing body (agents.patch)",
      (c) => c.agents.patch({ agentId: AGENT_ID, locationId: LOC } as never),
      /body/,
    ],
    ["missing body (actions.update)", (c) => c.actions.update({ actionId: ACTION_ID } as never), /body/],
    [
      "body that is an array",
      (c) => c.agents.patch({ agentId: AGENT_ID, locationId: LOC, body: [] as never }),
      /body/,
    ],
    ["body that is a string", (c) => c.agents.create({ body: "{}" as never }), /body/],
    [
      "missing required body field name",
      (c) => c.actions.create({ body: { ...smsAction, locationId: LOC, name: undefined } as never }),
      /name/,
    ],
    [
      "missing required body field actionParameters",
      (c) =>
        c.actions.update({
          actionId: ACTION_ID,
          body: { ...smsAction, locationId: LOC, actionParameters: undefined } as never,
        }),
      /actionParameters/,
    ],
    [
      "unknown parameter pagesize",
      (c) => c.agents.list({ locationId: LOC, pagesize: 10 } as never),
      /pagesize/,
    ],
    [
      "unknown parameter actionTypes",
      (c) => c.callLogs.list({ locationId: LOC, actionTypes: ["SMS"] } as never),
      /actionTypes/,
    ],
    [
      "body on an operation without one",
      (c) => c.agents.get({ agentId: AGENT_ID, locationId: LOC, body: {} } as never),
      /body/,
    ],
    ["params that are not an object", (c) => c.agents.list("LOC" as never), /object/],
    ["empty actionType filter", (c) => c.callLogs.list({ locationId: LOC, actionType: [] }), /actionType/],
    ["empty contactId filter", (c) => c.callLogs.list({ locationId: LOC, contactId: [] }), /contactId/],
    [
      "raw call with an unknown version",
      (c) =>
        c.raw.GET("/voice-ai/agents/{agentId}", {
          params: { path: { agentId: AGENT_ID }, query: { locationId: LOC } },
          version: "v9",
        } as never),
      /version/,
    ],
  ];

  it.each(cases)("%s", async (_, call, message) => {
    const { fetch } = spyFetch();
    const error = await rejectionOf(call(createVoiceAIClient(base({ fetch }))));
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(error).toBeInstanceOf(VoiceAIError);
    expect((error as Error).message).toMatch(message);
    expect(fetch).not.toHaveBeenCalled();
  });

  it("names locationId and how to set a default when it is missing", async () => {
    const { fetch } = spyFetch();
    const error = await rejectionOf(
      createVoiceAIClient(base({ fetch })).agents.get({ agentId: AGENT_ID } as never),
    );
    expect((error as Error).message).toContain("getAgent");
    expect((error as Error).message).toContain("locationId");
  });

  it("sends nothing over the network either (nock interceptor stays unused)", async () => {
    const scope = nock(BASE).get(/.*/).reply(200, agent);
    const voiceAI = createVoiceAIClient(base());
    await expect(voiceAI.agents.get({ agentId: "..", locationId: LOC })).rejects.toBeInstanceOf(
      InvalidRequestError,
    );
    await expect(voiceAI.agents.get({ agentId: AGENT_ID } as never)).rejects.toBeInstanceOf(
      InvalidRequestError,
    );
    await expect(voiceAI.callLogs.list({ locationId: LOC, actionType: [] })).rejects.toBeInstanceOf(
      InvalidRequestError,
    );
    expect(scope.isDone()).toBe(false);
    nock.cleanAll();
  });

  it("throws synchronously-built errors as rejections, not synchronous throws", () => {
    const { fetch } = spyFetch();
    const voiceAI = createVoiceAIClient(base({ fetch }));
    let promise: Promise<unknown> | undefined;
    expect(() => {
      promise = voiceAI.agents.get({ agentId: "", locationId: LOC });
    }).not.toThrow();
    return expect(promise).rejects.toBeInstanceOf(InvalidRequestError);
  });
});

describe("path ids", () => {
  it.each([
    ["a/b c", "/voice-ai/agents/a%2Fb%20c"],
    ["a?b#c", "/voice-ai/agents/a%3Fb%23c"],
    ["100%", "/voice-ai/agents/100%25"],
    ["../x", "/voice-ai/agents/..%2Fx"],
    ["é", "/voice-ai/agents/%C3%A9"],
  ])("percent-encodes %j", async (agentId, expected) => {
    const { fetch } = spyFetch();
    const urls: string[] = [];
    fetch.mockImplementationOnce(async (request: Request) => {
      urls.push(request.url);
      return jsonResponse(agent);
    });
    await createVoiceAIClient(base({ fetch })).agents.get({ agentId, locationId: LOC });
    expect(urls[0]).toBe(`${BASE}${expected}?locationId=${LOC}`);
  });

  it("sends an encoded id over the network (nock)", async () => {
    let uri = "";
    const scope = nock(BASE)
      .get(/.*/)
      .reply(function (u) {
        uri = u;
        return [200, agent];
      });
    await createVoiceAIClient(base()).agents.get({ agentId: "a/b c", locationId: LOC });
    scope.done();
    expect(uri).toBe(`/voice-ai/agents/a%2Fb%20c?locationId=${LOC}`);
  });
});

describe("redirects: Authorization only to the API's origin", () => {
  it.each([
    ["another host", "https://cdn.example.net", "/files/agent.json"],
    ["plain http on the API host", "http://services.leadconnectorhq.com", "/voice-ai/agents/x"],
    ["another port on the API host", "https://services.leadconnectorhq.com:8443", "/voice-ai/agents/x"],
    ["a host that starts like the API host", "https://services.leadconnectorhq.com.evil.example", "/x"],
  ])("a 302 to %s receives no Authorization header", async (_, origin, targetPath) => {
    const apiHeaders: Record<string, unknown>[] = [];
    const otherHeaders: Record<string, unknown>[] = [];
    const api = nock(BASE)
      .get(`/voice-ai/agents/${AGENT_ID}`)
      .query({ locationId: LOC })
      .reply(function () {
        apiHeaders.push({ ...this.req.headers });
        return [302, "", { Location: `${origin}${targetPath}` }];
      });
    const other = nock(origin)
      .get(targetPath)
      .reply(function () {
        otherHeaders.push({ ...this.req.headers });
        return [200, agent];
      });
    const result = await createVoiceAIClient(base({ token: "tok_redirect" })).agents.get({
      agentId: AGENT_ID,
      locationId: LOC,
    });
    api.done();
    other.done();
    expect(result).toEqual(agent);
    expect(apiHeaders[0]!.authorization).toBe("Bearer tok_redirect");
    expect(otherHeaders).toHaveLength(1);
    expect(otherHeaders[0]!.authorization).toBeUndefined();
    expect(Object.values(otherHeaders[0]!).join(" ")).not.toContain("tok_redirect");
  });

  it("a same-origin 302 keeps the Authorization header", async () => {
    const seen: Record<string, unknown>[] = [];
    const scope = nock(BASE)
      .get(`/voice-ai/agents/${AGENT_ID}`)
      .query({ locationId: LOC })
      .reply(302, "", { Location: `/voice-ai/agents/moved?locationId=${LOC}` })
      .get("/voice-ai/agents/moved")
      .query({ locationId: LOC })
      .reply(function () {
        seen.push({ ...this.req.headers });
        return [200, agent];
      });
    const result = await createVoiceAIClient(base({ token: "tok_redirect" })).agents.get({
      agentId: AGENT_ID,
      locationId: LOC,
    });
    scope.done();
    expect(result).toEqual(agent);
    expect(seen[0]!.authorization).toBe("Bearer tok_redirect");
    expect(seen[0]!.version).toBe("2021-04-15");
  });

  it("a same-origin 307 resends the method, body and Authorization", async () => {
    const seen: { headers: Record<string, unknown>; body: unknown }[] = [];
    const scope = nock(BASE)
      .post("/voice-ai/agents")
      .reply(307, "", { Location: `${BASE}/voice-ai/agents/v2` })
      .post("/voice-ai/agents/v2")
      .reply(function (_uri, body) {
        seen.push({ headers: { ...this.req.headers }, body });
        return [201, agent];
      });
    const result = await createVoiceAIClient(base({ token: "tok_redirect" })).agents.create({
      body: { locationId: LOC, agentName: "Support" } as never,
    });
    scope.done();
    expect(result).toEqual(agent);
    expect(seen[0]!.headers.authorization).toBe("Bearer tok_redirect");
    expect(seen[0]!.body).toEqual({ locationId: LOC, agentName: "Support" });
  });

  it("a redirect back to the API after another host gets the Authorization header again, the other host none", async () => {
    const seen: [string, unknown][] = [];
    const api = nock(BASE)
      .get(`/voice-ai/agents/${AGENT_ID}`)
      .query(true)
      .reply(function () {
        seen.push(["api", this.req.headers.authorization]);
        return [302, "", { Location: "https://sso.example.net/bounce" }];
      })
      .get("/voice-ai/agents/final")
      .reply(function () {
        seen.push(["api-final", this.req.headers.authorization]);
        return [200, agent];
      });
    const other = nock("https://sso.example.net")
      .get("/bounce")
      .reply(function () {
        seen.push(["sso", this.req.headers.authorization]);
        return [302, "", { Location: `${BASE}/voice-ai/agents/final` }];
      });
    await createVoiceAIClient(base({ token: "tok_redirect" })).agents.get({
      agentId: AGENT_ID,
      locationId: LOC,
    });
    api.done();
    other.done();
    expect(seen.map(([host]) => host)).toEqual(["api", "sso", "api-final"]);
    expect(seen[1]![1]).toBeUndefined();
    expect(seen[2]![1]).toBe("Bearer tok_redirect");
  });
});
