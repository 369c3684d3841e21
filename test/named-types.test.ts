/**
 * The named types of the public surface, checked by `tsc --noEmit` (part of `npm test`): a
 * `@ts-expect-error` line that compiles fails it. The runtime parts check defineAction and
 * the shape checks the client is built with.
 */
import { describe, expect, expectTypeOf, it } from "vitest";
import { assertClient } from "../src/client/shape.js";
import {
  createVoiceAIClient,
  defineAction,
  type Action,
  type ActionRequest,
  type ActionType,
  type Agent,
  type AgentCreate,
  type AgentList,
  type AgentPatch,
  type AgentWithActions,
  type CallLog,
  type CallLogFilters,
  type CallLogList,
  type CallEndExecutedAction,
  type CallEndSmsAction,
  type CallTransferAction,
  type CallTransferActionParameters,
  type components,
  type Language,
  type PatienceLevel,
  type RawClient,
  type SmsAction,
  type SmsActionParameters,
  type SmsActionRequest,
  type VoiceAIClient,
  type VoiceAiCallEndEvent,
} from "../src/index.js";
import type * as TypesEntry from "../src/types-entry.js";

type Schemas = components["schemas"];
const withDefault = createVoiceAIClient({ token: "t", locationId: "LOC123" });
const noDefault = createVoiceAIClient({ token: "t" });
const smsParameters = { triggerPrompt: "p", triggerMessage: "m", messageBody: "b" };

