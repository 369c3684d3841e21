/**
 * Quick start: a tour of the Voice AI API with highlevel-voice-ai. It creates an agent, lists
 * the agents, updates the agent, gives it an SMS action and reads that back, looks at call
 * logs, and deletes what it created.
 *
 *   npm run demo              against a local mock of the API: no account, no network
 *   npm run demo -- --live    against HighLevel; needs GHL_TOKEN (a Private Integration Token
 *                             or location OAuth token) and GHL_LOCATION_ID. The agent and
 *                             action it creates are deleted again at the end, or on failure.
 *
 * `npm run demo` starts the mock and runs this file with VOICE_AI_BASE_URL pointing at it.
 */
// In your project: import { ... } from "highlevel-voice-ai";
import { APIError, VoiceAIError, createVoiceAIClient, type CallOptions } from "../src/index.js";

const live = process.argv.includes("--live");
const { token, locationId, baseUrl } = configuration();

const voiceAI = createVoiceAIClient({ token, locationId, baseUrl });

// Only against the mock: it answers every call with a fixed example from the spec, the first
// one (a call transfer) unless `Prefer: example=<name>` asks for another; ask for the SMS one.
const smsExample: CallOptions = live ? {} : { headers: { Prefer: "example=sms" } };

// Ctrl-C during a live run: delete what was created before leaving.
if (live) onCtrlC(cleanUp);

const startedAt = performance.now();
let agentId: string | undefined;
let actionId: string | undefined;
let step = 0;
const say = (text: string) => console.log(`${String(++step).padStart(2)}. ${text}`);
const detail = (text: string) => console.log(`      ${text}`);

console.log(
  live
    ? `Voice AI quick start against HighLevel, location ${locationId}\n`
    : `Voice AI quick start against the mock at ${baseUrl}\n` +
        "(the mock answers with the spec's examples, so names and ids differ from what is sent)\n",
);

try {
  const agent = await voiceAI.agents.create({
    body: {
      agentName: "Quickstart receptionist",
      businessName: "Acme Dental",
      welcomeMessage: "Thanks for calling Acme Dental! How can I help you today?",
      language: "en-US",
      maxCallDuration: 300,
    },
  });
  agentId = agent.id;
  say(`Created agent "${agent.agentName}" (id ${agent.id}), speaking ${agent.language}`);

  // listAll fetches page after page as the loop asks for more.
  const names: string[] = [];
  for await (const each of voiceAI.agents.listAll()) names.push(each.agentName);
  say(`Listed ${names.length} agent(s) in the location: ${preview(names)}`);

  const patched = await voiceAI.agents.patch({
    agentId,
    body: { maxCallDuration: 600, patienceLevel: "high" },
  });
  say(
    `Updated the agent: calls may last ${patched.maxCallDuration / 60} minutes, patience ${patched.patienceLevel}`,
  );

  const created = await voiceAI.actions.create(
    {
      body: {
        agentId,
        actionType: "SMS",
        name: "Send booking confirmation",
        actionParameters: {
          triggerPrompt: "When the caller has booked an appointment",
          triggerMessage: "I'll text you the details",
          messageBody: "Your appointment at Acme Dental is confirmed.",
        },
      },
    },
    smsExample,
  );
  actionId = created.id;
  say(`Gave it an action of type ${created.actionType}: "${created.name}" (id ${created.id})`);

  const action = await voiceAI.actions.get({ actionId }, smsExample);
  // actionType tells which actionParameters the action has: here TypeScript knows messageBody.
  if (action.actionType === "SMS")
    say(`Read the action back: it texts "${action.actionParameters.messageBody}"`);
  else say(`Read the action back: a ${action.actionType} action`);

  const logs = await voiceAI.callLogs.list({ actionType: ["SMS"], pageSize: 5 });
  say(`Found ${logs.total} call(s) in which an SMS was sent; the latest:`);
  for (const call of logs.callLogs) {
    detail(`${call.createdAt}  ${call.duration} s  from ${call.fromNumber ?? "unknown"}: ${call.summary}`);
    for (const ran of call.executedCallActions) {
      if (ran.actionType === "SMS")
        detail(`  sent SMS "${ran.actionParameters?.messageBody ?? "(text not logged)"}"`);
    }
  }

  await voiceAI.actions.delete({ actionId, agentId });
  actionId = undefined;
  say("Deleted the action");

  await voiceAI.agents.delete({ agentId });
  agentId = undefined;
  say("Deleted the agent");

  console.log(`\nDone: every step succeeded in ${Math.round(performance.now() - startedAt)} ms.`);
} catch (error) {
  console.error(`\nFailed at step ${step + 1}: ${explain(error)}`);
  await cleanUp();
  process.exitCode = 1;
}

