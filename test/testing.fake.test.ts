/**
 * The fake of `highlevel-voice-ai/testing`: each operation's effect on the state, call-log
 * filters and pages, and its answers to invalid, unauthorised and foreign requests. Every
 * answer is also checked against the spec's response schema (support/fake-helpers.ts).
 */
import { describe, expect, it } from "vitest";
import { ConfigurationError } from "../src/index.js";
import { createFakeVoiceAI } from "../src/testing/index.js";
import { NOW, send, useFake } from "./support/fake-helpers.js";

const HEX24 = /^[0-9a-f]{24}$/;
const SMS = {
  actionType: "SMS",
  name: "Confirm",
  actionParameters: { triggerPrompt: "When booked", triggerMessage: "I'll text you", messageBody: "Booked!" },
};

describe("agents", () => {
  it("creates an agent with the name sent and the spec's defaults for the rest", async () => {
    const fake = await useFake({ agents: 0 });
    const created = await send(fake, "POST", "/voice-ai/agents", {
      body: { locationId: "LOC1", agentName: "Reception" },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      agentName: "Reception",
      locationId: "LOC1",
      language: "en-US",
      patienceLevel: "high",
      maxCallDuration: 300,
      sendUserIdleReminders: true,
      reminderAfterIdleTimeSeconds: 8,
      callEndWorkflowIds: [],
      agentWorkingHours: [],
      isAgentAsBackupDisabled: false,
      sendPostCallNotificationTo: {
        admins: true,
        allUsers: false,
        contactAssignedUser: false,
        specificUsers: [],
        customEmails: [],
      },
      translation: { enabled: false },
      timezone: "America/New_York",
      businessName: "Business LOC1",
    });
    expect(created.body.id).toMatch(HEX24);
    expect(created.body.voiceId).toMatch(HEX24);
    const minimal = await send(fake, "POST", "/voice-ai/agents", { body: { locationId: "LOC1" } });
    expect(minimal.body.agentName).toMatch(/^My Agent \d{3}$/);
  });

  it("lists with search and pages, gets with actions, patches, deletes with its actions", async () => {
    const fake = await useFake({ agents: 3 });
    const { body: agent } = await send(fake, "POST", "/voice-ai/agents", {
      body: { locationId: "LOC1", agentName: "Quick" },
    });
    const list = await send(fake, "GET", "/voice-ai/agents?locationId=LOC1&pageSize=2&page=2");
    expect(list.body).toMatchObject({ total: 4, page: 2, pageSize: 2 });
    expect(list.body.agents.map((a: { agentName: string }) => a.agentName)).toEqual([
      "Booking Assistant",
      "Quick",
    ]);
    expect((await send(fake, "GET", "/voice-ai/agents?locationId=LOC1&query=quI")).body.total).toBe(1);
    expect((await send(fake, "GET", "/voice-ai/agents?locationId=LOC1&page=9")).body.agents).toEqual([]);

    const action = await send(fake, "POST", "/voice-ai/actions", {
      body: { agentId: agent.id, locationId: "LOC1", ...SMS },
    });
    expect(action.status).toBe(201);
    expect(action.body).toEqual({ id: expect.stringMatching(HEX24), ...SMS });
    const got = await send(fake, "GET", `/voice-ai/agents/${agent.id}?locationId=LOC1`);
    expect(got.body.actions).toEqual([action.body]);

    const patched = await send(fake, "PATCH", `/voice-ai/agents/${agent.id}?locationId=LOC1`, {
      body: { patienceLevel: "low", maxCallDuration: 600 },
    });
    expect(patched.body).toMatchObject({ patienceLevel: "low", maxCallDuration: 600, agentName: "Quick" });
    expect((await send(fake, "GET", `/voice-ai/agents/${agent.id}?locationId=LOC1`)).body.patienceLevel).toBe(
      "low",
    );

    expect((await send(fake, "DELETE", `/voice-ai/agents/${agent.id}?locationId=LOC1`)).status).toBe(204);
    expect((await send(fake, "GET", `/voice-ai/agents/${agent.id}?locationId=LOC1`)).status).toBe(404);
    expect((await send(fake, "GET", `/voice-ai/actions/${action.body.id}?locationId=LOC1`)).status).toBe(404);
    expect((await send(fake, "GET", "/voice-ai/agents?locationId=LOC1")).body.total).toBe(3);
  });

  it("marks the call logs of a deleted agent and keeps them", async () => {
    const fake = await useFake({ agents: 1, callLogs: 10 });
    const { body } = await send(fake, "GET", "/voice-ai/agents?locationId=LOC1");
    const agentId = body.agents[0].id;
    await send(fake, "DELETE", `/voice-ai/agents/${agentId}?locationId=LOC1`);
    const logs = await send(fake, "GET", `/voice-ai/dashboard/call-logs?locationId=LOC1&agentId=${agentId}`);
    expect(logs.body.total).toBe(10);
    expect(logs.body.callLogs.every((l: { isAgentDeleted: boolean }) => l.isAgentDeleted)).toBe(true);
  });

  it("enforces translation rules against the stored agent", async () => {
    const fake = await useFake({ agents: 0 });
    const { body: agent } = await send(fake, "POST", "/voice-ai/agents", {
      body: { locationId: "LOC1", language: "es" },
    });
    const path = `/voice-ai/agents/${agent.id}?locationId=LOC1`;
    expect(
      (await send(fake, "PATCH", path, { body: { translation: { enabled: true, language: "es" } } })).status,
    ).toBe(200);
    const refused = await send(fake, "PATCH", path, {
      body: { translation: { enabled: true, language: "fr" } },
    });
    expect(refused.body).toEqual({
      statusCode: 422,
      message: ["body.translation.language: the agent's language (es) or en-US"],
      error: "Unprocessable Entity",
    });
  });
});

