/**
 * Type-level checks, enforced by `tsc --noEmit` (part of `npm test`): what must compile does,
 * and what must not is marked `@ts-expect-error` (tsc fails if such a line compiles).
 * The calls are never run: they sit in functions that are only type-checked.
 */
import { describe, expectTypeOf, it } from "vitest";
import {
  createVoiceAIClient,
  type Action,
  type Agent,
  type AgentList,
  type AgentWithActions,
  type APIError,
  type CallLog,
  type CallLogList,
  type CallOptions,
  type ExecutedCallAction,
  type SmsActionParameters,
  type MethodParams,
  type MethodResult,
  type RateLimitInfo,
  type components,
} from "../src/index.js";

type Schemas = components["schemas"];

const withDefault = createVoiceAIClient({ token: "t", locationId: "LOC123" });
const noDefault = createVoiceAIClient({ token: "t" });

const sms = {
  agentId: "agent_1",
  actionType: "SMS",
  name: "Send SMS",
  actionParameters: { triggerPrompt: "p", triggerMessage: "m", messageBody: "b" },
} as const;

// Never called: only compiled.
async function compileOnly() {
  // --- Compiles: the documented calls -------------------------------------------------
  await noDefault.agents.create({ body: { locationId: "LOC", agentName: "Support" } });
  await withDefault.agents.create({ body: { agentName: "Support" } });
  await noDefault.agents.list({ locationId: "LOC", page: 1, pageSize: 50, query: "support" });
  await withDefault.agents.list();
  await withDefault.agents.list({ page: 2 });
  await noDefault.agents.get({ agentId: "a", locationId: "LOC" });
  await withDefault.agents.get({ agentId: "a" });
  await withDefault.agents.patch({ agentId: "a", body: { maxCallDuration: 600 } });
  await withDefault.agents.delete({ agentId: "a" });
  await noDefault.actions.create({ body: { ...sms, locationId: "LOC" } });
  await withDefault.actions.create({ body: sms });
  await withDefault.actions.get({ actionId: "x" });
  await withDefault.actions.update({ actionId: "x", body: sms });
  await withDefault.actions.delete({ actionId: "x", agentId: "agent_1" });
  await withDefault.callLogs.list({
    agentId: "a",
    callType: "LIVE",
    actionType: ["SMS", "CALL_TRANSFER"],
    contactId: ["c1"],
    startDate: 1,
    endDate: 2,
    sortBy: "duration",
    sort: "ascend",
    page: 1,
    pageSize: 50,
  });
  await withDefault.callLogs.get({ callId: "c" });
  await withDefault.agents.get(
    { agentId: "a" },
    {
      signal: new AbortController().signal,
      timeoutMs: 1000,
      headers: { "X-A": "b" },
      version: "v3",
      maxRetries: 1,
    },
  );
  createVoiceAIClient({
    token: async () => "t",
    baseUrl: "https://services.leadconnectorhq.com",
    version: "v3",
    fetch: (request) => fetch(request),
    headers: { "X-A": "b" },
    timeoutMs: 1000,
    maxRetries: 0,
    rateLimit: false,
    maxConcurrency: 4,
    onRetry: (event) => expectTypeOf(event.attempt).toBeNumber(),
    onResponse: (event) => expectTypeOf(event.rateLimit).toEqualTypeOf<RateLimitInfo | undefined>(),
  });

  // --- Does not compile ----------------------------------------------------------------
  // A field the body does not have.
  // @ts-expect-error agentNme is not a field of CreateAgentRequest
  await withDefault.agents.create({ body: { agentNme: "Support" } });
  // @ts-expect-error pagesize is not a parameter (pageSize is)
  await withDefault.agents.list({ pagesize: 10 });
  // A wrong type.
  // @ts-expect-error page is a number
  await withDefault.agents.list({ page: "1" });
  // @ts-expect-error maxCallDuration is a number
  await withDefault.agents.patch({ agentId: "a", body: { maxCallDuration: "600" } });
  // @ts-expect-error agentId is a string
  await withDefault.agents.get({ agentId: 42 });
  // An unknown enum value.
  // @ts-expect-error FAX is not an action type
  await withDefault.callLogs.list({ actionType: ["FAX"] });
  // @ts-expect-error callType is LIVE or TRIAL
  await withDefault.callLogs.list({ callType: "TEST" });
  // @ts-expect-error FAX is not an action type
  await withDefault.actions.create({ body: { ...sms, actionType: "FAX" } });
  // @ts-expect-error patienceLevel is low, medium or high
  await withDefault.agents.patch({ agentId: "a", body: { patienceLevel: "extreme" } });
  // actionParameters must match actionType.
  // @ts-expect-error an SMS action has no calendarId
  await withDefault.actions.create({ body: { ...sms, actionParameters: { calendarId: "c" } } });
  // A missing path id.
  // @ts-expect-error agentId is required
  await withDefault.agents.get({});
  // @ts-expect-error agentId is required
  await withDefault.agents.get();
  // @ts-expect-error actionId is required
  await withDefault.actions.delete({ agentId: "agent_1" });
  // @ts-expect-error callId is required
  await withDefault.callLogs.get({});
  // A missing required query parameter or body.
  // @ts-expect-error deleteAction needs agentId in the query
  await withDefault.actions.delete({ actionId: "x" });
  // @ts-expect-error patchAgent needs a body
  await withDefault.agents.patch({ agentId: "a" });
  const { name: _name, ...nameless } = sms;
  // @ts-expect-error an action body needs a name
  await withDefault.actions.create({ body: nameless });
  // A body on an operation that takes none.
  // @ts-expect-error getAgent takes no body
  await withDefault.agents.get({ agentId: "a", body: {} });
  // Bad options.
  // @ts-expect-error v2 is not an API version
  await withDefault.agents.get({ agentId: "a" }, { version: "v2" });
  // @ts-expect-error unknown call option
  await withDefault.agents.get({ agentId: "a" }, { retries: 1 });
  // @ts-expect-error v2 is not an API version
  createVoiceAIClient({ token: "t", version: "v2" });
  // @ts-expect-error token is required
  createVoiceAIClient({ locationId: "LOC" });

  // --- locationId: optional with a default, required without ----------------------------
  // @ts-expect-error locationId is required without a default
  await noDefault.agents.get({ agentId: "a" });
  // @ts-expect-error locationId is required without a default
  await noDefault.agents.list();
  // @ts-expect-error locationId is required without a default
  await noDefault.agents.list({ page: 1 });
  // @ts-expect-error locationId is required without a default
  await noDefault.callLogs.list({ callType: "LIVE" });
  // @ts-expect-error locationId is required without a default
  await noDefault.actions.delete({ actionId: "x", agentId: "agent_1" });
  // @ts-expect-error the body's locationId is required without a default
  await noDefault.agents.create({ body: { agentName: "Support" } });
  // @ts-expect-error the body's locationId is required without a default
  await noDefault.actions.create({ body: sms });
  // @ts-expect-error the body's locationId is required without a default
  await noDefault.actions.update({ actionId: "x", body: sms });
  // An explicit locationId is still accepted with a default.
  await withDefault.agents.get({ agentId: "a", locationId: "OTHER" });
  await withDefault.agents.create({ body: { locationId: "OTHER" } });
  // @ts-expect-error locationId is a string
  await withDefault.agents.get({ agentId: "a", locationId: 1 });

  // --- raw -------------------------------------------------------------------------------
  const raw = await noDefault.raw.GET("/voice-ai/agents/{agentId}", {
    params: { path: { agentId: "a" }, query: { locationId: "LOC" } },
  });
  // Errors throw, so data is the success body, never undefined.
  expectTypeOf(raw.data).toEqualTypeOf<Schemas["AgentWithActions"]>();
  expectTypeOf(raw.response).toEqualTypeOf<Response>();
  // @ts-expect-error not a path of the API
  await noDefault.raw.GET("/voice-ai/agent/{agentId}", { params: { path: { agentId: "a" } } });
  // @ts-expect-error the raw client follows the spec: locationId is required
  await noDefault.raw.GET("/voice-ai/agents/{agentId}", { params: { path: { agentId: "a" } } });
}

