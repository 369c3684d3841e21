/**
 * Contract tests: the client against Prism mocking openapi/voice-ai.yaml on 127.0.0.1.
 *
 * Prism checks every request it receives against the spec (path, query, headers, body,
 * security) and lists whatever breaks it, in the request or in its own answer, in the
 * `sl-violations` response header. So:
 *  - every operation is called through the client, and no response may carry violations;
 *    deliberately invalid requests show that the header does appear when they break the spec;
 *  - the typed results have the shape the types promise;
 *  - every error status each operation documents (`Prefer: code=<status>`, 500 for 5XX) is
 *    thrown as its error class, with the body the spec gives for it.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { startPrism, type PrismServer } from "../scripts/prism.js";
import {
  APIError,
  AuthenticationError,
  BadRequestError,
  InvalidRequestError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
  createVoiceAIClient,
  type CallOptions,
  type OperationId,
  type components,
} from "../src/index.js";
import { rejectionOf } from "./rejection.js";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };
type ActionRequest = components["schemas"]["ActionRequest"];

const root = path.resolve(import.meta.dirname, "..");
const specPath = path.join(root, "openapi/voice-ai.yaml");
const spec = parseYaml(readFileSync(specPath, "utf8")) as JsonObject;

const LOC = "LOC123456789ABCDEF";
const ID = "507f1f77bcf86cd799439011";
const ACTION_TYPES = [
  "CALL_TRANSFER",
  "DATA_EXTRACTION",
  "IN_CALL_DATA_EXTRACTION",
  "WORKFLOW_TRIGGER",
  "SMS",
  "APPOINTMENT_BOOKING",
  "CUSTOM_ACTION",
  "KNOWLEDGE_BASE",
];
/** Names of the action examples in the spec (`Prefer: example=<name>`) and the type each one has. */
const ACTION_EXAMPLES = {
  callTransfer: "CALL_TRANSFER",
  dataExtraction: "DATA_EXTRACTION",
  inCallDataExtraction: "IN_CALL_DATA_EXTRACTION",
  workflowTrigger: "WORKFLOW_TRIGGER",
  sms: "SMS",
  appointmentBooking: "APPOINTMENT_BOOKING",
  custom: "CUSTOM_ACTION",
  knowledgeBase: "KNOWLEDGE_BASE",
} as const;

let prism: PrismServer;
beforeAll(async () => {
  prism = await startPrism({ spec: specPath });
}, 60_000);
afterAll(async () => {
  await prism?.stop();
});

interface Violation {
  location: string[];
  severity: string;
  code: string | number;
  message: string;
}
interface Exchange {
  method: string;
  url: string;
  status: number;
  violations: Violation[];
}

/** A client of the mock, as a user would create one, that records every response's violations. */
function connect(options: { rateLimit?: false } = {}) {
  const exchanges: Exchange[] = [];
  const voiceAI = createVoiceAIClient({
    token: "test-token",
    baseUrl: prism.baseUrl,
    locationId: LOC,
    maxRetries: 0,
    ...options,
    fetch: async (request) => {
      const response = await fetch(request);
      const header = response.headers.get("sl-violations");
      const violations = header ? (JSON.parse(header) as Violation[]) : [];
      exchanges.push({ method: request.method, url: request.url, status: response.status, violations });
      return response;
    },
  });
  return { voiceAI, exchanges };
}
type Client = ReturnType<typeof connect>["voiceAI"];

/** The requests were sent, and Prism found nothing in them (or in its answers) that breaks the spec. */
function expectClean(exchanges: Exchange[], count?: number) {
  if (count !== undefined) expect(exchanges).toHaveLength(count);
  else expect(exchanges.length).toBeGreaterThan(0);
  const violations = exchanges.flatMap((e) =>
    e.violations.map((v) => `${e.method} ${new URL(e.url).pathname} → ${v.location.join(".")}: ${v.message}`),
  );
  expect(violations, "Prism found requests (or answers) that break the spec").toEqual([]);
}

/**
 * A test body with a fresh recording client. Whatever else happens, it fails if Prism found
 * violations, and then with them: they are the cause of whatever else went wrong.
 */