describe("named models", () => {
  it("are the spec's schemas under their names", () => {
    expectTypeOf<Agent>().toExtend<Schemas["Agent"]>();
    expectTypeOf<Schemas["Agent"]>().toExtend<Agent>();
    // Each is assignable to and from the spec's type: the same shape under a name.
    expectTypeOf<AgentWithActions>().toExtend<Schemas["AgentWithActions"]>();
    expectTypeOf<Schemas["AgentWithActions"]>().toExtend<AgentWithActions>();
    expectTypeOf<Schemas["Action"]>().toExtend<Action>();
    expectTypeOf<Action>().toExtend<Schemas["Action"]>();
    expectTypeOf<Schemas["CallLog"]>().toExtend<CallLog>();
    // Properties typed by named schemas carry the names.
    expectTypeOf<AgentWithActions["actions"]>().toEqualTypeOf<Action[]>();
    expectTypeOf<AgentList["agents"]>().toEqualTypeOf<AgentWithActions[]>();
    expectTypeOf<CallLogList["callLogs"]>().toEqualTypeOf<CallLog[]>();
    expectTypeOf<SmsAction["actionParameters"]>().toEqualTypeOf<SmsActionParameters>();
    expectTypeOf<AgentPatch>().toExtend<Schemas["PatchAgentRequest"]>();
    expectTypeOf<CallLog["id"]>().toBeString();
    expectTypeOf<ActionType>().toEqualTypeOf<Schemas["ActionType"]>();
  });

  it("make Action a union of one named type per action kind, narrowed by actionType", () => {
    const describe = (action: Action): string => {
      if (action.actionType === "SMS") {
        expectTypeOf(action).toEqualTypeOf<SmsAction>();
        return action.actionParameters.messageBody;
      }
      if (action.actionType === "CALL_TRANSFER") {
        expectTypeOf(action).toEqualTypeOf<CallTransferAction>();
        return action.actionParameters.transferToValue;
      }
      return action.name;
    };
    const sms: SmsAction = { id: "1", name: "n", actionType: "SMS", actionParameters: smsParameters };
    expect(describe(sms)).toBe("b");
    // @ts-expect-error an SMS action carries SMS parameters
    const wrong: SmsAction = { id: "1", name: "n", actionType: "SMS", actionParameters: { calendarId: "c" } };
    void wrong;
  });

  it("name the VoiceAiCallEnd webhook body and its executed actions, narrowed by actionType", () => {
    expectTypeOf<Schemas["VoiceAiCallEnd"]>().toExtend<VoiceAiCallEndEvent>();
    expectTypeOf<VoiceAiCallEndEvent>().toExtend<Schemas["VoiceAiCallEnd"]>();
    expectTypeOf<VoiceAiCallEndEvent["executedCallActions"]>().toEqualTypeOf<
      CallEndExecutedAction[] | undefined
    >();
    // Nothing is required at the top level, as published.
    expectTypeOf<VoiceAiCallEndEvent["id"]>().toEqualTypeOf<string | undefined>();
    const first = (event: VoiceAiCallEndEvent): string | undefined => {
      const action = event.executedCallActions?.[0];
      if (action?.actionType === "SMS") {
        expectTypeOf(action).toEqualTypeOf<CallEndSmsAction>();
        return action.actionParameters?.messageBody;
      }
      if (action?.actionType === "CALL_TRANSFER") {
        expectTypeOf(action.actionParameters).toEqualTypeOf<CallTransferActionParameters | undefined>();
        return action._id;
      }
      return action?.actionName;
    };
    const sms: CallEndSmsAction = { actionType: "SMS", actionName: "n", actionParameters: smsParameters };
    expect(first({ id: "c1", executedCallActions: [sms] })).toBe("b");
    // @ts-expect-error the event names the action's ID `_id`, not `actionId`
    const renamed: CallEndSmsAction = { actionType: "SMS", actionName: "n", actionId: "a" };
    void renamed;
  });

  it("use the request enums in responses (language, patienceLevel)", () => {
    expectTypeOf<Agent["language"]>().toEqualTypeOf<Language>();
    expectTypeOf<Agent["patienceLevel"]>().toEqualTypeOf<PatienceLevel>();
    expectTypeOf<NonNullable<AgentPatch["language"]>>().toEqualTypeOf<Language>();
    expectTypeOf<Language>().toEqualTypeOf<
      "en-US" | "pt-BR" | "es" | "fr" | "de" | "it" | "nl-NL" | "multi"
    >();
    expectTypeOf<PatienceLevel>().toEqualTypeOf<"low" | "medium" | "high">();
    const sameLanguage = (agent: Agent): AgentPatch => ({ language: agent.language });
    expectTypeOf(sameLanguage).returns.toEqualTypeOf<AgentPatch>();
  });

  it("leave locationId out of request bodies for a client with a default, and require it without", () => {
    const body: AgentCreate = { agentName: "Support" };
    const action: ActionRequest = {
      agentId: "a",
      name: "n",
      actionType: "SMS",
      actionParameters: smsParameters,
    };
    async function calls() {
      await withDefault.agents.create({ body });
      await withDefault.actions.create({ body: action });
      // @ts-expect-error a client without a default location needs the body's locationId
      await noDefault.agents.create({ body });
      // @ts-expect-error a client without a default location needs the body's locationId
      await noDefault.actions.create({ body: action });
      await noDefault.actions.create({ body: { ...action, locationId: "LOC" } });
    }
    void calls;
    expect(body.locationId).toBeUndefined();
  });

  it("name the call-log filters, usable with every list method", () => {
    const filters: CallLogFilters = { agentId: "a", callType: "LIVE", actionType: ["SMS"] };
    async function calls() {
      await withDefault.callLogs.list(filters);
      for await (const log of withDefault.callLogs.listAll(filters))
        expectTypeOf(log).toEqualTypeOf<CallLog>();
      // @ts-expect-error callType is LIVE or TRIAL
      const bad: CallLogFilters = { callType: "live" };
      void bad;
    }
    void calls;
    expect(filters.callType).toBe("LIVE");
  });

  it("are exported by highlevel-voice-ai/types too", () => {
    expectTypeOf<TypesEntry.Agent>().toEqualTypeOf<Agent>();
    expectTypeOf<TypesEntry.ActionRequest>().toEqualTypeOf<ActionRequest>();
    expectTypeOf<TypesEntry.VoiceAIMethods<true>["agents"]>().toEqualTypeOf<VoiceAIClient<true>["agents"]>();
    expectTypeOf<TypesEntry.components>().toEqualTypeOf<components>();
  });
});

describe("defineAction", () => {
  it("returns its argument unchanged", () => {
    const input = { agentId: "a", name: "n", actionType: "SMS", actionParameters: smsParameters } as const;
    expect(defineAction(input)).toBe(input);
  });

  it("keeps actionType a literal, so a body in a variable is accepted", () => {
    const sms = defineAction({ agentId: "a", name: "n", actionType: "SMS", actionParameters: smsParameters });
    expectTypeOf(sms).toEqualTypeOf<SmsActionRequest>();
    expectTypeOf(sms.actionType).toEqualTypeOf<"SMS">();
    const plain = { agentId: "a", name: "n", actionType: "SMS", actionParameters: smsParameters };
    async function calls() {
      await withDefault.actions.create({ body: sms });
      // @ts-expect-error without defineAction, actionType widens to string and matches no action type
      await withDefault.actions.create({ body: plain });
    }
    void calls;
    expect(sms.actionType).toBe("SMS");
  });

  it("checks actionParameters against actionType", () => {
    const check = () => {
      // @ts-expect-error an SMS action has no calendarId
      defineAction({ agentId: "a", name: "n", actionType: "SMS", actionParameters: { calendarId: "c" } });
      // @ts-expect-error FAX is not an action type
      defineAction({ agentId: "a", name: "n", actionType: "FAX", actionParameters: smsParameters });
      // @ts-expect-error unknown property
      defineAction({ agentId: "a", name: "n", actionType: "SMS", actionParameters: smsParameters, extra: 1 });
    };
    expect(check).toBeTypeOf("function");
  });
});

