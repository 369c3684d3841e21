/**
 * Every operation of the spec, through its method and through `voiceAI.raw`: the exact method,
 * path, query string, headers and JSON body that go over the wire (seen by nock), and the
 * parsed result that comes back. Bodies are the spec's own examples.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import nock from "nock";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { operations as operationTable } from "../generated/operations.js";
import { createVoiceAIClient, type components } from "../src/index.js";
import { ACTION_ID, AGENT_ID, BASE, LOC, useNock } from "./nock-api.js";

type Schemas = components["schemas"];

const TOKEN = "tok_operations_test";
const CALL_ID = "507f1f77bcf86cd799439099";

const spec = parseYaml(
  readFileSync(path.resolve(import.meta.dirname, "../openapi/voice-ai.yaml"), "utf8"),
) as {
  paths: Record<
    string,
    Record<
      string,
      { requestBody?: { content: Record<string, { examples: Record<string, { value?: unknown }> }> } }
    >
  >;
  components: { examples: Record<string, { value: unknown }> };
};

/** A named example of components/examples, deep-copied. */
function example<T>(name: string): T {
  const found = spec.components.examples[name];
  if (!found) throw new Error(`no example ${name}`);
  return structuredClone(found.value) as T;
}

/** An inline request-body example of an operation, deep-copied. */
function requestExample<T>(pathName: string, method: string, name: string): T {
  const value =
    spec.paths[pathName]?.[method]?.requestBody?.content["application/json"]?.examples[name]?.value;
  if (value === undefined) throw new Error(`no request example ${method} ${pathName} ${name}`);
  return structuredClone(value) as T;
}

const client = () => createVoiceAIClient({ token: TOKEN, maxRetries: 0, rateLimit: false });
type Client = ReturnType<typeof client>;

interface Seen {
  method: string;
  /** Path and query, exactly as sent. */
  uri: string;
  headers: Record<string, unknown>;
  body: unknown;
  rawBody: string;
}

/** One nock interceptor for any path of BASE with `method`; records what it received. */
function expectRequest(method: string, status: number, reply: unknown) {
  const seen: Seen[] = [];
  const scope = nock(BASE)
    .intercept(() => true, method)
    .reply(function (uri, body) {
      seen.push({
        method: this.req.method,
        uri,
        headers: { ...this.req.headers },
        body,
        rawBody: typeof body === "string" ? body : JSON.stringify(body),
      });
      const headers: Record<string, string> = { "x-request-id": "req_1" };
      if (reply === undefined) return [status, "", headers];
      return [
        status,
        JSON.stringify(reply),
        { ...headers, "Content-Type": "application/json; charset=utf-8" },
      ];
    });
  return { scope, seen };
}

interface Case {
  operationId: keyof typeof operationTable;
  method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  /** The exact path sent, ids filled in. */
  path: string;
  /** Every query parameter sent, each exactly once. */
  query: Record<string, string>;
  /** Literal pieces of the raw query string (comma-separated arrays are not percent-encoded). */
  rawQuery?: string[];
  body?: unknown;
  status: number;
  reply?: unknown;
  call: (c: Client) => Promise<unknown>;
  raw: (c: Client) => Promise<{ data?: unknown; response: Response }>;
}

const createAgentBody = requestExample<Schemas["CreateAgentRequest"]>("/voice-ai/agents", "post", "full");
const patchAgentBody = requestExample<Schemas["PatchAgentRequest"]>(
  "/voice-ai/agents/{agentId}",
  "patch",
  "full",
);
const smsRequest = example<Schemas["ActionRequest"]>("ActionRequestSms");
const customRequest = example<Schemas["ActionRequest"]>("ActionRequestCustom");