function checked(body: (voiceAI: Client, exchanges: Exchange[]) => Promise<void>) {
  return async () => {
    const { voiceAI, exchanges } = connect();
    try {
      await body(voiceAI, exchanges);
    } finally {
      expectClean(exchanges);
    }
  };
}

const SMS_ACTION = {
  agentId: ID,
  actionType: "SMS",
  name: "Send booking confirmation",
  actionParameters: {
    triggerPrompt: "When the caller has booked an appointment",
    triggerMessage: "I'll text you the details",
    messageBody: "Your appointment is confirmed.",
  },
} as const satisfies Omit<ActionRequest, "locationId">;

/** One valid call of every operation, with per-call options (used for the error statuses). */
const calls: Record<OperationId, (voiceAI: Client, options: CallOptions) => Promise<unknown>> = {
  createAgent: (c, o) => c.agents.create({ body: { agentName: "Contract test" } }, o),
  listAgents: (c, o) => c.agents.list({}, o),
  getAgent: (c, o) => c.agents.get({ agentId: ID }, o),
  patchAgent: (c, o) => c.agents.patch({ agentId: ID, body: { maxCallDuration: 600 } }, o),
  deleteAgent: (c, o) => c.agents.delete({ agentId: ID }, o),
  createAction: (c, o) => c.actions.create({ body: SMS_ACTION }, o),
  getAction: (c, o) => c.actions.get({ actionId: ID }, o),
  updateAction: (c, o) => c.actions.update({ actionId: ID, body: SMS_ACTION }, o),
  deleteAction: (c, o) => c.actions.delete({ actionId: ID, agentId: ID }, o),
  listCallLogs: (c, o) => c.callLogs.list({}, o),
  getCallLog: (c, o) => c.callLogs.get({ callId: ID }, o),
};

// ---------------------------------------------------------------- the spec, read as data
function resolve(node: Json | undefined): JsonObject {
  let current = node as JsonObject;
  while (typeof current?.$ref === "string") {
    current = current.$ref
      .slice(2)
      .split("/")
      .reduce<Json>((n, key) => (n as JsonObject)[key]!, spec) as JsonObject;
  }
  return current;
}

interface DocumentedError {
  operationId: OperationId;
  /** As the spec writes it: "404", "5XX". */
  documented: string;
  /** What to ask Prism for. */
  status: number;
  /** The JSON example the spec gives for the response. */
  body: Json;
}

const HTTP_METHODS = new Set(["get", "put", "post", "delete", "patch"]);
const operationIds: string[] = [];
const documentedErrors: DocumentedError[] = [];
for (const item of Object.values(spec.paths as JsonObject)) {
  for (const [method, operation] of Object.entries(item as JsonObject)) {
    if (!HTTP_METHODS.has(method)) continue;
    const { operationId, responses } = operation as { operationId: OperationId; responses: JsonObject };
    operationIds.push(operationId);
    for (const [documented, response] of Object.entries(responses)) {
      if (documented.startsWith("2")) continue;
      const content = resolve(response).content as JsonObject;
      const body = (content["application/json"] as JsonObject).example!;
      documentedErrors.push({
        operationId,
        documented,
        status: documented === "5XX" ? 500 : Number(documented),
        body,
      });
    }
  }
}

const actionsPath = (spec.paths as JsonObject)["/voice-ai/actions"] as JsonObject;
const actionRequestBody = resolve(
  (resolve((actionsPath.post as JsonObject).requestBody).content as JsonObject)["application/json"],
);

const ERROR_CLASSES: Record<number, new (...args: never[]) => APIError> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  422: UnprocessableEntityError,
  429: RateLimitError,
  500: InternalServerError,
};