describe("actions", () => {
  it("replaces an action, refuses another agent's, deletes only with its agent", async () => {
    const fake = await useFake({ agents: 2 });
    const [first, second] = (await send(fake, "GET", "/voice-ai/agents?locationId=LOC1")).body.agents;
    const actionId = first.actions[0].id;
    const replaced = await send(fake, "PUT", `/voice-ai/actions/${actionId}`, {
      body: { agentId: first.id, locationId: "LOC1", ...SMS, name: "Renamed" },
    });
    expect(replaced.body).toEqual({ id: actionId, ...SMS, name: "Renamed" });
    expect((await send(fake, "GET", `/voice-ai/actions/${actionId}?locationId=LOC1`)).body.name).toBe(
      "Renamed",
    );
    const foreign = await send(fake, "PUT", `/voice-ai/actions/${actionId}`, {
      body: { agentId: second.id, locationId: "LOC1", ...SMS },
    });
    expect(foreign.status).toBe(422);
    expect(
      (await send(fake, "DELETE", `/voice-ai/actions/${actionId}?locationId=LOC1&agentId=${second.id}`))
        .status,
    ).toBe(404);
    expect(
      (await send(fake, "DELETE", `/voice-ai/actions/${actionId}?locationId=LOC1&agentId=${first.id}`))
        .status,
    ).toBe(204);
    expect(
      (await send(fake, "GET", `/voice-ai/agents/${first.id}?locationId=LOC1`)).body.actions,
    ).toHaveLength(1);
  });

  it("refuses an action for an agent that does not exist, and parameters of another type", async () => {
    const fake = await useFake({ agents: 1 });
    const missing = await send(fake, "POST", "/voice-ai/actions", {
      body: { agentId: "0".repeat(24), locationId: "LOC1", ...SMS },
    });
    expect(missing.body).toEqual({
      statusCode: 422,
      message: ["body.agentId: no agent with this id in the location"],
      error: "Unprocessable Entity",
    });
    const agentId = (await send(fake, "GET", "/voice-ai/agents?locationId=LOC1")).body.agents[0].id;
    const mismatch = await send(fake, "POST", "/voice-ai/actions", {
      body: { agentId, locationId: "LOC1", ...SMS, actionType: "KNOWLEDGE_BASE" },
    });
    expect(mismatch.status).toBe(422);
    expect(mismatch.body.message).toEqual([
      "body.actionParameters.knowledgeBaseId: required",
      "body.actionParameters.triggerMessage: unknown field",
      "body.actionParameters.messageBody: unknown field",
    ]);
  });
});