const cases: Case[] = [
  {
    operationId: "createAgent",
    method: "POST",
    path: "/voice-ai/agents",
    query: {},
    body: createAgentBody,
    status: 201,
    reply: example("Agent"),
    call: (c) => c.agents.create({ body: createAgentBody }),
    raw: (c) => c.raw.POST("/voice-ai/agents", { body: createAgentBody }),
  },
  {
    operationId: "listAgents",
    method: "GET",
    path: "/voice-ai/agents",
    query: { locationId: LOC, page: "2", pageSize: "10", query: "support desk" },
    rawQuery: ["query=support%20desk"],
    status: 200,
    reply: example("AgentPage"),
    call: (c) => c.agents.list({ locationId: LOC, page: 2, pageSize: 10, query: "support desk" }),
    raw: (c) =>
      c.raw.GET("/voice-ai/agents", {
        params: { query: { locationId: LOC, page: 2, pageSize: 10, query: "support desk" } },
      }),
  },
  {
    operationId: "getAgent",
    method: "GET",
    path: `/voice-ai/agents/${AGENT_ID}`,
    query: { locationId: LOC },
    status: 200,
    reply: example("AgentWithActions"),
    call: (c) => c.agents.get({ agentId: AGENT_ID, locationId: LOC }),
    raw: (c) =>
      c.raw.GET("/voice-ai/agents/{agentId}", {
        params: { path: { agentId: AGENT_ID }, query: { locationId: LOC } },
      }),
  },
  {
    operationId: "patchAgent",
    method: "PATCH",
    path: `/voice-ai/agents/${AGENT_ID}`,
    query: { locationId: LOC },
    body: patchAgentBody,
    status: 200,
    reply: example("Agent"),
    call: (c) => c.agents.patch({ agentId: AGENT_ID, locationId: LOC, body: patchAgentBody }),
    raw: (c) =>
      c.raw.PATCH("/voice-ai/agents/{agentId}", {
        params: { path: { agentId: AGENT_ID }, query: { locationId: LOC } },
        body: patchAgentBody,
      }),
  },
  {
    operationId: "deleteAgent",
    method: "DELETE",
    path: `/voice-ai/agents/${AGENT_ID}`,
    query: { locationId: LOC },
    status: 204,
    call: (c) => c.agents.delete({ agentId: AGENT_ID, locationId: LOC }),
    raw: (c) =>
      c.raw.DELETE("/voice-ai/agents/{agentId}", {
        params: { path: { agentId: AGENT_ID }, query: { locationId: LOC } },
      }),
  },
  {
    operationId: "createAction",
    method: "POST",
    path: "/voice-ai/actions",
    query: {},
    body: smsRequest,
    status: 201,
    reply: example("ActionSms"),
    call: (c) => c.actions.create({ body: smsRequest }),
    raw: (c) => c.raw.POST("/voice-ai/actions", { body: smsRequest }),
  },
  {
    operationId: "getAction",
    method: "GET",
    path: `/voice-ai/actions/${ACTION_ID}`,
    query: { locationId: LOC },
    status: 200,
    reply: example("ActionCallTransfer"),
    call: (c) => c.actions.get({ actionId: ACTION_ID, locationId: LOC }),
    raw: (c) =>
      c.raw.GET("/voice-ai/actions/{actionId}", {
        params: { path: { actionId: ACTION_ID }, query: { locationId: LOC } },
      }),
  },
  {
    operationId: "updateAction",
    method: "PUT",
    path: `/voice-ai/actions/${ACTION_ID}`,
    query: {},
    body: customRequest,
    status: 200,
    reply: example("ActionCustom"),
    call: (c) => c.actions.update({ actionId: ACTION_ID, body: customRequest }),
    raw: (c) =>
      c.raw.PUT("/voice-ai/actions/{actionId}", {
        params: { path: { actionId: ACTION_ID } },
        body: customRequest,
      }),
  },
  {
    operationId: "deleteAction",
    method: "DELETE",
    path: `/voice-ai/actions/${ACTION_ID}`,
    query: { locationId: LOC, agentId: AGENT_ID },
    status: 204,
    call: (c) => c.actions.delete({ actionId: ACTION_ID, locationId: LOC, agentId: AGENT_ID }),
    raw: (c) =>
      c.raw.DELETE("/voice-ai/actions/{actionId}", {
        params: { path: { actionId: ACTION_ID }, query: { locationId: LOC, agentId: AGENT_ID } },
      }),
  },
  {
    operationId: "listCallLogs",
    method: "GET",
    path: "/voice-ai/dashboard/call-logs",
    query: {
      locationId: LOC,
      agentId: AGENT_ID,
      contactId: "contact123,contact456",
      callType: "LIVE",
      startDate: "1679308800000",
      endDate: "1679395199000",
      actionType: "SMS,CALL_TRANSFER",
      sortBy: "duration",
      sort: "descend",
      page: "2",
      pageSize: "10",
    },
    rawQuery: ["contactId=contact123,contact456", "actionType=SMS,CALL_TRANSFER"],
    status: 200,
    reply: example("CallLogPage"),
    call: (c) =>
      c.callLogs.list({
        locationId: LOC,
        agentId: AGENT_ID,
        contactId: ["contact123", "contact456"],
        callType: "LIVE",
        startDate: 1679308800000,
        endDate: 1679395199000,
        actionType: ["SMS", "CALL_TRANSFER"],
        sortBy: "duration",
        sort: "descend",
        page: 2,
        pageSize: 10,
      }),
    raw: (c) =>
      c.raw.GET("/voice-ai/dashboard/call-logs", {
        params: {
          query: {
            locationId: LOC,
            agentId: AGENT_ID,
            contactId: ["contact123", "contact456"],
            callType: "LIVE",
            startDate: 1679308800000,
            endDate: 1679395199000,
            actionType: ["SMS", "CALL_TRANSFER"],
            sortBy: "duration",
            sort: "descend",
            page: 2,
            pageSize: 10,
          },
        },
      }),
  },
  {
    operationId: "getCallLog",
    method: "GET",
    path: `/voice-ai/dashboard/call-logs/${CALL_ID}`,
    query: { locationId: LOC },
    status: 200,
    reply: example("CallLog"),
    call: (c) => c.callLogs.get({ callId: CALL_ID, locationId: LOC }),
    raw: (c) =>
      c.raw.GET("/voice-ai/dashboard/call-logs/{callId}", {
        params: { path: { callId: CALL_ID }, query: { locationId: LOC } },
      }),
  },
];