// ------------------------------------------------------------------------------- tests
describe("every operation, through the client, is a request the spec allows", () => {
  it("covers all the operations of the spec", () => {
    expect(Object.keys(calls).sort()).toEqual([...operationIds].sort());
    expect(operationIds).toHaveLength(11);
  });

  it(
    "createAgent, with every setting",
    checked(async (voiceAI, exchanges) => {
      const agent = await voiceAI.agents.create({
        body: {
          agentName: "Contract test",
          businessName: "Acme",
          welcomeMessage: "Hello!",
          agentPrompt: "Be helpful.",
          voiceId: ID,
          language: "es",
          patienceLevel: "low",
          maxCallDuration: 900,
          sendUserIdleReminders: true,
          reminderAfterIdleTimeSeconds: 20,
          inboundNumber: "+1234567890",
          numberPoolId: "pool_1",
          callEndWorkflowIds: ["wf_1", "wf_2"],
          sendPostCallNotificationTo: {
            admins: true,
            allUsers: false,
            contactAssignedUser: true,
            specificUsers: ["user_1"],
            customEmails: ["manager@example.com"],
          },
          agentWorkingHours: [
            { dayOfTheWeek: 7, intervals: [{ startHour: 9, startMinute: 0, endHour: 17, endMinute: 59 }] },
          ],
          timezone: "Europe/Madrid",
          isAgentAsBackupDisabled: true,
          translation: { enabled: true, language: "es" },
        },
      });
      expect(exchanges).toHaveLength(1);
      expect(exchanges[0]!.status).toBe(201);
      expect(typeof agent.id).toBe("string");
      expect(typeof agent.locationId).toBe("string");
      expect(typeof agent.agentName).toBe("string");
      expect(typeof agent.maxCallDuration).toBe("number");
    }),
  );

  it(
    "createAgent, with nothing but the client's default location",
    checked(async (voiceAI, exchanges) => {
      const agent = await voiceAI.agents.create({ body: {} });
      expect(exchanges).toHaveLength(1);
      expect(typeof agent.id).toBe("string");
    }),
  );

  it(
    "listAgents, with every parameter",
    checked(async (voiceAI, exchanges) => {
      const page = await voiceAI.agents.list({ page: 2, pageSize: 50, query: "support" });
      expect(exchanges).toHaveLength(1);
      expect(typeof page.total).toBe("number");
      expect(Array.isArray(page.agents)).toBe(true);
      for (const agent of page.agents) {
        expect(typeof agent.id).toBe("string");
        expect(Array.isArray(agent.actions)).toBe(true);
      }
    }),
  );

  it(
    "listAgents, paginated by listAll and listPages",
    checked(async (voiceAI, exchanges) => {
      const agents = [];
      for await (const agent of voiceAI.agents.listAll({ query: "support" })) agents.push(agent);
      const pages = [];
      for await (const page of voiceAI.agents.listPages({ pageSize: 10 })) pages.push(page);
      expect(agents.length).toBeGreaterThan(0);
      expect(agents.every((agent) => typeof agent.id === "string")).toBe(true);
      expect(pages.length).toBeGreaterThan(0);
      expect(typeof pages[0]!.total).toBe("number");
    }),
  );

  it(
    "getAgent",
    checked(async (voiceAI, exchanges) => {
      const agent = await voiceAI.agents.get({ agentId: ID });
      expect(exchanges).toHaveLength(1);
      expect(typeof agent.id).toBe("string");
      expect(agent.actions.length).toBeGreaterThan(0);
      for (const action of agent.actions) expect(ACTION_TYPES).toContain(action.actionType);
    }),
  );

  it(
    "patchAgent",
    checked(async (voiceAI, exchanges) => {
      const agent = await voiceAI.agents.patch({
        agentId: ID,
        body: { maxCallDuration: 180, reminderAfterIdleTimeSeconds: 1, translation: { enabled: false } },
      });
      expect(exchanges).toHaveLength(1);
      expect(typeof agent.id).toBe("string");
    }),
  );

  it(
    "deleteAgent",
    checked(async (voiceAI, exchanges) => {
      await expect(voiceAI.agents.delete({ agentId: ID })).resolves.toBeUndefined();
      expect(exchanges).toHaveLength(1);
      expect(exchanges[0]!.status).toBe(204);
    }),
  );

  it.each(Object.entries(ACTION_EXAMPLES))(
    "createAction and updateAction, with the %s example",
    (name, type) =>
      checked(async (voiceAI, exchanges) => {
        // The request example of the same name, as the spec gives it for POST /voice-ai/actions.
        const body = resolve(resolve(actionRequestBody.examples)[name]).value as unknown as ActionRequest;
        expect(body.actionType).toBe(type);
        const options = { headers: { Prefer: `example=${name}` } };
        const created = await voiceAI.actions.create({ body }, options);
        const updated = await voiceAI.actions.update({ actionId: ID, body }, options);
        expect(exchanges).toHaveLength(2);
        for (const action of [created, updated]) {
          expect(typeof action.id).toBe("string");
          expect(action.actionType).toBe(type);
          expect(typeof action.actionParameters).toBe("object");
        }
      })(),
  );

  it(
    "createAction, with the client's default location",
    checked(async (voiceAI, exchanges) => {
      const action = await voiceAI.actions.create(
        { body: SMS_ACTION },
        { headers: { Prefer: "example=sms" } },
      );
      expect(exchanges).toHaveLength(1);
      expect(action.actionType).toBe("SMS");
    }),
  );

  it.each(Object.entries(ACTION_EXAMPLES))("getAction, answered with the %s example", (name, type) =>
    checked(async (voiceAI, exchanges) => {
      const action = await voiceAI.actions.get({ actionId: ID }, { headers: { Prefer: `example=${name}` } });
      expect(exchanges).toHaveLength(1);
      expect(typeof action.id).toBe("string");
      expect(action.actionType).toBe(type);
      if (action.actionType === "SMS") expect(typeof action.actionParameters.messageBody).toBe("string");
    })(),
  );

  it(
    "updateAction, with version v3",
    checked(async (voiceAI, exchanges) => {
      const action = await voiceAI.actions.update({ actionId: ID, body: SMS_ACTION }, { version: "v3" });
      expect(exchanges).toHaveLength(1);
      expect(typeof action.id).toBe("string");
    }),
  );

  it(
    "deleteAction",
    checked(async (voiceAI, exchanges) => {
      await expect(voiceAI.actions.delete({ actionId: ID, agentId: ID })).resolves.toBeUndefined();
      expect(exchanges).toHaveLength(1);
      expect(exchanges[0]!.status).toBe(204);
    }),
  );

  it(
    "listCallLogs, with every filter",
    checked(async (voiceAI, exchanges) => {
      const page = await voiceAI.callLogs.list({
        agentId: ID,
        contactId: ["contact123", "contact456"],
        callType: "LIVE",
        startDate: 1679308800000,
        endDate: 1679395199000,
        actionType: ["SMS", "CALL_TRANSFER", "WORKFLOW_TRIGGER"],
        sortBy: "duration",
        sort: "ascend",
        page: 1,
        pageSize: 50,
      });
      expect(exchanges).toHaveLength(1);
      // The list filters go as one comma-separated value each (style: form, explode: false).
      const query = new URL(exchanges[0]!.url).searchParams;
      expect(query.getAll("actionType")).toEqual(["SMS,CALL_TRANSFER,WORKFLOW_TRIGGER"]);
      expect(query.getAll("contactId")).toEqual(["contact123,contact456"]);
      expect(typeof page.total).toBe("number");
      expect(Array.isArray(page.callLogs)).toBe(true);
      for (const log of page.callLogs) {
        expect(typeof log.id).toBe("string");
        for (const action of log.executedCallActions) expect(ACTION_TYPES).toContain(action.actionType);
      }
    }),
  );

  it(
    "listCallLogs, paginated by listAll with a filter",
    checked(async (voiceAI, exchanges) => {
      const logs = [];
      for await (const log of voiceAI.callLogs.listAll({ callType: "TRIAL", actionType: ["SMS"] }))
        logs.push(log);
      expect(logs.length).toBeGreaterThan(0);
    }),
  );

  it(
    "getCallLog",
    checked(async (voiceAI, exchanges) => {
      const log = await voiceAI.callLogs.get({ callId: ID });
      expect(exchanges).toHaveLength(1);
      expect(typeof log.id).toBe("string");
      expect(typeof log.duration).toBe("number");
      // The example runs one action of every type; each carries its actionType.
      expect(log.executedCallActions.map((action) => action.actionType).sort()).toEqual(
        [...ACTION_TYPES].sort(),
      );
      const sms = log.executedCallActions.find((action) => action.actionType === "SMS");
      if (sms?.actionType !== "SMS") throw new Error("no SMS action in the example");
      expect(typeof sms.actionParameters?.messageBody).toBe("string");
    }),
  );
});