describe("VoiceAIClient as a field type", () => {
  class AgentService {
    constructor(private readonly voiceAI: VoiceAIClient) {}
    get(agentId: string) {
      return this.voiceAI.agents.get({ agentId });
    }
    getIn(agentId: string, locationId: string) {
      return this.voiceAI.agents.get({ agentId, locationId });
    }
  }

  it("accepts either kind of client and keeps the methods usable without locationId", () => {
    const a = new AgentService(withDefault);
    const b = new AgentService(noDefault);
    expectTypeOf(a.get).returns.resolves.toEqualTypeOf<AgentWithActions>();
    expectTypeOf<VoiceAIClient>().toEqualTypeOf<VoiceAIClient<boolean>>();
    expect([a, b]).toHaveLength(2);
  });

  it("keeps the precise kinds available", () => {
    const strict: VoiceAIClient<false> = noDefault;
    const lenient: VoiceAIClient<true> = withDefault;
    // @ts-expect-error a client without a default location needs locationId
    void (() => strict.agents.get({ agentId: "a" }));
    void (() => lenient.agents.get({ agentId: "a" }));
    expect(strict).toBe(noDefault);
  });
});

describe("raw", () => {
  it("types data as the success body (errors throw) and refuses paths not in the spec", () => {
    async function calls(raw: RawClient) {
      const agent = await raw.GET("/voice-ai/agents/{agentId}", {
        params: { path: { agentId: "a" }, query: { locationId: "L" } },
      });
      expectTypeOf(agent.data).toEqualTypeOf<Schemas["AgentWithActions"]>();
      const deleted = await raw.DELETE("/voice-ai/agents/{agentId}", {
        params: { path: { agentId: "a" }, query: { locationId: "L" } },
      });
      expectTypeOf(deleted.data).toEqualTypeOf<undefined>();
      await raw.GET("/voice-ai/agents/{agentId}", {
        params: { path: { agentId: "a" }, query: { locationId: "L" } },
        // @ts-expect-error the body is always read as JSON by the pipeline: no parseAs
        parseAs: "text",
      });
      const viaRequest = await raw.request("get", "/voice-ai/dashboard/call-logs/{callId}", {
        params: { path: { callId: "c" }, query: { locationId: "L" } },
        timeoutMs: 1000,
      });
      expectTypeOf(viaRequest.data).toEqualTypeOf<Schemas["CallLog"]>();
      // @ts-expect-error not a path of the spec
      await raw.GET("/voice-ai/agents/{agentId}/secrets", { params: { path: { agentId: "a" } } });
      // @ts-expect-error the spec has no GET on /voice-ai/actions
      await raw.GET("/voice-ai/actions");
      // @ts-expect-error openapi-fetch's per-request fetch and middleware are not accepted
      await raw.GET("/voice-ai/agents", { params: { query: { locationId: "L" } }, middleware: [] });
    }
    expectTypeOf<keyof RawClient>().toEqualTypeOf<"GET" | "PUT" | "POST" | "DELETE" | "PATCH" | "request">();
    expectTypeOf(withDefault.raw).toEqualTypeOf<RawClient>();
    void calls;
  });

  it("does not expose openapi-fetch's middleware registration", () => {
    expect("use" in withDefault.raw).toBe(false);
    expect("eject" in withDefault.raw).toBe(false);
    expect(typeof withDefault.raw.GET).toBe("function");
  });
});

describe("the client's shape check", () => {
  it("passes on a real client and fails, naming what is missing, on an incomplete one", () => {
    const client = createVoiceAIClient({ token: "t" });
    expect(() => assertClient(client)).not.toThrow();
    const { listAll: _dropped, ...agents } = client.agents;
    expect(() => assertClient({ ...client, agents })).toThrow(/the client has no agents\.listAll/);
    expect(() => assertClient({ ...client, raw: { ...client.raw, PATCH: 1 } })).toThrow(/raw\.PATCH/);
    expect(() => assertClient({})).toThrow(/the client has no raw\.GET/);
  });
});
