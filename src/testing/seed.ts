/**
 * The data a location starts with, generated from the seed alone: a few agents with actions,
 * and call logs spread over the 30 days before the clock's "now" (live and trial calls, actions
 * of every type executed, transcripts, extracted data).
 */
import { newAgent } from "./defaults.js";
import { createRandom, type Random } from "./random.js";
import type { Action, CallLog, LocationState } from "./store.js";

type ActionType = Action["actionType"];
type Executed = CallLog["executedCallActions"][number];
const DAY = 86_400_000;
/** Appointment bookings appear only in logs of calls from this day on (the spec says so). */
const BOOKINGS_SINCE = Date.UTC(2025, 8, 9);
const AGENT_NAMES = ["Front Desk", "After-hours Line", "Booking Assistant", "Support Line", "Sales Line"];
const TYPES: ActionType[] = [
  "CALL_TRANSFER",
  "DATA_EXTRACTION",
  "IN_CALL_DATA_EXTRACTION",
  "WORKFLOW_TRIGGER",
  "SMS",
  "APPOINTMENT_BOOKING",
  "CUSTOM_ACTION",
  "KNOWLEDGE_BASE",
];
const TOPICS = ["opening hours", "a booking", "pricing", "an order", "a refund", "directions"];

/** Parameters of an action of each type, as a location might configure them. */
export function sampleAction(type: ActionType, random: Random, id: () => string): Omit<Action, "id"> {
  const trigger = `When the caller asks about ${random.pick(TOPICS)}`;
  const parameters: Record<ActionType, object> = {
    CALL_TRANSFER: {
      triggerPrompt: trigger,
      transferToType: "number",
      transferToValue: `+1555${random.int(1_000_000, 9_999_999)}`,
      triggerMessage: "Let me put you through",
      hearWhisperMessage: random.next() < 0.5,
    },
    DATA_EXTRACTION: {
      contactFieldId: id(),
      description: "The caller's email",
      examples: ["jo@example.com"],
      overwriteExistingValue: false,
    },
    IN_CALL_DATA_EXTRACTION: {
      contactFieldId: id(),
      description: "The order number",
      examples: ["ORD-1042"],
      overwriteExistingValue: true,
    },
    WORKFLOW_TRIGGER: { triggerPrompt: trigger, triggerMessage: "I'll start that for you", workflowId: id() },
    SMS: {
      triggerPrompt: trigger,
      triggerMessage: "I'll text you the details",
      messageBody: "Thanks for calling! Here are the details.",
    },
    APPOINTMENT_BOOKING: { calendarId: id(), daysOfOfferingDates: 3, slotsPerDay: 3, hoursBetweenSlots: 1 },
    CUSTOM_ACTION: {
      triggerPrompt: trigger,
      triggerMessage: "Let me look that up",
      apiDetails: {
        url: "https://api.example.com/orders",
        method: "GET",
        authenticationRequired: false,
        headers: [],
        parameters: [{ name: "orderId" }],
      },
      selectedPaths: ["status"],
    },
    KNOWLEDGE_BASE: { triggerPrompt: trigger, knowledgeBaseId: id() },
  };
  const name = `${type
    .toLowerCase()
    .replace(/_/g, " ")
    .replace(/^./, (c) => c.toUpperCase())} ${random.int(1, 99)}`;
  return { actionType: type, name, actionParameters: parameters[type] } as Omit<Action, "id">;
}

export interface SeedCounts {
  agents: number;
  callLogs: number;
}

/** Fills a location with its seeded agents, actions and call logs. */
export function seedLocation(
  location: LocationState,
  seed: string | number,
  counts: SeedCounts,
  now: number,
  id: () => string,
) {
  const random = createRandom(`${seed}:${location.id}`);
  for (let i = 0; i < counts.agents; i++) {
    const agent = newAgent(location, id(), id(), random, { agentName: AGENT_NAMES[i % AGENT_NAMES.length] });
    location.agents.set(agent.id, agent);
    for (const type of [TYPES[i % TYPES.length]!, TYPES[(i + 4) % TYPES.length]!]) {
      const action = { id: id(), ...sampleAction(type, random, id) } as Action;
      location.actions.set(action.id, { agentId: agent.id, action });
    }
  }
  const agentIds = [...location.agents.keys()];
  // Logs of agents deleted before the fake started, when the location has none.
  if (agentIds.length === 0) agentIds.push(id());
  const contacts = Array.from({ length: Math.max(3, Math.ceil(counts.callLogs / 4)) }, () => id());
  const logs: CallLog[] = [];
  for (let i = 0; i < counts.callLogs; i++) {
    const createdAt = now - random.int(60_000, 30 * DAY);
    const agentId = random.pick(agentIds);
    // The first logs run one action of each type, so every type can be found.
    const types = [
      ...(i < TYPES.length ? [TYPES[i]!] : []),
      ...Array.from({ length: random.int(0, 2) }, () => random.pick(TYPES)),
    ];
    logs.push(
      callLog(random, id, {
        agentId,
        createdAt,
        types,
        contactId: random.pick(contacts),
        deleted: !location.agents.has(agentId),
      }),
    );
  }
  location.callLogs = logs.sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
}

interface LogFacts {
  agentId: string;
  createdAt: number;
  types: ActionType[];
  contactId: string;
  deleted: boolean;
}

function callLog(random: Random, id: () => string, facts: LogFacts): CallLog {
  const topic = random.pick(TOPICS);
  const duration = random.int(15, 900);
  const executed: Executed[] = [];
  for (const type of facts.types) {
    if (type === "APPOINTMENT_BOOKING" && facts.createdAt < BOOKINGS_SINCE) continue;
    const at = facts.createdAt + random.int(5, duration) * 1000;
    const { actionType, name, actionParameters } = sampleAction(type, random, id);
    executed.push({
      actionId: id(),
      actionType,
      actionName: name,
      actionParameters,
      triggerReceivedAt: new Date(at - 15_000).toISOString(),
      executedAt: new Date(at).toISOString(),
    } as Executed);
  }
  const extracts = facts.types.some((t) => t.includes("DATA_EXTRACTION"));
  return {
    id: id(),
    contactId: facts.contactId,
    agentId: facts.agentId,
    isAgentDeleted: facts.deleted,
    fromNumber: `+1555${random.int(1_000_000, 9_999_999)}`,
    createdAt: new Date(facts.createdAt).toISOString(),
    duration,
    trialCall: random.next() < 0.2,
    executedCallActions: executed,
    summary: `The caller asked about ${topic}; the agent answered and the call ended politely.`,
    transcript: [
      "bot: Hello, thanks for calling. How can I help you today?",
      `human: Hi, I have a question about ${topic}.`,
      "bot: Of course, let me help you with that.",
      "human: Thank you, that's all.",
    ].join("\n"),
    translation: { enabled: false },
    ...(extracts && { extractedData: { email: "jo@example.com", orderNumber: "ORD-1042" } }),
    messageId: id(),
  };
}
