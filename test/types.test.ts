/**
 * Type-level tests of generated/schema.ts. What matters here is compilation: `tsc --noEmit`
 * (part of `npm test`) fails when a `@ts-expect-error` line compiles, or when a narrowing or
 * `expectTypeOf` assertion below stops holding. The runtime parts only make sure the
 * functions are called with data shaped like the spec's examples.
 */
import { describe, expect, expectTypeOf, it } from "vitest";
import type { components, operations } from "../generated/schema.js";

type Schemas = components["schemas"];
type Action = Schemas["Action"];
type ActionRequest = Schemas["ActionRequest"];
type ExecutedCallAction = Schemas["ExecutedCallAction"];
type AgentWithActions = Schemas["AgentWithActions"];
type SmsParameters = Schemas["SmsActionParameters"];
type AppointmentParameters = Schemas["AppointmentBookingActionParameters"];

const smsParameters: SmsParameters = {
  triggerPrompt: "When caller asks for booking confirmation",
  triggerMessage: "I'll send you a confirmation text",
  messageBody: "Your appointment is confirmed for tomorrow at 2 PM",
};
const appointmentParameters: AppointmentParameters = {
  calendarId: "507f1f77bcf86cd799439011",
  daysOfOfferingDates: 3,
  slotsPerDay: 3,
  hoursBetweenSlots: 1,
};
/** What must not compile: an SMS action with appointment-booking parameters. */
const smsWithAppointment = { actionType: "SMS", actionParameters: appointmentParameters } as const;
/** Its control: the same action with SMS parameters. */
const smsWithSms = { actionType: "SMS", actionParameters: smsParameters } as const;

/** Compiles only while `actionType` narrows `actionParameters` in every member of the union. */
function smsBody(action: Action | ActionRequest): string | undefined {
  if (action.actionType === "SMS") {
    expectTypeOf(action.actionParameters).toEqualTypeOf<SmsParameters>();
    return action.actionParameters.messageBody;
  }
  if (action.actionType === "APPOINTMENT_BOOKING") {
    expectTypeOf(action.actionParameters).toEqualTypeOf<AppointmentParameters>();
    // @ts-expect-error an appointment booking has no message body
    return action.actionParameters.messageBody;
  }
  return undefined;
}

/** Exhaustive over the eight action types: a ninth type, or a missing one, breaks it. */
function parameterShape(action: Action): string {
  switch (action.actionType) {
    case "CALL_TRANSFER":
      return action.actionParameters.transferToValue;
    case "DATA_EXTRACTION":
    case "IN_CALL_DATA_EXTRACTION":
      return action.actionParameters.contactFieldId;
    case "WORKFLOW_TRIGGER":
      return action.actionParameters.workflowId;
    case "SMS":
      return action.actionParameters.messageBody;
    case "APPOINTMENT_BOOKING":
      return action.actionParameters.calendarId;
    case "CUSTOM_ACTION":
      return action.actionParameters.apiDetails.url;
    case "KNOWLEDGE_BASE":
      return action.actionParameters.knowledgeBaseId;
    default: {
      const unreachable: never = action;
      return unreachable;
    }
  }
}

describe("Action (a stored action)", () => {
  it("narrows actionParameters by actionType", () => {
    const sms: Action = {
      id: "507f1f77bcf86cd799439011",
      name: "Send SMS",
      actionType: "SMS",
      actionParameters: smsParameters,
    };
    expect(smsBody(sms)).toBe(smsParameters.messageBody);
    expect(parameterShape(sms)).toBe(smsParameters.messageBody);
    expectTypeOf<Action["actionType"]>().toEqualTypeOf<Schemas["ActionType"]>();
  });

  it("rejects an SMS action with appointment-booking parameters", () => {
    // @ts-expect-error an SMS action cannot carry appointment-booking parameters
    const wrong: Action = { id: "1", name: "Send SMS", ...smsWithAppointment };
    const right: Action = { id: "1", name: "Send SMS", ...smsWithSms };
    // The appointment parameters compile under their own type.
    const booking: Action = {
      id: "1",
      name: "Book",
      actionType: "APPOINTMENT_BOOKING",
      actionParameters: appointmentParameters,
    };
    expect([wrong.actionType, right.actionType, booking.actionType]).toEqual([
      "SMS",
      "SMS",
      "APPOINTMENT_BOOKING",
    ]);
    expectTypeOf<{
      id: string;
      name: string;
      actionType: "SMS";
      actionParameters: AppointmentParameters;
    }>().not.toExtend<Action>();
  });

  it("requires the id and name every stored action has", () => {
    // @ts-expect-error a stored action has an id
    const noId: Action = { name: "Send SMS", actionType: "SMS", actionParameters: smsParameters };
    expect(noId.actionType).toBe("SMS");
  });
});

describe("ActionRequest (the body of createAction and updateAction)", () => {
  it("narrows actionParameters by actionType", () => {
    const request: ActionRequest = {
      agentId: "507f1f77bcf86cd799439011",
      locationId: "507f1f77bcf86cd799439012",
      name: "Send SMS",
      actionType: "SMS",
      actionParameters: smsParameters,
    };
    expect(smsBody(request)).toBe(smsParameters.messageBody);
    expectTypeOf<operations["createAction"]["requestBody"]>().toEqualTypeOf<{
      content: { "application/json": ActionRequest };
    }>();
  });

  it("rejects an SMS request with appointment-booking parameters", () => {
    const base = { agentId: "a", locationId: "l", name: "n" } as const;
    // @ts-expect-error an SMS action cannot carry appointment-booking parameters
    const wrong: ActionRequest = { ...base, ...smsWithAppointment };
    const right: ActionRequest = { ...base, ...smsWithSms };
    expect([wrong.actionType, right.actionType]).toEqual(["SMS", "SMS"]);
  });
});