describe("the check can fail: Prism reports requests that break the spec", () => {
  it("an unknown enum value in the query (plain fetch: the client refuses it before sending)", async () => {
    const { voiceAI, exchanges } = connect();
    const refused = await rejectionOf(
      voiceAI.raw.GET("/voice-ai/dashboard/call-logs", {
        params: { query: { locationId: LOC, callType: "BOGUS" as "LIVE" } },
      }),
    );
    expect(refused).toBeInstanceOf(InvalidRequestError);
    expect(exchanges).toHaveLength(0);
    const response = await fetch(
      `${prism.baseUrl}/voice-ai/dashboard/call-logs?locationId=${LOC}&callType=BOGUS`,
      {
        headers: { Authorization: "Bearer test-token", Version: "2021-04-15" },
      },
    );
    await response.arrayBuffer();
    expect(response.status).toBe(400);
    const violations = JSON.parse(response.headers.get("sl-violations") ?? "[]") as Violation[];
    expect(violations).toEqual([
      expect.objectContaining({ code: "enum", message: expect.stringMatching(/calltype.*LIVE, TRIAL/i) }),
    ]);
  });

  it("a value out of range in the body", async () => {
    const { voiceAI, exchanges } = connect();
    const error = await rejectionOf(voiceAI.agents.create({ body: { maxCallDuration: 5 } }));
    expect(error).toBeInstanceOf(UnprocessableEntityError);
    expect((error as APIError).headers.get("sl-violations")).toContain("maxCallDuration");
    expect(exchanges[0]!.violations).toEqual([
      expect.objectContaining({ location: ["request", "body", "maxCallDuration"], code: "minimum" }),
    ]);
  });

  it("a request without a token (plain fetch)", async () => {
    const response = await fetch(`${prism.baseUrl}/voice-ai/agents?locationId=${LOC}`, {
      headers: { Version: "2021-04-15" },
    });
    await response.arrayBuffer();
    expect(response.status).toBe(401);
    expect(response.headers.get("sl-violations")).toContain("security");
  });
});

