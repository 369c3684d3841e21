/**
 * The validators of src/validate/ against the spec: every example in the spec is accepted, one
 * mutation per constraint is rejected with the right path and rule, and ajv (an independent
 * JSON Schema implementation) agrees on every verdict it can judge.
 */
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { describe, expect, it } from "vitest";
import { validationTable } from "../generated/validation.js";
import { validateRequest, type RequestParts } from "../src/validate/request.js";
import { violationsOf } from "../src/validate/schema.js";
import { spec, specExamples } from "./support/spec-examples.js";

const strict = { schemas: validationTable.schemas, rejectUnknown: true };
const examples = specExamples();
const exampleOf = (operationId: string, name: string) =>
  structuredClone(
    examples.find((e) => e.operationId === operationId && e.where === "request" && e.name === name)!.value,
  );

/** The parameters an operation needs besides its body. */
const baseParts: Record<string, RequestParts> = {
  createAgent: {},
  patchAgent: { path: { agentId: "a" }, query: { locationId: "L" } },
  createAction: {},
  updateAction: { path: { actionId: "b" } },
};
const withVersion = (parts: RequestParts): RequestParts => ({ ...parts, headers: { Version: "2021-04-15" } });

// ajv judges the schemas as standard JSON Schema (discriminator dropped: each branch pins actionType by const).
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormatsModule.default(ajv);
const components = structuredClone((spec.components as { schemas: Record<string, unknown> }).schemas);
JSON.stringify(components, (_key, value: unknown) => {
  if (value && typeof value === "object" && "discriminator" in value)
    delete (value as { discriminator?: unknown }).discriminator;
  return value;
});
ajv.addSchema(
  JSON.parse(
    JSON.stringify({ $id: "spec", $defs: components }).replaceAll('"#/components/schemas/', '"spec#/$defs/'),
  ),
);
const ajvAccepts = (schemaName: string, value: unknown) =>
  ajv.validate({ $ref: `spec#/$defs/${schemaName}` }, value);

describe("every example in the spec is accepted", () => {
  for (const example of examples) {
    it(`${example.operationId} ${example.where} ${example.name}`, () => {
      if (example.where === "request") {
        const parts = withVersion({ ...baseParts[example.operationId], body: example.value });
        expect(validateRequest(example.operationId, parts)).toEqual([]);
      } else {
        const schema = validationTable.operations[example.operationId]!.responses[example.where]!;
        expect(violationsOf(strict, schema, example.value, "body")).toEqual([]);
      }
    });
  }
});

type Mutation = [
  name: string,
  operationId: string,
  example: string,
  field: string,
  value: unknown,
  path: string,
  rule: string | RegExp,
];
const long = (n: number) => "x".repeat(n);
const ct = "callTransfer";