describe("call logs", () => {
  it("seeds the count asked per location: 24-hex ids, live and trial, every action type, transcripts", async () => {
    const fake = await useFake({ locations: ["LOC1", "LOC2"], callLogs: 120 });
    for (const location of ["LOC1", "LOC2"]) {
      const all = [];
      for (let page = 1; page <= 3; page++) {
        const { body } = await send(
          fake,
          "GET",
          `/voice-ai/dashboard/call-logs?locationId=${location}&pageSize=50&page=${page}`,
          { location },
        );
        expect(body).toMatchObject({ total: 120, page, pageSize: 50 });
        all.push(...body.callLogs);
      }
      expect(all).toHaveLength(120);
      expect(new Set(all.map((l) => l.id)).size).toBe(120);
      for (const log of all) expect(log.id).toMatch(HEX24);
      expect(new Set(all.map((l) => l.trialCall))).toEqual(new Set([true, false]));
      const types = new Set(
        all.flatMap((l) => l.executedCallActions.map((a: { actionType: string }) => a.actionType)),
      );
      expect(types.size).toBe(8);
      expect(all.every((l) => l.transcript.startsWith("bot: "))).toBe(true);
      // Newest first when no sort is asked for.
      const times = all.map((l) => Date.parse(l.createdAt));
      expect(times).toEqual([...times].sort((a, b) => b - a));
    }
  });

  it("filters by agent, contacts, call type, action types and date range, and sorts", async () => {
    const fake = await useFake({ callLogs: 80 });
    const everything = (
      await send(fake, "GET", "/voice-ai/dashboard/call-logs?locationId=LOC1&pageSize=50&page=1")
    ).body.callLogs.concat(
      (await send(fake, "GET", "/voice-ai/dashboard/call-logs?locationId=LOC1&pageSize=50&page=2")).body
        .callLogs,
    );
    const query = async (q: string) =>
      (await send(fake, "GET", `/voice-ai/dashboard/call-logs?locationId=LOC1&pageSize=50&${q}`)).body;
    const count = (f: (l: any) => boolean) => everything.filter(f).length;

    const agentId = everything[0].agentId;
    expect((await query(`agentId=${agentId}`)).total).toBe(count((l) => l.agentId === agentId));
    const contacts = [everything[0].contactId, everything[5].contactId];
    expect((await query(`contactId=${contacts.join(",")}`)).total).toBe(
      count((l) => contacts.includes(l.contactId)),
    );
    expect((await query("callType=TRIAL")).total).toBe(count((l) => l.trialCall));
    expect((await query("callType=LIVE")).total).toBe(count((l) => !l.trialCall));
    const ran = (l: any, t: string) => l.executedCallActions.some((a: any) => a.actionType === t);
    expect((await query("actionType=SMS,KNOWLEDGE_BASE")).total).toBe(
      count((l) => ran(l, "SMS") || ran(l, "KNOWLEDGE_BASE")),
    );
    const start = NOW - 7 * 86_400_000;
    expect((await query(`startDate=${start}&endDate=${NOW}`)).total).toBe(
      count((l) => Date.parse(l.createdAt) >= start),
    );
    const sorted = (await query("sortBy=duration&sort=ascend")).callLogs.map((l: any) => l.duration);
    expect(sorted).toEqual([...sorted].sort((a: number, b: number) => a - b));
    expect((await query("agentId=" + "f".repeat(24))).total).toBe(0);
  });

  it("answers 400 with one message for a bad query, since the operation has no 422", async () => {
    const fake = await useFake();
    const bad = await send(
      fake,
      "GET",
      "/voice-ai/dashboard/call-logs?locationId=LOC1&pageSize=51&startDate=5",
    );
    expect(bad.body).toEqual({
      statusCode: 400,
      message: "query.pageSize: at most 50; query.endDate: required with startDate",
    });
    const log = (await send(fake, "GET", "/voice-ai/dashboard/call-logs?locationId=LOC1&pageSize=1")).body
      .callLogs[0];
    expect((await send(fake, "GET", `/voice-ai/dashboard/call-logs/${log.id}?locationId=LOC1`)).body).toEqual(
      log,
    );
    expect(
      (await send(fake, "GET", `/voice-ai/dashboard/call-logs/${"0".repeat(24)}?locationId=LOC1`)).status,
    ).toBe(404);
  });
});