describe("ExecutedCallAction (an action in a call log)", () => {
  /** The log may leave actionParameters out, so it is optional after narrowing too. */
  function executedSmsBody(action: ExecutedCallAction): string | undefined {
    if (action.actionType === "SMS") {
      expectTypeOf(action.actionParameters).toEqualTypeOf<SmsParameters | undefined>();
      // Not called: it would throw on a log without parameters, which is what the error is about.
      // @ts-expect-error actionParameters may be missing from a log
      const unchecked = (): string => action.actionParameters.messageBody;
      expectTypeOf(unchecked).toBeFunction();
      return action.actionParameters?.messageBody;
    }
    return undefined;
  }

  it("narrows the optional actionParameters by actionType", () => {
    const withParameters: ExecutedCallAction = {
      actionName: "Send SMS",
      actionType: "SMS",
      actionParameters: smsParameters,
    };
    const without: ExecutedCallAction = { actionName: "Send SMS", actionType: "SMS" };
    expect(executedSmsBody(withParameters)).toBe(smsParameters.messageBody);
    expect(executedSmsBody(without)).toBeUndefined();
    expectTypeOf<Schemas["CallLog"]["executedCallActions"]>().toEqualTypeOf<ExecutedCallAction[]>();
  });

  it("rejects an executed SMS action with appointment-booking parameters", () => {
    // @ts-expect-error an SMS action cannot carry appointment-booking parameters
    const wrong: ExecutedCallAction = { actionName: "Send SMS", ...smsWithAppointment };
    const right: ExecutedCallAction = { actionName: "Send SMS", ...smsWithSms };
    expect([wrong.actionType, right.actionType]).toEqual(["SMS", "SMS"]);
  });
});

describe("AgentWithActions", () => {
  it("holds actions of the Action union, narrowed the same way", () => {
    expectTypeOf<AgentWithActions["actions"]>().toEqualTypeOf<Action[]>();
    const bodies = (agent: AgentWithActions): string[] =>
      agent.actions.flatMap((a) => (a.actionType === "SMS" ? [a.actionParameters.messageBody] : []));
    expectTypeOf(bodies).returns.toEqualTypeOf<string[]>();
    expectTypeOf<
      operations["getAgent"]["responses"][200]["content"]["application/json"]
    >().toEqualTypeOf<AgentWithActions>();
    expectTypeOf<Schemas["AgentPage"]["agents"]>().toEqualTypeOf<AgentWithActions[]>();
  });

  it("rejects an SMS action with appointment-booking parameters inside an agent", () => {
    type Actions = AgentWithActions["actions"];
    // @ts-expect-error an SMS action cannot carry appointment-booking parameters
    const wrong: Actions = [{ id: "1", name: "Send SMS", ...smsWithAppointment }];
    const right: Actions = [{ id: "1", name: "Send SMS", ...smsWithSms }];
    expect([...wrong, ...right]).toHaveLength(2);
  });
});

describe("listCallLogs query", () => {
  type Query = NonNullable<operations["listCallLogs"]["parameters"]["query"]>;

  it("takes actionType and contactId as arrays (sent comma-separated)", () => {
    expectTypeOf<NonNullable<Query["actionType"]>>().toEqualTypeOf<Schemas["ActionType"][]>();
    expectTypeOf<Schemas["ActionType"]>().toEqualTypeOf<
      | "CALL_TRANSFER"
      | "DATA_EXTRACTION"
      | "IN_CALL_DATA_EXTRACTION"
      | "WORKFLOW_TRIGGER"
      | "SMS"
      | "APPOINTMENT_BOOKING"
      | "CUSTOM_ACTION"
      | "KNOWLEDGE_BASE"
    >();
    expectTypeOf<NonNullable<Query["contactId"]>>().toEqualTypeOf<string[]>();
    const query: Query = { locationId: "LOC123456789ABCDEF", actionType: ["SMS", "CALL_TRANSFER"] };
    expect(query.actionType).toHaveLength(2);
  });

  it("rejects a pre-joined string and unknown action types", () => {
    // @ts-expect-error the client joins the array itself
    const joined: Query = { locationId: "LOC123456789ABCDEF", actionType: "SMS,CALL_TRANSFER" };
    // @ts-expect-error not an action type
    const unknown: Query = { locationId: "LOC123456789ABCDEF", actionType: ["EMAIL"] };
    expect([joined, unknown]).toHaveLength(2);
  });
});

describe("error bodies", () => {
  type Json<R> = R extends { content: { "application/json": infer B } } ? B : never;

  it("types the 422 message as a list of strings and the 400 message as a string", () => {
    type Unprocessable = Json<operations["createAgent"]["responses"][422]>;
    expectTypeOf<Unprocessable>().toEqualTypeOf<Schemas["UnprocessableEntityError"]>();
    expectTypeOf<NonNullable<Unprocessable["message"]>>().toEqualTypeOf<string[]>();
    expectTypeOf<NonNullable<Json<operations["updateAction"]["responses"][422]>["message"]>>().toEqualTypeOf<
      string[]
    >();
    expectTypeOf<
      NonNullable<Json<operations["createAgent"]["responses"][400]>["message"]>
    >().toEqualTypeOf<string>();

    const body: Unprocessable = {
      statusCode: 422,
      message: ["Unprocessable Entity"],
      error: "Unprocessable Entity",
    };
    // @ts-expect-error a 422 message is a list, not one string
    const single: Unprocessable = { statusCode: 422, message: "Unprocessable Entity" };
    expect([body.message, single.message]).toEqual([["Unprocessable Entity"], "Unprocessable Entity"]);
  });
});
