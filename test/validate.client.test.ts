/**
 * withValidation(client): a call that breaks the spec throws a RequestValidationError (an
 * InvalidRequestError) listing every violation, and nothing is sent; a valid call goes through
 * unchanged, with the client's own defaults (locationId) still applied.
 */
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { InvalidRequestError, createVoiceAIClient } from "../src/index.js";
import { RequestValidationError, withValidation } from "../src/validate/index.js";
import { rejectionOf } from "./rejection.js";

const LOC = "LOC123456789ABCDEF";
const AGENT_ID = "507f1f77bcf86cd799439011";

function setup() {
  const sent: Request[] = [];
  const fetch = async (request: Request) => {
    sent.push(request);
    const status = request.method === "DELETE" ? 204 : 200;
    const body =
      request.method === "DELETE" ? null : JSON.stringify({ total: 0, page: 1, pageSize: 10, agents: [] });
    return new Response(body, { status, headers: { "content-type": "application/json" } });
  };
  const client = createVoiceAIClient({
    token: "secret-token",
    locationId: LOC,
    baseUrl: "http://127.0.0.1:9",
    fetch,
  });
  return { sent, voiceAI: withValidation(client), client };
}

async function violationError(promise: Promise<unknown>): Promise<RequestValidationError> {
  const error = await rejectionOf(promise);
  expect(error).toBeInstanceOf(RequestValidationError);
  expect(error).toBeInstanceOf(InvalidRequestError);
  return error as RequestValidationError;
}

describe("withValidation", () => {
  it("lists every violation by path and rule, and sends nothing", async () => {
    const { sent, voiceAI } = setup();
    const error = await violationError(
      voiceAI.agents.create({
        body: { agentName: "x".repeat(41), maxCallDuration: 100, patienceLevel: "low", timezone: "Mars" },
      }),
    );
    expect(error.violations).toEqual([
      { path: "body.agentName", rule: "at most 40 characters" },
      { path: "body.maxCallDuration", rule: "at least 180" },
      { path: "body.timezone", rule: "must match ^[A-Za-z_]+/[A-Za-z_]+$" },
    ]);
    expect(error.message).toBe(
      "createAgent: 3 invalid values\nbody.agentName: at most 40 characters\nbody.maxCallDuration: at least 180\n" +
        "body.timezone: must match ^[A-Za-z_]+/[A-Za-z_]+$",
    );
    expect(sent).toHaveLength(0);
  });

  it("rejects what TypeScript cannot see: unknown fields, if/then rules, wrong parameters for the type", async () => {
    const { sent, voiceAI } = setup();
    const body: Record<string, unknown> = { agentNmae: "typo", translation: { enabled: true } };
    const error = await violationError(voiceAI.agents.patch({ agentId: AGENT_ID, body }));
    expect(error.violations).toEqual([
      { path: "body.translation.language", rule: "required" },
      { path: "body.agentNmae", rule: "unknown field" },
    ]);
    const action: Record<string, unknown> = {
      agentId: AGENT_ID,
      actionType: "CUSTOM_ACTION",
      name: "Look up",
      actionParameters: {
        triggerPrompt: "p",
        triggerMessage: "m",
        apiDetails: { url: "https://x.test", method: "POST", authenticationRequired: true },
        selectedPaths: ["a"],
      },
    };
    const actionError = await violationError(voiceAI.actions.create({ body: action as never }));
    expect(actionError.violations).toEqual([
      { path: "body.actionParameters.apiDetails.authenticationValue", rule: "required" },
      { path: "body.actionParameters.selectedPaths", rule: "must be empty" },
    ]);
    expect(sent).toHaveLength(0);
  });

  it("checks query parameters, paginators and raw calls", async () => {
    const { sent, voiceAI } = setup();
    const list = await violationError(voiceAI.callLogs.list({ pageSize: 51, startDate: 5 }));
    expect(list.violations).toEqual([
      { path: "query.pageSize", rule: "at most 50" },
      { path: "query.endDate", rule: "required with startDate" },
    ]);
    expect(() => voiceAI.agents.listAll({ pageSize: 0 })).toThrow(RequestValidationError);
    const raw = await violationError(
      voiceAI.raw.GET("/voice-ai/agents", { params: { query: { locationId: LOC, page: 0 } } }),
    );
    expect(raw.violations).toEqual([{ path: "query.page", rule: "at least 1" }]);
    expect(sent).toHaveLength(0);
  });

  it("lets valid calls through unchanged, the client's default locationId included", async () => {
    const { sent, voiceAI, client } = setup();
    await voiceAI.agents.list({ pageSize: 50 });
    await voiceAI.agents.delete({ agentId: AGENT_ID });
    await voiceAI.raw.GET("/voice-ai/agents", { params: { query: { locationId: LOC } } });
    for await (const agent of voiceAI.agents.listAll()) expect(agent).toBeUndefined();
    expect(sent.map((r) => `${r.method} ${new URL(r.url).pathname}${new URL(r.url).search}`)).toEqual([
      `GET /voice-ai/agents?pageSize=50&locationId=${LOC}`,
      `DELETE /voice-ai/agents/${AGENT_ID}?locationId=${LOC}`,
      `GET /voice-ai/agents?locationId=${LOC}`,
      `GET /voice-ai/agents?page=1&pageSize=50&locationId=${LOC}`,
    ]);
    expect(voiceAI.rateLimit()).toEqual(client.rateLimit());
  });

  it("leaves a missing locationId to the client, which refuses it itself", async () => {
    const fetch = async () => new Response("{}");
    const noDefault = withValidation(
      createVoiceAIClient({ token: "t", baseUrl: "http://127.0.0.1:9", fetch }),
    );
    const error = await rejectionOf(noDefault.agents.get({ agentId: AGENT_ID } as never));
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(error).not.toBeInstanceOf(RequestValidationError);
  });

  it("never shows a rejected value, which may be a secret", async () => {
    const { voiceAI } = setup();
    const secret = "sk_live_do_not_print";
    const body: Record<string, unknown> = {
      agentId: AGENT_ID,
      actionType: "CUSTOM_ACTION",
      name: "x",
      actionParameters: {
        triggerPrompt: "p",
        triggerMessage: "m",
        apiDetails: { url: "u", method: "GET", authenticationValue: [secret] },
        selectedPaths: ["a"],
      },
    };
    const error = await violationError(voiceAI.actions.create({ body: body as never }));
    expect(error.violations).toEqual([
      { path: "body.actionParameters.apiDetails.authenticationValue", rule: "must be a string" },
    ]);
    for (const text of [error.message, error.stack, JSON.stringify(error), inspect(error, { depth: 5 })])
      expect(text).not.toContain(secret);
  });
});