/** Where to send requests, from the command line and the environment. */
function configuration(): { token: string; locationId: string; baseUrl: string | undefined } {
  if (live) {
    const missing = ["GHL_TOKEN", "GHL_LOCATION_ID"].filter((name) => !process.env[name]);
    if (missing.length > 0) {
      usage(
        `--live runs against the real HighLevel API and needs ${missing.join(" and ")} set:\n` +
          "  GHL_TOKEN        a Private Integration Token (or location OAuth access token) with the\n" +
          "                   voice-ai-agents, voice-ai-agent-goals and voice-ai-dashboard scopes\n" +
          "  GHL_LOCATION_ID  the id of the sub-account (location) to work in\n" +
          "Without --live, `npm run demo` runs against a local mock and needs neither.",
      );
    }
    return { token: process.env.GHL_TOKEN!, locationId: process.env.GHL_LOCATION_ID!, baseUrl: undefined };
  }
  const mock = process.env.VOICE_AI_BASE_URL;
  if (!mock) {
    usage(
      "No server to talk to. Run `npm run demo` (it starts a local mock), set VOICE_AI_BASE_URL to a\n" +
        "running mock, or pass --live with GHL_TOKEN and GHL_LOCATION_ID to use the real API.",
    );
  }
  // Any token and location will do for the mock.
  return { token: "mock-token", locationId: "LOC123456789ABCDEF", baseUrl: mock };
}

function usage(message: string): never {
  console.error(message);
  process.exit(2);
}

function preview(items: string[]): string {
  if (items.length === 0) return "(none)";
  return items.slice(0, 5).join(", ") + (items.length > 5 ? `, and ${items.length - 5} more` : "");
}

/** One readable line for what went wrong. */
function explain(error: unknown): string {
  if (error instanceof APIError) {
    let text = `${error.operationId ?? error.method} was answered ${error.status}: ${error.messages.join("; ") || "(no message)"}`;
    if (live && error.status === 401) text += "\n  Is GHL_TOKEN valid and not expired?";
    if (live && error.status === 403)
      text += "\n  Does GHL_TOKEN have the Voice AI scopes and access to GHL_LOCATION_ID?";
    // The mock explains requests that break the spec in this header.
    const violations = error.headers.get("sl-violations");
    if (violations) text += `\n  The mock says: ${mockViolations(violations)}`;
    return text;
  }
  if (error instanceof VoiceAIError) return `${error.name}: ${error.message}`;
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

function mockViolations(header: string): string {
  try {
    return (JSON.parse(header) as { message: string }[]).map((v) => v.message).join("; ");
  } catch {
    return header;
  }
}

/** Runs `first` on Ctrl-C, then exits; a second Ctrl-C (a second later or more) exits at once. */
function onCtrlC(first: () => Promise<void>) {
  let pressedAt = 0;
  process.on("SIGINT", () => {
    // The same Ctrl-C may arrive twice: from the terminal and passed on by `npm run demo`.
    if (pressedAt > 0) {
      if (Date.now() - pressedAt > 1000) process.exit(130);
      return;
    }
    pressedAt = Date.now();
    void first().finally(() => process.exit(130));
  });
}

/** After a failure: delete what this run created, so that a live run leaves nothing behind. */
async function cleanUp() {
  try {
    if (actionId && agentId) {
      await voiceAI.actions.delete({ actionId, agentId });
      console.error(`Cleaned up: deleted action ${actionId}`);
    }
    if (agentId) {
      await voiceAI.agents.delete({ agentId });
      console.error(`Cleaned up: deleted agent ${agentId}`);
    }
  } catch (error) {
    console.error(`Clean-up failed too (${explain(error)}); delete agent ${agentId} by hand.`);
  }
}