describe("every documented error status is thrown as its error class", () => {
  it("lists them from the spec", () => {
    // 11 operations, each with 5 to 7 error responses.
    expect(documentedErrors.length).toBeGreaterThan(50);
    expect(new Set(documentedErrors.map((e) => e.status))).toEqual(
      new Set([400, 401, 403, 404, 422, 429, 500]),
    );
  });

  it.each(documentedErrors.map((e) => [`${e.operationId} ${e.documented}`, e] as const))(
    "%s",
    async (_, { operationId, status, body }) => {
      // No client-side limiter: a 429 would hold back the location's next requests.
      const { voiceAI, exchanges } = connect({ rateLimit: false });
      const error = await rejectionOf(calls[operationId](voiceAI, { headers: { Prefer: `code=${status}` } }));
      // The request itself was valid, and it was not retried (maxRetries: 0).
      expectClean(exchanges, 1);
      expect(error).toBeInstanceOf(ERROR_CLASSES[status]);
      const apiError = error as APIError;
      expect(apiError.status).toBe(status);
      expect(apiError.operationId).toBe(operationId);
      expect(apiError.body).toEqual(body);
      expect(apiError.messages.length).toBeGreaterThan(0);
      if (status === 429) expect((error as RateLimitError).retryAfterMs).toBe(10_000);
    },
  );

  it("a 5xx with an HTML body from a gateway", async () => {
    const { voiceAI, exchanges } = connect({ rateLimit: false });
    const error = await rejectionOf(
      voiceAI.agents.get({ agentId: ID }, { headers: { Prefer: "code=500", Accept: "text/html" } }),
    );
    expect(error).toBeInstanceOf(InternalServerError);
    expect((error as APIError).body).toMatch(/^<html>/);
    expect((error as APIError).messages).toEqual([]);
    expectClean(exchanges, 1);
  });
});
