/**
 * A call that just ended, as HighLevel records and announces it: one call log (callLogs.list/get)
 * and one VoiceAiCallEnd event describing the same call (same id, agent, contact, times, actions;
 * the event names an action's id `_id` where the log says `actionId`). The test's overrides apply
 * to both, and are checked against the spec's schemas before anything is stored or sent.
 */
import { validationTable } from "../../../generated/validation.js";
import { ConfigurationError } from "../../errors.js";
import { violationsOf } from "../../validate/schema.js";
import type { FakeContext } from "../context.js";
import type { CallLog } from "../store.js";
import { defaultCall } from "./call-defaults.js";
import type { VoiceAiCallEndEvent } from "./event-type.js";

/** `locationId`, and any field of the event to set instead of the generated value. */
export type SimulateCallOptions = { locationId: string } & Partial<Omit<VoiceAiCallEndEvent, "locationId">>;

/** The event's fields a test may set (`locationId` aside). */
export const CALL_FIELDS = [
  "id",
  "agentId",
  "contactId",
  "fromNumber",
  "createdAt",
  "duration",
  "summary",
  "transcript",
  "translation",
  "extractedData",
  "messageId",
  "trialCall",
  "executedCallActions",
] as const;

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const strict = { schemas: validationTable.schemas, rejectUnknown: true };
type Executed = CallLog["executedCallActions"][number];
type EventAction = NonNullable<VoiceAiCallEndEvent["executedCallActions"]>[number];

const fail = (message: string): never => {
  throw new ConfigurationError(`simulateCall: ${message}`);
};

export function buildCall(
  ctx: FakeContext,
  options: SimulateCallOptions,
): { log: CallLog; event: VoiceAiCallEndEvent } {
  if (typeof options !== "object" || options === null || Array.isArray(options)) fail("give an object");
  const given = options as unknown as Record<string, unknown>;
  for (const key of Object.keys(given))
    if (key !== "locationId" && !(CALL_FIELDS as readonly string[]).includes(key))
      fail(`${key} is not a field of the call`);
  const location = typeof options.locationId === "string" ? ctx.locations.get(options.locationId) : undefined;
  if (!location) return fail(`the fake has no location ${JSON.stringify(options.locationId)}`);
  const agentId = options.agentId ?? [...location.agents.keys()][0];
  if (typeof agentId !== "string" || !location.agents.has(agentId))
    return fail(
      agentId === undefined
        ? "the location has no agent: create one first"
        : "agentId names no agent of the location",
    );
  const id = options.id ?? ctx.newId();
  if (typeof id !== "string" || !ID.test(id)) fail("id must be 1-64 letters, digits, _ or -");
  if (location.callLogs.some((l) => l.id === id)) fail("a call log with this id exists already");
  const { translation, executedCallActions, locationId: _, ...plain } = options;
  if (translation !== undefined) checkTranslation(translation);
  const actions = executedCallActions === undefined ? undefined : toLogActions(executedCallActions);
  if (typeof plain.createdAt === "string" && Number.isNaN(Date.parse(plain.createdAt)))
    fail("createdAt must be a date-time");

  const log: CallLog = {
    ...defaultCall(location, agentId, ctx.clock(), ctx.random, ctx.newId),
    ...(plain as Partial<CallLog>),
    id,
    agentId,
    ...(translation && { translation: { enabled: true, language: translation.language! } }),
    ...(actions && { executedCallActions: actions.logActions }),
  };
  const violations = violationsOf(strict, { $ref: "CallLog" }, log, "");
  if (violations.length > 0)
    fail(
      violations
        .map((v) => `${v.path.replace(/^\./, "").replace(/\.actionId$/, "._id")}: ${v.rule}`)
        .join("; "),
    );
  location.callLogs.splice(insertionIndex(location.callLogs, log.createdAt), 0, log);
  return { log, event: eventOf(log, location.id, translation, actions?.descriptions ?? []) };
}

function checkTranslation(value: unknown): asserts value is { transcript: string; language: string } {
  const t = value as Record<string, unknown>;
  const ok =
    typeof t === "object" &&
    t !== null &&
    Object.keys(t).every((k) => k === "transcript" || k === "language") &&
    typeof t.transcript === "string" &&
    typeof t.language === "string";
  if (!ok) fail("translation must be { transcript: string, language: string }");
}

/** The event's actions in the log's form (`_id` becomes `actionId`), and their descriptions (the event's own). */
function toLogActions(actions: unknown): { logActions: Executed[]; descriptions: (string | undefined)[] } {
  if (!Array.isArray(actions)) return fail("executedCallActions must be a list");
  const descriptions: (string | undefined)[] = [];
  const logActions = actions.map((action, i) => {
    if (typeof action !== "object" || action === null)
      return fail(`executedCallActions[${i}] must be an object`);
    const { _id, description, ...rest } = action as EventAction;
    if (description !== undefined && typeof description !== "string")
      fail(`executedCallActions[${i}].description must be a string`);
    descriptions.push(description);
    return { ...(_id !== undefined && { actionId: _id }), ...rest } as Executed;
  });
  return { logActions, descriptions };
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
  translation: { transcript: string; language: string } | undefined,
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
  } as VoiceAiCallEndEvent;
}