// One mutation per constraint of the request schemas; `field` is a dotted path into the example.
const mutations: Mutation[] = [
  ["required locationId", "createAgent", "full", "locationId", undefined, "body.locationId", "required"],
  ["agentName minLength", "createAgent", "full", "agentName", "", "body.agentName", "must not be empty"],
  [
    "agentName maxLength",
    "createAgent",
    "full",
    "agentName",
    long(41),
    "body.agentName",
    "at most 40 characters",
  ],
  [
    "businessName minLength",
    "createAgent",
    "full",
    "businessName",
    "",
    "body.businessName",
    "must not be empty",
  ],
  [
    "welcomeMessage maxLength",
    "createAgent",
    "full",
    "welcomeMessage",
    long(191),
    "body.welcomeMessage",
    "at most 190 characters",
  ],
  ["agentPrompt type", "createAgent", "full", "agentPrompt", 42, "body.agentPrompt", "must be a string"],
  ["language enum", "createAgent", "full", "language", "en-GB", "body.language", /^one of en-US, pt-BR/],
  [
    "patienceLevel enum",
    "createAgent",
    "full",
    "patienceLevel",
    "infinite",
    "body.patienceLevel",
    "one of low, medium, high",
  ],
  [
    "maxCallDuration minimum",
    "createAgent",
    "full",
    "maxCallDuration",
    179,
    "body.maxCallDuration",
    "at least 180",
  ],
  [
    "maxCallDuration maximum",
    "createAgent",
    "full",
    "maxCallDuration",
    901,
    "body.maxCallDuration",
    "at most 900",
  ],
  [
    "maxCallDuration NaN-like",
    "createAgent",
    "full",
    "maxCallDuration",
    "600",
    "body.maxCallDuration",
    "must be a finite number",
  ],
  [
    "sendUserIdleReminders type",
    "createAgent",
    "full",
    "sendUserIdleReminders",
    "yes",
    "body.sendUserIdleReminders",
    "must be true or false",
  ],
  [
    "reminderAfterIdleTimeSeconds minimum",
    "createAgent",
    "full",
    "reminderAfterIdleTimeSeconds",
    0,
    "body.reminderAfterIdleTimeSeconds",
    "at least 1",
  ],
  [
    "reminderAfterIdleTimeSeconds maximum",
    "createAgent",
    "full",
    "reminderAfterIdleTimeSeconds",
    21,
    "body.reminderAfterIdleTimeSeconds",
    "at most 20",
  ],
  [
    "callEndWorkflowIds maxItems",
    "createAgent",
    "full",
    "callEndWorkflowIds",
    Array(11).fill("wf"),
    "body.callEndWorkflowIds",
    "at most 10 items",
  ],
  [
    "callEndWorkflowIds items type",
    "createAgent",
    "full",
    "callEndWorkflowIds",
    [1],
    "body.callEndWorkflowIds[0]",
    "must be a string",
  ],
  [
    "notification required",
    "createAgent",
    "full",
    "sendPostCallNotificationTo.customEmails",
    undefined,
    "body.sendPostCallNotificationTo.customEmails",
    "required",
  ],
  [
    "dayOfTheWeek enum",
    "createAgent",
    "full",
    "agentWorkingHours.0.dayOfTheWeek",
    0,
    "body.agentWorkingHours[0].dayOfTheWeek",
    "one of 1, 2, 3, 4, 5, 6, 7",
  ],
  [
    "intervals required",
    "createAgent",
    "full",
    "agentWorkingHours.0.intervals",
    undefined,
    "body.agentWorkingHours[0].intervals",
    "required",
  ],
  [
    "startHour maximum",
    "createAgent",
    "full",
    "agentWorkingHours.0.intervals.0.startHour",
    24,
    "body.agentWorkingHours[0].intervals[0].startHour",
    "at most 23",
  ],
  [
    "endMinute minimum",
    "createAgent",
    "full",
    "agentWorkingHours.0.intervals.0.endMinute",
    -1,
    "body.agentWorkingHours[0].intervals[0].endMinute",
    "at least 0",
  ],
  [
    "timezone pattern",
    "createAgent",
    "full",
    "timezone",
    "New York",
    "body.timezone",
    "must match ^[A-Za-z_]+/[A-Za-z_]+$",
  ],
  [
    "translation.enabled required",
    "createAgent",
    "full",
    "translation.enabled",
    undefined,
    "body.translation.enabled",
    "required",
  ],
  [
    "translation if/then",
    "createAgent",
    "full",
    "translation",
    { enabled: true },
    "body.translation.language",
    "required",
  ],
  ["unknown field", "createAgent", "full", "agentname", "typo", "body.agentname", "unknown field"],
  [
    "unknown nested field",
    "createAgent",
    "full",
    "translation.lang",
    "es",
    "body.translation.lang",
    "unknown field",
  ],
  [
    "patch agentName maxLength",
    "patchAgent",
    "full",
    "agentName",
    long(41),
    "body.agentName",
    "at most 40 characters",
  ],
  ["patch unknown field", "patchAgent", "callLimits", "locationId", "L", "body.locationId", "unknown field"],
  [
    "actionType discriminator",
    "createAction",
    ct,
    "actionType",
    "FAX",
    "body.actionType",
    /^one of CALL_TRANSFER, /,
  ],
  ["actionType required", "createAction", ct, "actionType", undefined, "body.actionType", "required"],
  ["action name required", "createAction", ct, "name", undefined, "body.name", "required"],
  ["action agentId required", "createAction", ct, "agentId", undefined, "body.agentId", "required"],
  [
    "actionParameters required",
    "createAction",
    ct,
    "actionParameters",
    undefined,
    "body.actionParameters",
    "required",
  ],
  [
    "wrong parameters for the type",
    "createAction",
    "sms",
    "actionType",
    "CALL_TRANSFER",
    "body.actionParameters.transferToType",
    "required",
  ],
  [
    "transferToType enum",
    "createAction",
    ct,
    "actionParameters.transferToType",
    "sip",
    "body.actionParameters.transferToType",
    "one of number",
  ],
  [
    "transferToValue minLength",
    "createAction",
    ct,
    "actionParameters.transferToValue",
    "+123456789",
    "body.actionParameters.transferToValue",
    "at least 11 characters",
  ],
  [
    "transferToValue maxLength",
    "createAction",
    ct,
    "actionParameters.transferToValue",
    "+1234567890123456",
    "body.actionParameters.transferToValue",
    "at most 16 characters",
  ],
  [
    "transferToValue pattern",
    "createAction",
    ct,
    "actionParameters.transferToValue",
    "12345678901",
    "body.actionParameters.transferToValue",
    "must match ^\\+[0-9]+$",
  ],
  [
    "hearWhisperMessage type",
    "createAction",
    ct,
    "actionParameters.hearWhisperMessage",
    "true",
    "body.actionParameters.hearWhisperMessage",
    "must be true or false",
  ],
  [
    "examples minItems",
    "createAction",
    "dataExtraction",
    "actionParameters.examples",
    [],
    "body.actionParameters.examples",
    "at least 1 item",
  ],
  [
    "examples maxItems",
    "createAction",
    "inCallDataExtraction",
    "actionParameters.examples",
    ["a", "b", "c", "d", "e", "f"],
    "body.actionParameters.examples",
    "at most 5 items",
  ],
  [
    "workflowId required",
    "createAction",
    "workflowTrigger",
    "actionParameters.workflowId",
    undefined,
    "body.actionParameters.workflowId",
    "required",
  ],
  [
    "messageBody required",
    "createAction",
    "sms",
    "actionParameters.messageBody",
    undefined,
    "body.actionParameters.messageBody",
    "required",
  ],
  [
    "slotsPerDay type",
    "createAction",
    "appointmentBooking",
    "actionParameters.slotsPerDay",
    "3",
    "body.actionParameters.slotsPerDay",
    "must be a finite number",
  ],
  [
    "apiDetails.method enum",
    "createAction",
    "custom",
    "actionParameters.apiDetails.method",
    "PUT",
    "body.actionParameters.apiDetails.method",
    "one of POST, GET",
  ],
  [
    "authenticationValue if/then",
    "createAction",
    "custom",
    "actionParameters.apiDetails.authenticationValue",
    undefined,
    "body.actionParameters.apiDetails.authenticationValue",
    "required",
  ],
  [
    "GET needs selectedPaths",
    "createAction",
    "custom",
    "actionParameters.selectedPaths",
    [],
    "body.actionParameters.selectedPaths",
    "at least 1 item",
  ],
  [
    "POST takes no selectedPaths",
    "createAction",
    "custom",
    "actionParameters.apiDetails.method",
    "POST",
    "body.actionParameters.selectedPaths",
    "must be empty",
  ],
  [
    "header key required",
    "createAction",
    "custom",
    "actionParameters.apiDetails.headers.0.key",
    undefined,
    "body.actionParameters.apiDetails.headers[0].key",
    "required",
  ],
  [
    "parameter name required",
    "createAction",
    "custom",
    "actionParameters.apiDetails.parameters.0.name",
    undefined,
    "body.actionParameters.apiDetails.parameters[0].name",
    "required",
  ],
  [
    "knowledgeBaseId required",
    "createAction",
    "knowledgeBase",
    "actionParameters.knowledgeBaseId",
    undefined,
    "body.actionParameters.knowledgeBaseId",
    "required",
  ],
  [
    "unknown action parameter",
    "createAction",
    "knowledgeBase",
    "actionParameters.triggerMessage",
    "hi",
    "body.actionParameters.triggerMessage",
    "unknown field",
  ],
  [
    "update: locationId required",
    "updateAction",
    "sms",
    "locationId",
    undefined,
    "body.locationId",
    "required",
  ],
];