/** The request nock saw matches the case exactly. */
function checkRequest(seen: Seen[], c: Case) {
  expect(seen).toHaveLength(1);
  const request = seen[0]!;
  expect(request.method).toBe(c.method);
  const url = new URL(request.uri, BASE);
  expect(url.pathname).toBe(c.path);
  const params = [...url.searchParams.entries()];
  expect(Object.fromEntries(params)).toEqual(c.query);
  // Each parameter exactly once: arrays are one comma-separated value, not repeated.
  expect(params).toHaveLength(Object.keys(c.query).length);
  for (const piece of c.rawQuery ?? []) expect(url.search).toContain(piece);

  expect(request.headers.authorization).toBe(`Bearer ${TOKEN}`);
  expect(request.headers.version).toBe("2021-04-15");
  expect(request.headers.accept).toBe("application/json");
  if (c.body === undefined) {
    expect(request.headers["content-type"]).toBeUndefined();
    expect(request.rawBody).toBe("");
  } else {
    expect(request.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(request.rawBody)).toEqual(c.body);
    expect(request.body).toEqual(c.body);
  }
}

useNock();

describe("the operation table", () => {
  it("has one case per operation, with the method and path the spec gives", () => {
    expect(cases.map((c) => c.operationId).sort()).toEqual(Object.keys(operationTable).sort());
    for (const c of cases) {
      const spec = operationTable[c.operationId];
      expect(c.method).toBe(spec.method);
      const template = new RegExp(`^${spec.path.replace(/\{[^}]+\}/g, "[^/]+")}$`);
      expect(c.path).toMatch(template);
    }
  });
});

describe.each(cases)("$operationId", (c) => {
  it(`sends ${c.method} with the right path, query, headers and body, and returns the parsed result`, async () => {
    const { scope, seen } = expectRequest(c.method, c.status, c.reply);
    const result = await c.call(client());
    scope.done();
    checkRequest(seen, c);
    if (c.status === 204) expect(result).toBeUndefined();
    else expect(result).toEqual(c.reply);
  });

  it("sends the same through voiceAI.raw and returns { data, response }", async () => {
    const { scope, seen } = expectRequest(c.method, c.status, c.reply);
    const { data, response } = await c.raw(client());
    scope.done();
    checkRequest(seen, c);
    expect(response).toBeInstanceOf(Response);
    expect(response.status).toBe(c.status);
    if (c.status === 204) expect(data).toBeUndefined();
    else expect(data).toEqual(c.reply);
  });
});