describe("types", () => {
  it("methods resolve to the spec's success bodies", () => {
    expectTypeOf(withDefault.agents.create).returns.resolves.toEqualTypeOf<Agent>();
    expectTypeOf(withDefault.agents.list).returns.resolves.toEqualTypeOf<AgentList>();
    expectTypeOf(withDefault.agents.get).returns.resolves.toEqualTypeOf<AgentWithActions>();
    expectTypeOf(withDefault.agents.patch).returns.resolves.toEqualTypeOf<Agent>();
    expectTypeOf(withDefault.actions.create).returns.resolves.toEqualTypeOf<Action>();
    expectTypeOf(withDefault.actions.get).returns.resolves.toEqualTypeOf<Action>();
    expectTypeOf(withDefault.actions.update).returns.resolves.toEqualTypeOf<Action>();
    expectTypeOf(withDefault.callLogs.list).returns.resolves.toEqualTypeOf<CallLogList>();
    expectTypeOf(withDefault.callLogs.get).returns.resolves.toEqualTypeOf<CallLog>();
    expectTypeOf<MethodResult<"getCallLog">>().toEqualTypeOf<Schemas["CallLog"]>();
  });

  it("the two deletes resolve to undefined", () => {
    expectTypeOf(withDefault.agents.delete).returns.resolves.toEqualTypeOf<undefined>();
    expectTypeOf(withDefault.actions.delete).returns.resolves.toEqualTypeOf<undefined>();
    expectTypeOf<MethodResult<"deleteAgent">>().toEqualTypeOf<undefined>();
  });

  it("the result of actions.get narrows on actionType", () => {
    async function narrow() {
      const action = await withDefault.actions.get({ actionId: "x" });
      expectTypeOf(action.actionType).toEqualTypeOf<Schemas["ActionType"]>();
      if (action.actionType === "SMS") {
        expectTypeOf(action.actionParameters).toEqualTypeOf<SmsActionParameters>();
        expectTypeOf(action.actionParameters.messageBody).toBeString();
        // @ts-expect-error an SMS action has no calendarId
        void action.actionParameters.calendarId;
      } else if (action.actionType === "APPOINTMENT_BOOKING") {
        expectTypeOf(action.actionParameters).toEqualTypeOf<Schemas["AppointmentBookingActionParameters"]>();
        expectTypeOf(action.actionParameters.slotsPerDay).toBeNumber();
      } else if (action.actionType === "CALL_TRANSFER") {
        expectTypeOf(action.actionParameters.transferToType).toEqualTypeOf<"number">();
      }
      switch (action.actionType) {
        case "KNOWLEDGE_BASE":
          expectTypeOf(action.actionParameters.knowledgeBaseId).toBeString();
          break;
        case "WORKFLOW_TRIGGER":
          expectTypeOf(action.actionParameters.workflowId).toBeString();
          break;
      }
    }
    void narrow;
  });

  it("callLogs.listAll yields call-log items and listPages yields pages of them", () => {
    async function iterate() {
      for await (const log of withDefault.callLogs.listAll({ agentId: "a", pageSize: 50 })) {
        expectTypeOf(log).toEqualTypeOf<CallLog>();
        expectTypeOf(log.executedCallActions).toEqualTypeOf<ExecutedCallAction[]>();
      }
      for await (const page of withDefault.callLogs.listPages()) {
        expectTypeOf(page.items).toEqualTypeOf<CallLog[]>();
        expectTypeOf(page.total).toBeNumber();
      }
      for await (const agent of withDefault.agents.listAll()) {
        expectTypeOf(agent).toEqualTypeOf<AgentWithActions>();
      }
      // @ts-expect-error listAll takes no page: it starts at the first
      withDefault.callLogs.listAll({ page: 2 });
      // @ts-expect-error locationId is required without a default
      noDefault.callLogs.listAll({});
    }
    expectTypeOf(withDefault.callLogs.listAll).returns.toEqualTypeOf<AsyncIterableIterator<CallLog>>();
    void iterate;
  });

  it("locationId is optional with a default and required without", () => {
    type Optional<T, K extends keyof T> = {} extends Pick<T, K> ? true : false;
    type WithDefault = Parameters<typeof withDefault.agents.get>[0];
    type NoDefault = Parameters<typeof noDefault.agents.get>[0];
    expectTypeOf<Optional<WithDefault, "locationId">>().toEqualTypeOf<true>();
    expectTypeOf<Optional<NoDefault, "locationId">>().toEqualTypeOf<false>();
    expectTypeOf<Optional<WithDefault, "agentId">>().toEqualTypeOf<false>();
    expectTypeOf<WithDefault["locationId"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<NoDefault["locationId"]>().toEqualTypeOf<string>();
    expectTypeOf<Optional<MethodParams<"listCallLogs", true>, "locationId">>().toEqualTypeOf<true>();
    expectTypeOf<Optional<MethodParams<"listCallLogs">, "locationId">>().toEqualTypeOf<false>();

    type CreateBody<P> = P extends { body: infer B } ? B : never;
    type BodyWithDefault = CreateBody<MethodParams<"createAction", true>>;
    type BodyNoDefault = CreateBody<MethodParams<"createAction">>;
    expectTypeOf<Optional<BodyWithDefault, "locationId">>().toEqualTypeOf<true>();
    expectTypeOf<Optional<BodyNoDefault, "locationId">>().toEqualTypeOf<false>();

    // Exactly the spec's parameters: the path id, the query, nothing else (no `body` on a GET).
    expectTypeOf<MethodParams<"getAgent", true>>().toEqualTypeOf<{ agentId: string; locationId?: string }>();
    expectTypeOf<Parameters<typeof withDefault.agents.get>[1]>().toEqualTypeOf<CallOptions | undefined>();
  });

  it("a default locationId is only assumed when it is a string literal option", () => {
    const maybe: string | undefined = process.env.HIGHLEVEL_LOCATION_ID;
    const client = createVoiceAIClient({ token: "t", locationId: maybe });
    // @ts-expect-error the default may be missing, so locationId stays required
    void (() => client.agents.get({ agentId: "a" }));
  });

  it("errors carry typed fields", () => {
    expectTypeOf<APIError["status"]>().toBeNumber();
    expectTypeOf<APIError["messages"]>().toEqualTypeOf<string[]>();
    expectTypeOf<APIError["rateLimit"]>().toEqualTypeOf<RateLimitInfo | undefined>();
    expectTypeOf(withDefault.rateLimit).returns.toEqualTypeOf<RateLimitInfo | undefined>();
  });

  it("compiles the calls above", () => {
    void compileOnly;
  });
});