function mutate(value: unknown, field: string, replacement: unknown): unknown {
  const copy = structuredClone(value) as Record<string, unknown>;
  const keys = field.split(".");
  const last = keys.pop()!;
  const parent = keys.reduce<Record<string, unknown>>((o, k) => o[k] as Record<string, unknown>, copy);
  if (replacement === undefined) delete parent[last];
  else parent[last] = replacement;
  return copy;
}

const bodySchemaName: Record<string, string> = {
  createAgent: "CreateAgentRequest",
  patchAgent: "PatchAgentRequest",
  createAction: "ActionRequest",
  updateAction: "ActionRequest",
};

describe("one mutation per constraint is rejected", () => {
  for (const [name, operationId, example, field, value, path, rule] of mutations) {
    it(name, () => {
      const body = mutate(exampleOf(operationId, example), field, value);
      const violations = validateRequest(operationId, withVersion({ ...baseParts[operationId], body }));
      expect(violations).toContainEqual({
        path,
        rule: rule instanceof RegExp ? expect.stringMatching(rule) : rule,
      });
      // The unmutated example passes, so the mutation alone is what was rejected.
      expect(
        validateRequest(
          operationId,
          withVersion({ ...baseParts[operationId], body: exampleOf(operationId, example) }),
        ),
      ).toEqual([]);
      // ajv knows no "unknown field" across allOf; every other verdict must be the same as ours.
      const schemaName = bodySchemaName[operationId]!;
      expect(ajvAccepts(schemaName, exampleOf(operationId, example))).toBe(true);
      if (rule !== "unknown field") expect(ajvAccepts(schemaName, body)).toBe(false);
    });
  }
});