describe("requests HighLevel refuses", () => {
  it("401 without a token or with an unknown one", async () => {
    const fake = await useFake();
    for (const token of [null, "not-a-token"]) {
      const answer = await send(fake, "GET", "/voice-ai/agents?locationId=LOC1", { token });
      expect(answer.status).toBe(401);
      expect(answer.body).toMatchObject({ statusCode: 401, error: "Unauthorized" });
    }
  });

  it("403 for another location than the token's, 404 for another location's object", async () => {
    const fake = await useFake({ locations: ["LOC1", "LOC2"] });
    const { body } = await send(fake, "GET", "/voice-ai/agents?locationId=LOC2", { location: "LOC2" });
    const foreignAgent = body.agents[0].id;
    expect((await send(fake, "GET", "/voice-ai/agents?locationId=LOC2")).status).toBe(403);
    expect((await send(fake, "GET", `/voice-ai/agents/${foreignAgent}?locationId=LOC1`)).status).toBe(404);
    expect(
      (await send(fake, "GET", `/voice-ai/agents/${foreignAgent}?locationId=LOC2`, { location: "LOC2" }))
        .status,
    ).toBe(200);
  });

  it("400 for a missing or unknown Version, or a body that is not JSON; 422 listing every bad value", async () => {
    const fake = await useFake();
    expect((await send(fake, "GET", "/voice-ai/agents?locationId=LOC1", { version: null })).body).toEqual({
      statusCode: 400,
      message: "header.Version: required",
    });
    expect(
      (await send(fake, "GET", "/voice-ai/agents?locationId=LOC1", { version: "2022-01-01" })).status,
    ).toBe(400);
    expect((await send(fake, "GET", "/voice-ai/agents?locationId=LOC1", { version: "v3" })).status).toBe(200);
    expect((await send(fake, "POST", "/voice-ai/agents", { body: "{not json" })).status).toBe(400);
    const bad = await send(fake, "POST", "/voice-ai/agents", {
      body: { locationId: "LOC1", agentName: "", maxCallDuration: 1000, colour: "red" },
    });
    expect(bad.body).toEqual({
      statusCode: 422,
      message: [
        "body.agentName: must not be empty",
        "body.maxCallDuration: at most 900",
        "body.colour: unknown field",
      ],
      error: "Unprocessable Entity",
    });
    expect((await send(fake, "GET", "/voice-ai/agents?locationId=LOC1&sort=up")).body.message).toEqual([
      "query.sort: unknown parameter",
    ]);
    expect((await send(fake, "GET", "/voice-ai/agents")).body.message).toEqual([
      "query.locationId: required",
    ]);
    expect((await send(fake, "GET", "/voice-ai/nothing-here")).status).toBe(404);
  });

  it("never writes a token into its journal", async () => {
    const fake = await useFake();
    await send(fake, "GET", "/voice-ai/agents?locationId=LOC1");
    await send(fake, "GET", "/voice-ai/agents?locationId=LOC1", { token: "guessed-token" });
    const journal = JSON.stringify(fake.requests);
    expect(fake.requests).toHaveLength(2);
    expect(journal).not.toContain(fake.tokenFor("LOC1"));
    expect(journal).not.toContain("guessed-token");
  });
});

describe("options", () => {
  it.each([
    [{ locations: [] }],
    [{ locations: ["LOC1", "LOC1"] }],
    [{ locations: ["a/b"] }],
    [{ callLogs: -1 }],
    [{ callLogs: 1.5 }],
    [{ agents: 1e9 }],
    [{ rateLimit: { max: 0 } }],
    [{ seed: {} as never }],
  ])("refuses %j with a ConfigurationError", async (options) => {
    await expect(createFakeVoiceAI({ listen: false, ...options })).rejects.toBeInstanceOf(ConfigurationError);
  });
  it("tokenFor refuses an unknown location", async () => {
    const fake = await useFake({ listen: false });
    expect(() => fake.tokenFor("LOC9")).toThrow(ConfigurationError);
  });
});
