/**
 * What a simulated call is when the test leaves it out: a live call that ended "now" on the fake's
 * clock, which ran some of its agent's own actions (their ids, names and parameters), with a
 * caller, a transcript and a summary. Seeded: the same seed and calls give the same values.
 */
import type { Random } from "../random.js";
import { actionsOf, type CallLog, type LocationState } from "../store.js";

type Executed = CallLog["executedCallActions"][number];
const TOPICS = ["opening hours", "a booking", "pricing", "an order", "a refund", "directions"];

export function defaultCall(
  location: LocationState,
  agentId: string,
  now: number,
  random: Random,
  newId: () => string,
): Omit<CallLog, "id"> {
  const topic = random.pick(TOPICS);
  const duration = random.int(15, 900);
  const createdAt = now - duration * 1000;
  const executed: Executed[] = [];
  for (const action of actionsOf(location, agentId)) {
    if (random.next() < 0.5) continue;
    const at = createdAt + random.int(5, duration) * 1000;
    executed.push({
      actionId: action.id,
      actionType: action.actionType,
      actionName: action.name,
      actionParameters: structuredClone(action.actionParameters),
      triggerReceivedAt: new Date(at - 15_000).toISOString(),
      executedAt: new Date(at).toISOString(),
    } as Executed);
  }
  const extracts = executed.some((a) => a.actionType.includes("DATA_EXTRACTION"));
  return {
    contactId: newId(),
    agentId,
    isAgentDeleted: false,
    fromNumber: `+1555${random.int(1_000_000, 9_999_999)}`,
    createdAt: new Date(createdAt).toISOString(),
    duration,
    trialCall: false,
    executedCallActions: executed,
    summary: `The caller asked about ${topic}; the agent answered and the call ended politely.`,
    transcript: [
      "bot: Hello, thanks for calling. How can I help you today?",
      `human: Hi, I have a question about ${topic}.`,
      "bot: Of course, let me help you with that.",
    ].join("\n"),
    translation: { enabled: false },
    ...(extracts && { extractedData: { email: "jo@example.com", orderNumber: "ORD-1042" } }),
    messageId: newId(),
  };
}
