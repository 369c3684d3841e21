/**
 * `npm run bench:validate`: what `withValidation` adds to a call, in microseconds: the time
 * to check typical arguments against the spec (the whole of its work before the call goes on
 * to the client). Bounded: a fixed number of calls per case, about a second in all.
 */
import { createVoiceAIClient } from "../src/index.js";
import { checkCall } from "../src/validate/client.js";
import { operations } from "../generated/operations.js";
import { withValidation } from "../src/validate/index.js";

const AGENT = "507f1f77bcf86cd799439011";
const cases: [string, keyof typeof operations, Record<string, unknown>][] = [
  ["getAgent (one id)", "getAgent", { agentId: AGENT }],
  [
    "listCallLogs (6 filters)",
    "listCallLogs",
    {
      agentId: AGENT,
      callType: "LIVE",
      actionType: ["SMS", "CALL_TRANSFER"],
      startDate: 1,
      endDate: 2,
      pageSize: 50,
    },
  ],
  [
    "createAgent (every setting)",
    "createAgent",
    {
      body: {
        agentName: "Front desk",
        businessName: "Acme",
        welcomeMessage: "Hello!",
        language: "es",
        patienceLevel: "low",
        maxCallDuration: 600,
        callEndWorkflowIds: ["wf_1", "wf_2"],
        sendPostCallNotificationTo: {
          admins: true,
          allUsers: false,
          contactAssignedUser: false,
          specificUsers: [],
          customEmails: ["a@b.co"],
        },
        agentWorkingHours: [1, 2, 3, 4, 5].map((day) => ({
          dayOfTheWeek: day,
          intervals: [{ startHour: 9, startMinute: 0, endHour: 17, endMinute: 30 }],
        })),
        timezone: "America/New_York",
        translation: { enabled: true, language: "en-US" },
      },
    },
  ],
  [
    "createAction (CUSTOM_ACTION)",
    "createAction",
    {
      body: {
        agentId: AGENT,
        actionType: "CUSTOM_ACTION",
        name: "Order status",
        actionParameters: {
          triggerPrompt: "When the caller gives an order number",
          triggerMessage: "Let me check",
          apiDetails: {
            url: "https://api.example.com/orders",
            method: "GET",
            authenticationRequired: true,
            authenticationValue: "t",
            headers: [{ key: "a", value: "b" }],
            parameters: [{ name: "orderId" }],
          },
          selectedPaths: ["status"],
        },
      },
    },
  ],
];

const ITERATIONS = 20_000;
console.log(
  `withValidation: cost of checking one call's arguments (${ITERATIONS.toLocaleString("en-US")} calls per case)\n`,
);
for (const [label, operationId, params] of cases) {
  const spec = operations[operationId];
  for (let i = 0; i < 2_000; i++) checkCall(operationId, spec, params); // warm-up
  const start = performance.now();
  for (let i = 0; i < ITERATIONS; i++) checkCall(operationId, spec, params);
  const us = ((performance.now() - start) * 1000) / ITERATIONS;
  console.log(`  ${label.padEnd(30)} ${us.toFixed(1).padStart(6)} µs/call`);
}

// End to end through a client whose fetch answers at once: with and without the wrapper.
const fetch = async () => new Response('{"id":"x"}', { headers: { "content-type": "application/json" } });
const plain = createVoiceAIClient({
  token: "t",
  locationId: "LOC",
  baseUrl: "http://127.0.0.1:9",
  fetch,
  rateLimit: false,
});
const checked = withValidation(plain);
const CALLS = 5_000;
for (const [label, client] of [
  ["plain client", plain],
  ["withValidation", checked],
] as const) {
  for (let i = 0; i < 500; i++) await client.agents.get({ agentId: AGENT });
  const start = performance.now();
  for (let i = 0; i < CALLS; i++) await client.agents.get({ agentId: AGENT });
  console.log(
    `  agents.get, ${label.padEnd(16)} ${(((performance.now() - start) * 1000) / CALLS).toFixed(1).padStart(6)} µs/call (fetch stubbed)`,
  );
}
