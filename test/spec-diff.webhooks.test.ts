/**
 * spec:diff on webhooks (OpenAPI 3.1 `webhooks`), one fixture pair per rule on
 * test/fixtures/spec-diff/webhooks.yaml. HighLevel sends the payload and its headers and the app
 * receives them, so they are judged as a response is: a removed field, a field that became
 * optional, a new enum value or oneOf member break the receiver; an added field and a field that
 * became required do not. The receiver's answer is judged as a request. The event's payload is
 * also the response of GET /calls/{callId}: where both change, the verdicts must agree.
 */
import { describe, it } from "vitest";
import type { Rule } from "../scripts/spec-diff/change.js";
import type { JsonObject } from "../scripts/spec-diff/refs.js";
import { check, type Case } from "./spec-diff-cases.js";
import { at, WEBHOOKS } from "./spec-diff-helpers.js";

const END = "webhook POST CallEnded";
const PAYLOAD = "payload (application/json)";
const GET = "GET /calls/{callId}";
const RESPONSE = "response 200 (application/json)";
const fields = (doc: JsonObject) => at(doc, "components", "schemas", "CallEnded", "properties");
const event = (doc: JsonObject) => at(doc, "webhooks", "CallEnded", "post");

/** The same change seen in the webhook's payload and in the API response that shares its schema. */
const both = (rule: Rule, breaking: boolean, field: string) => [
  { rule, breaking, operation: END, where: `${PAYLOAD} › ${field}` },
  { rule, breaking, operation: GET, where: `${RESPONSE} › ${field}` },
];

const cases: Omit<Case, "fixture">[] = [
  {
    name: "a webhook removed is breaking",
    change: (doc) => delete at(doc, "webhooks").CallStarted,
    expected: [
      { rule: "webhook-removed", breaking: true, operation: "webhook POST CallStarted", where: "webhook" },
    ],
    breaking: true,
  },
  {
    name: "a webhook added is not",
    change: (doc) => void (at(doc, "webhooks").CallQueued = at(doc, "webhooks").CallStarted!),
    expected: [
      { rule: "webhook-added", breaking: false, operation: "webhook POST CallQueued", where: "webhook" },
    ],
    breaking: false,
  },
  {
    name: "a payload field removed is breaking",
    change: (doc) => delete fields(doc).summary,
    expected: both("field-removed", true, "summary"),
    breaking: true,
  },
  {
    name: "a payload field's type changed is breaking",
    change: (doc) => void (fields(doc).duration = { type: "string" }),
    expected: both("type-changed", true, "duration"),
    breaking: true,
  },
  {
    name: "an enum value added to the payload is breaking (a receiver switching on it meets a value it does not know)",
    change: (doc) => void (at(fields(doc), "status").enum = ["completed", "failed", "transferred"]),
    expected: both("enum-value-added", true, "status"),
    breaking: true,
  },
  {
    name: "a oneOf member added to the payload is breaking",
    change: (doc) => {
      const items = at(fields(doc), "actions", "items");
      const member = { type: "object", properties: { actionType: { const: "SMS_V2" } } };
      items.oneOf = [...(items.oneOf as JsonObject[]), member];
    },
    expected: both("variant-added", true, "actions[] (actionType=SMS_V2)"),
    breaking: true,
  },
  {
    name: "a payload field that became optional is breaking",
    change: (doc) => void (at(doc, "components", "schemas", "CallEnded").required = ["id"]),
    expected: both("field-optional", true, "locationId"),
    breaking: true,
  },
  {
    name: "a payload that became optional, or a signature header that did, is breaking",
    change: (doc) => {
      at(event(doc), "requestBody").required = false;
      (event(doc).parameters as JsonObject[])[0]!.required = false;
    },
    expected: [
      { rule: "body-optional", breaking: true, operation: END, where: "payload" },
      { rule: "parameter-optional", breaking: true, operation: END, where: "header parameter x-signature" },
    ],
    breaking: true,
  },
  {
    name: "a header the receiver reads removed is breaking",
    change: (doc) => void (event(doc).parameters = []),
    expected: [
      { rule: "parameter-removed", breaking: true, operation: END, where: "header parameter x-signature" },
    ],
    breaking: true,
  },
  {
    name: "the receiver's success answer removed is breaking",
    change: (doc) => {
      const responses = at(event(doc), "responses");
      responses["204"] = responses["200"]!;
      delete responses["200"];
    },
    expected: [{ rule: "success-status-removed", breaking: true, operation: END, where: "response 200" }],
    breaking: true,
  },
  {
    name: "an optional payload field added is not breaking",
    change: (doc) => void (fields(doc).transcript = { type: "string" }),
    expected: both("field-added", false, "transcript"),
    breaking: false,
  },
  {
    name: "a payload field that became required, or a required field added, is not breaking",
    change: (doc) => {
      fields(doc).agentId = { type: "string" };
      at(doc, "components", "schemas", "CallEnded").required = ["id", "locationId", "summary", "agentId"];
    },
    expected: [...both("field-required", false, "summary"), ...both("field-added", false, "agentId")],
    breaking: false,
  },
  {
    name: "an enum value removed from the payload, or a required header added, is not breaking",
    change: (doc) => {
      at(fields(doc), "status").enum = ["completed"];
      (event(doc).parameters as JsonObject[]).push({
        name: "x-timestamp",
        in: "header",
        required: true,
        schema: { type: "string" },
      });
    },
    expected: [
      ...both("enum-value-removed", false, "status"),
      { rule: "parameter-added", breaking: false, operation: END, where: "header parameter x-timestamp" },
    ],
    breaking: false,
  },
  {
    name: "a payload field's description changed is a patch",
    change: (doc) => void (at(fields(doc), "duration").description = "Seconds the call lasted."),
    expected: both("description-changed", false, "duration"),
    breaking: false,
  },
];

describe("spec:diff on webhooks", () => {
  for (const c of cases) it(c.name, () => check({ ...c, fixture: WEBHOOKS }));
});
