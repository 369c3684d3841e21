/**
 * Quick start: a tour of the Voice AI API with highlevel-voice-ai. It creates an agent, lists
 * the agents, updates the agent and reads it back, gives it an SMS action, looks at call logs,
 * reads the agent 150 times at once (more than the burst window allows), deletes what it
 * created, and shows that the deleted agent is gone.
 *
 *   npm run demo              against the fake API of highlevel-voice-ai/testing: no account
 *   npm run demo -- --live    against HighLevel; needs GHL_TOKEN (a Private Integration Token
 *                             or location OAuth token) and GHL_LOCATION_ID. What it creates is
 *                             deleted again at the end, or on failure or Ctrl-C.
 *
 * It reads GHL_TOKEN, GHL_LOCATION_ID and, to talk to another server than HighLevel's,
 * VOICE_AI_BASE_URL (which `npm run demo` sets to the fake it starts; --live ignores it).
 */
import { APIError, NotFoundError, VoiceAIError, createVoiceAIClient } from "highlevel-voice-ai";

const live = process.argv.includes("--live");
const { token, locationId, baseUrl } = configuration();

let retries = 0;
const voiceAI = createVoiceAIClient({ token, locationId, baseUrl, onRetry: () => retries++ });

// Ctrl-C: delete what was created before leaving.
onCtrlC(cleanUp);

const startedAt = performance.now();
let agentId: string | undefined;
let actionId: string | undefined;
let step = 0;
const say = (text: string) => console.log(`${String(++step).padStart(2)}. ${text}`);
const detail = (text: string) => console.log(`      ${text}`);

console.log(`Voice AI quick start against ${baseUrl ?? "HighLevel"}, location ${locationId}\n`);

try {
  const agent = await voiceAI.agents.create({
    body: {
      agentName: "Quickstart receptionist",
      businessName: "Acme Dental",
      welcomeMessage: "Thanks for calling Acme Dental! How can I help you today?",
      language: "en-US",
    },
  });
  agentId = agent.id;
  say(`Created agent "${agent.agentName}" (id ${agent.id}), speaking ${agent.language}`);
  detail(
    `settings left out were filled in: patience ${agent.patienceLevel}, calls up to ${agent.maxCallDuration} s`,
  );

  // listAll fetches page after page as the loop asks for more.
  const names: string[] = [];
  for await (const each of voiceAI.agents.listAll()) names.push(each.agentName);
  say(`Listed ${names.length} agent(s) in the location: ${preview(names)}`);

  const patched = await voiceAI.agents.patch({
    agentId,
    body: { maxCallDuration: 600, patienceLevel: "low" },
  });
  say(
    `Updated the agent: calls may last ${patched.maxCallDuration / 60} minutes, patience ${patched.patienceLevel}`,
  );

  const created = await voiceAI.actions.create({
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
  });
  actionId = created.id;
  say(`Gave it an action of type ${created.actionType}: "${created.name}" (id ${created.id})`);

  const reread = await voiceAI.agents.get({ agentId });
  say(
    `Read the agent back: patience ${reread.patienceLevel}, calls up to ${reread.maxCallDuration} s, ` +
      `${reread.actions.length} action(s)`,
  );
  for (const action of reread.actions) {
    // actionType tells which actionParameters the action has: here TypeScript knows messageBody.
    if (action.actionType === "SMS")
      detail(`"${action.name}" texts "${action.actionParameters.messageBody}"`);
    else detail(`"${action.name}", a ${action.actionType} action`);
  }

  const logs = await voiceAI.callLogs.list({ actionType: ["SMS"], pageSize: 3 });
  say(`Found ${logs.total} call(s) in which an SMS was sent; the latest:`);
  for (const call of logs.callLogs) {
    detail(`${call.createdAt}  ${call.duration} s  from ${call.fromNumber ?? "unknown"}: ${call.summary}`);
  }

  // More reads at once than the burst window allows: the client queues them per location.
  const reads = 150;
  const burstStart = performance.now();
  const results = await Promise.allSettled(
    Array.from({ length: reads }, () => voiceAI.agents.get({ agentId: agentId! })),
  );
  const failed = results.filter((r) => r.status === "rejected").length;
  const limit = voiceAI.rateLimit();
  say(
    `Read the agent ${reads} times at once: ${failed} error(s), ${retries} retried, ` +
      `${((performance.now() - burstStart) / 1000).toFixed(1)} s in all`,
  );
  if (limit?.max !== undefined && limit.intervalMs !== undefined) {
    const held = reads > limit.max ? "; the client held back the reads the window could not take" : "";
    detail(`the API allows ${limit.max} requests per ${limit.intervalMs / 1000} s${held}`);
  }

  await voiceAI.actions.delete({ actionId, agentId });
  actionId = undefined;
  say("Deleted the action");

  await voiceAI.agents.delete({ agentId });
  const deleted = agentId;
  agentId = undefined;
  say("Deleted the agent");

  try {
    await voiceAI.agents.get({ agentId: deleted });
    throw new Error(`the deleted agent ${deleted} can still be read`);
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    say(`Getting the deleted agent fails as it should: ${error.name} (${error.status})`);
  }

  console.log(`\nDone: every step succeeded in ${Math.round(performance.now() - startedAt)} ms.`);
} catch (error) {
  console.error(`\nFailed at step ${step + 1}: ${explain(error)}`);
  await cleanUp();
  process.exitCode = 1;
}

/** Where to send requests, from the command line and the environment. */
function configuration(): { token: string; locationId: string; baseUrl: string | undefined } {
  const missing = ["GHL_TOKEN", "GHL_LOCATION_ID"].filter((name) => !process.env[name]);
  if (missing.length > 0) {
    console.error(
      `The quick start needs ${missing.join(" and ")} set:\n` +
        "  GHL_TOKEN        a Private Integration Token (or location OAuth access token) with the\n" +
        "                   voice-ai-agents, voice-ai-agent-goals and voice-ai-dashboard scopes\n" +
        "  GHL_LOCATION_ID  the id of the sub-account (location) to work in\n" +
        "`npm run demo` sets both for a fake API it starts; `npm run demo -- --live` uses yours.",
    );
    process.exit(2);
  }
  const baseUrl = live ? undefined : process.env.VOICE_AI_BASE_URL || undefined;
  return { token: process.env.GHL_TOKEN!, locationId: process.env.GHL_LOCATION_ID!, baseUrl };
}

function preview(items: string[]): string {
  if (items.length === 0) return "(none)";
  return items.slice(0, 5).join(", ") + (items.length > 5 ? `, and ${items.length - 5} more` : "");
}

/** One readable line for what went wrong. */
function explain(error: unknown): string {
  if (error instanceof APIError) {
    let text = `${error.operationId ?? error.method} was answered ${error.status}: ${error.messages.join("; ") || "(no message)"}`;
    if (error.status === 401) text += "\n  Is GHL_TOKEN valid and not expired?";
    if (error.status === 403)
      text += "\n  Does GHL_TOKEN have the Voice AI scopes and access to GHL_LOCATION_ID?";
    return text;
  }
  if (error instanceof VoiceAIError) return `${error.name}: ${error.message}`;
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

/** Runs `first` on Ctrl-C, then exits; a second Ctrl-C (a second later or more) exits at once. */
function onCtrlC(first: () => Promise<void>) {
  let pressedAt = 0;
  process.on("SIGINT", () => {
    // The same Ctrl-C may arrive twice: from the terminal and passed on by npm.
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