describe("parameters and the rules the spec states in prose", () => {
  const list = (query: Record<string, unknown>, headers: Record<string, unknown> = { version: "v3" }) =>
    validateRequest("listCallLogs", { query: { locationId: "L", ...query }, headers });
  it.each([
    [{ pageSize: 51 }, "query.pageSize", "at most 50"],
    [{ page: 0 }, "query.page", "at least 1"],
    [{ callType: "DEMO" }, "query.callType", "one of LIVE, TRIAL"],
    [{ actionType: ["SMS", "FAX"] }, "query.actionType[1]", expect.stringMatching(/^one of CALL_TRANSFER/)],
    [{ sortBy: "name" }, "query.sortBy", "one of duration, createdAt"],
    [{ sort: "up" }, "query.sort", "one of ascend, descend"],
    [{ startDate: 1 }, "query.endDate", "required with startDate"],
    [{ endDate: 2 }, "query.startDate", "required with endDate"],
    [{ startDate: 2, endDate: 2 }, "query.startDate", "less than endDate"],
    [{ startDate: "yesterday", endDate: 2 }, "query.startDate", "must be a finite number"],
    [{ colour: "red" }, "query.colour", "unknown parameter"],
    [{ locationId: undefined }, "query.locationId", "required"],
  ])("listCallLogs %j", (query, path, rule) => {
    expect(list(query)).toContainEqual({ path, rule });
  });
  it("checks the Version header, by any case of its name", () => {
    expect(list({}, {})).toEqual([{ path: "header.Version", rule: "required" }]);
    expect(list({}, { VERSION: "2021-04-15" })).toEqual([]);
    expect(list({}, { version: "2024-01-01" })).toEqual([
      { path: "header.Version", rule: "one of 2021-04-15, v3" },
    ]);
  });
  it("listAgents bounds page and pageSize", () => {
    const parts = (query: object) => ({ query: { locationId: "L", ...query }, headers: { Version: "v3" } });
    expect(validateRequest("listAgents", parts({ page: 5001, pageSize: 0 }))).toEqual([
      { path: "query.page", rule: "at most 5000" },
      { path: "query.pageSize", rule: "at least 1" },
    ]);
  });
  it("translation: only for an agent not speaking en-US, into its language or en-US", () => {
    const create = (body: object) =>
      validateRequest("createAgent", withVersion({ body: { locationId: "L", ...body } }));
    expect(create({ translation: { enabled: true, language: "es" } })).toEqual([
      { path: "body.translation.enabled", rule: "only for an agent whose language is not en-US" },
    ]);
    expect(create({ language: "fr", translation: { enabled: true, language: "es" } })).toEqual([
      { path: "body.translation.language", rule: "the agent's language (fr) or en-US" },
    ]);
    expect(create({ language: "fr", translation: { enabled: true, language: "en-US" } })).toEqual([]);
    const patch = (body: object, language: string) =>
      validateRequest("patchAgent", withVersion({ ...baseParts.patchAgent, body }), { agent: { language } });
    expect(patch({ translation: { enabled: true, language: "de" } }, "de")).toEqual([]);
    expect(patch({ translation: { enabled: true, language: "de" } }, "en-US")).toHaveLength(1);
  });
  it("names every violation without quoting a value (a value may be a secret)", () => {
    const body = mutate(
      exampleOf("createAction", "custom"),
      "actionParameters.apiDetails.authenticationValue",
      12345,
    );
    const text = JSON.stringify(validateRequest("createAction", withVersion({ body })));
    expect(text).toContain("body.actionParameters.apiDetails.authenticationValue");
    expect(text).not.toContain("12345");
  });
  it("is not fooled by __proto__, constructor or toString keys", () => {
    const body = JSON.parse('{"locationId":"L","__proto__":{"agentName":1},"constructor":1,"toString":2}');
    expect(validateRequest("createAgent", withVersion({ body }))).toEqual([
      { path: "body.__proto__", rule: "unknown field" },
      { path: "body.constructor", rule: "unknown field" },
      { path: "body.toString", rule: "unknown field" },
    ]);
  });
  it("rejects non-finite numbers, BigInt and wrong containers", () => {
    for (const value of [NaN, Infinity, 10n, [600], { n: 600 }, null])
      expect(
        validateRequest(
          "patchAgent",
          withVersion({ ...baseParts.patchAgent, body: { maxCallDuration: value } }),
        ),
      ).toEqual([{ path: "body.maxCallDuration", rule: "must be a finite number" }]);
    expect(validateRequest("createAgent", withVersion({ body: ["L"] }))).toContainEqual({
      path: "body",
      rule: "must be an object",
    });
  });
});