describe("actions.create with every action type of the spec", () => {
  const types = [
    ["CallTransfer", "CALL_TRANSFER"],
    ["DataExtraction", "DATA_EXTRACTION"],
    ["InCallDataExtraction", "IN_CALL_DATA_EXTRACTION"],
    ["WorkflowTrigger", "WORKFLOW_TRIGGER"],
    ["Sms", "SMS"],
    ["AppointmentBooking", "APPOINTMENT_BOOKING"],
    ["Custom", "CUSTOM_ACTION"],
    ["KnowledgeBase", "KNOWLEDGE_BASE"],
  ] as const;

  it.each(types)("%s: sends the example body unchanged and returns the action", async (name, actionType) => {
    const body = example<Schemas["ActionRequest"]>(`ActionRequest${name}`);
    const reply = example<Schemas["Action"]>(`Action${name}`);
    expect(body.actionType).toBe(actionType);
    const { scope, seen } = expectRequest("POST", 201, reply);
    const action = await client().actions.create({ body });
    scope.done();
    expect(seen[0]!.uri).toBe("/voice-ai/actions");
    expect(seen[0]!.body).toEqual(body);
    expect(action).toEqual(reply);
    expect(action.actionType).toBe(actionType);
  });
});

describe("agents.create with the minimal example", () => {
  it("sends only the locationId", async () => {
    const body = requestExample<Schemas["CreateAgentRequest"]>("/voice-ai/agents", "post", "minimal");
    const { scope, seen } = expectRequest("POST", 201, example("Agent"));
    await client().agents.create({ body });
    scope.done();
    expect(seen[0]!.rawBody).toBe(JSON.stringify({ locationId: LOC }));
  });
});

describe("agents.patch with a partial body", () => {
  it("sends only the settings given", async () => {
    const body = requestExample<Schemas["PatchAgentRequest"]>(
      "/voice-ai/agents/{agentId}",
      "patch",
      "callLimits",
    );
    const { scope, seen } = expectRequest("PATCH", 200, example("Agent"));
    await client().agents.patch({ agentId: AGENT_ID, locationId: LOC, body });
    scope.done();
    expect(seen[0]!.body).toEqual({ maxCallDuration: 600, reminderAfterIdleTimeSeconds: 5 });
  });
});

describe("callLogs.list query serialization", () => {
  it("sends a one-element array as a single value and omits undefined filters", async () => {
    const { scope, seen } = expectRequest("GET", 200, example("CallLogPage"));
    await client().callLogs.list({
      locationId: LOC,
      actionType: ["WORKFLOW_TRIGGER"],
      contactId: ["c 1", "c,2"],
      // JavaScript callers may pass undefined for a filter they do not use.
      ...({ agentId: undefined } as {}),
    });
    scope.done();
    const url = new URL(seen[0]!.uri, BASE);
    expect(url.searchParams.getAll("actionType")).toEqual(["WORKFLOW_TRIGGER"]);
    // Values are encoded one by one, so a comma inside a value cannot be confused with the separator.
    expect(url.search).toContain("contactId=c%201,c%2C2");
    expect(url.searchParams.has("agentId")).toBe(false);
  });

  it("sends the same through raw for every array filter", async () => {
    const { scope, seen } = expectRequest("GET", 200, example("CallLogPage"));
    await client().raw.GET("/voice-ai/dashboard/call-logs", {
      params: { query: { locationId: LOC, actionType: ["SMS", "KNOWLEDGE_BASE", "CUSTOM_ACTION"] } },
    });
    scope.done();
    const url = new URL(seen[0]!.uri, BASE);
    expect(url.searchParams.getAll("actionType")).toEqual(["SMS,KNOWLEDGE_BASE,CUSTOM_ACTION"]);
  });
});
