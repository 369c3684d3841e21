/**
 * A call that just ended, as HighLevel records and announces it: one call log (callLogs.list/get)
 * and one VoiceAiCallEnd event describing the same call (same id, agent, contact, times, actions;
 * the event names an action's id `_id` where the log says `actionId`). The test's overrides apply
 * to both, and are checked against the spec's schemas of both before anything is stored or sent.
 */
import type { VoiceAiCallEndEvent } from "../../../generated/models.js";
import { validationTable } from "../../../generated/validation.js";
import { ConfigurationError } from "../../errors/index.js";
import { violationsOf } from "../../validate/schema.js";
import type { FakeContext } from "../context.js";
import type { CallLog } from "../store.js";
import { defaultCall } from "./call-defaults.js";

/** `locationId`, and any field of the event to set instead of the generated value. */
export type SimulateCallOptions = { locationId: string } & Partial<
  Omit<VoiceAiCallEndEvent, "locationId" | "type">
>;

/** The event's fields a test may set (`locationId` aside): the spec's, read from its schema. */
export const CALL_FIELDS: readonly string[] = Object.keys(
  validationTable.schemas.VoiceAiCallEnd?.properties ?? {},
).filter((name) => name !== "type" && name !== "locationId");

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const strict = { schemas: validationTable.schemas, rejectUnknown: true };
type Executed = CallLog["executedCallActions"][number];
type Translation = NonNullable<VoiceAiCallEndEvent["translation"]>;

const fail = (message: string): never => {
  throw new ConfigurationError(`simulateCall: ${message}`);
};
const failOn = (value: unknown, schema: string, rename: (path: string) => string = (p) => p) => {
  const violations = violationsOf(strict, { $ref: schema }, value, "");
  if (violations.length > 0)
    fail(violations.map((v) => `${rename(v.path.replace(/^\./, ""))}: ${v.rule}`).join("; "));
};

export function buildCall(
  ctx: FakeContext,
  options: SimulateCallOptions,
): { log: CallLog; event: VoiceAiCallEndEvent } {
  if (typeof options !== "object" || options === null || Array.isArray(options)) fail("give an object");
  const { locationId, ...fields } = options as SimulateCallOptions & Record<string, unknown>;
  for (const key of Object.keys(fields))
    if (!CALL_FIELDS.includes(key)) fail(`${key} is not a field of the call`);
  const location = typeof locationId === "string" ? ctx.locations.get(locationId) : undefined;
  if (!location) return fail(`the fake has no location ${JSON.stringify(locationId)}`);
  failOn(fields, "VoiceAiCallEnd");
  const agentId = fields.agentId ?? [...location.agents.keys()][0];
  if (agentId === undefined) fail("the location has no agent: create one first");
  if (!location.agents.has(agentId!)) fail("agentId names no agent of the location");
  const id = fields.id ?? ctx.newId();
  if (!ID.test(id)) fail("id must be 1-64 letters, digits, _ or -");
  if (location.callLogs.some((l) => l.id === id)) fail("a call log with this id exists already");
  if (fields.createdAt !== undefined && Number.isNaN(Date.parse(fields.createdAt)))
    fail("createdAt must be a date-time");

  const { translation, executedCallActions, ...plain } = fields;
  const log: CallLog = {
    ...defaultCall(location, agentId!, ctx.clock(), ctx.random, ctx.newId),
    ...(plain as Partial<CallLog>),
    id,
    agentId: agentId!,
    ...(translation && {
      translation: {
        enabled: true,
        ...(translation.language !== undefined && { language: translation.language }),
      },
    }),
    ...(executedCallActions && {
      executedCallActions: executedCallActions.map(({ _id, description: _, ...rest }) => ({
        ...(_id !== undefined && { actionId: _id }),
        ...rest,
      })) as Executed[],
    }),
  };
  failOn(log, "CallLog", (path) => path.replace(/\.actionId$/, "._id"));
  const descriptions = executedCallActions?.map((action) => action.description) ?? [];
  const event = eventOf(log, location.id, translation, descriptions);
  failOn(event, "VoiceAiCallEnd");
  location.callLogs.splice(insertionIndex(location.callLogs, log.createdAt), 0, log);
  return { log, event };
}

/** Newest first, as the list keeps them. */
function insertionIndex(logs: readonly CallLog[], createdAt: string): number {
  const at = Date.parse(createdAt);
  const index = logs.findIndex((l) => Date.parse(l.createdAt) <= at);
  return index < 0 ? logs.length : index;
}

function eventOf(
  log: CallLog,
  locationId: string,
  translation: Translation | undefined,
  descriptions: readonly (string | undefined)[],
): VoiceAiCallEndEvent {
  const {
    isAgentDeleted: _deleted,
    translation: _settings,
    executedCallActions,
    ...fields
  } = structuredClone(log);
  return {
    ...fields,
    locationId,
    ...(translation && { translation: { ...translation } }),
    executedCallActions: executedCallActions.map(({ actionId, ...rest }, i) => ({
      ...(actionId !== undefined && { _id: actionId }),
      ...rest,
      ...(descriptions[i] !== undefined && { description: descriptions[i] }),
    })),
  };
}
