/**
 * The fake against every request example of the spec (each accepted and stored) and against
 * hostile input: prototype keys, oversized and malformed bodies, odd ids and query values.
 */
import { describe, expect, it } from "vitest";
import { send, useFake } from "./support/fake-helpers.js";
import { specExamples } from "./support/spec-examples.js";

const requestExamples = specExamples().filter((e) => e.where === "request");

describe("every request example of the spec is accepted by the fake", () => {
  for (const example of requestExamples) {
    it(`${example.operationId} ${example.name}`, async () => {
      const fake = await useFake({ agents: 1 });
      const agent = (await send(fake, "GET", "/voice-ai/agents?locationId=LOC1")).body.agents[0];
      // The examples name a location and agent of their own: point them at the fake's.
      const body = {
        ...(example.value as object),
        ...("locationId" in (example.value as object) && { locationId: "LOC1" }),
      };
      if ("agentId" in body) Object.assign(body, { agentId: agent.id });
      const target = {
        createAgent: ["POST", "/voice-ai/agents", 201],
        patchAgent: ["PATCH", `/voice-ai/agents/${agent.id}?locationId=LOC1`, 200],
        createAction: ["POST", "/voice-ai/actions", 201],
        updateAction: ["PUT", `/voice-ai/actions/${agent.actions[0].id}`, 200],
      }[example.operationId] as [string, string, number];
      const answer = await send(fake, target[0], target[1], { body });
      expect(answer.status, JSON.stringify(answer.body)).toBe(target[2]);
      if (example.operationId.endsWith("Action")) {
        const stored = await send(fake, "GET", `/voice-ai/actions/${answer.body.id}?locationId=LOC1`);
        expect(stored.body.actionParameters).toEqual(
          (example.value as { actionParameters: unknown }).actionParameters,
        );
      }
    });
  }
});

describe("hostile input", () => {
  it("refuses prototype keys and leaves the state as it was", async () => {
    const fake = await useFake({ agents: 1 });
    const agent = (await send(fake, "GET", "/voice-ai/agents?locationId=LOC1")).body.agents[0];
    const answer = await send(fake, "PATCH", `/voice-ai/agents/${agent.id}?locationId=LOC1`, {
      body: '{"__proto__":{"agentName":"x"},"constructor":{"prototype":{"polluted":true}}}',
    });
    expect(answer.status).toBe(422);
    expect(answer.body.message).toEqual(["body.__proto__: unknown field", "body.constructor: unknown field"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const { agentName, actions, ...rest } = (
      await send(fake, "GET", `/voice-ai/agents/${agent.id}?locationId=LOC1`)
    ).body;
    expect({ agentName, actions, ...rest }).toEqual(agent);
  });

  it("400 for a body over 1 MB, an array or a scalar body; 422 for null fields", async () => {
    const fake = await useFake();
    const huge = JSON.stringify({ locationId: "LOC1", agentPrompt: "x".repeat(1_100_000) });
    expect((await send(fake, "POST", "/voice-ai/agents", { body: huge })).status).toBe(400);
    expect((await send(fake, "POST", "/voice-ai/agents", { body: "[1]" })).body.message).toEqual([
      "body: must be an object",
    ]);
    expect((await send(fake, "POST", "/voice-ai/agents", { body: "42" })).status).toBe(422);
    expect((await send(fake, "POST", "/voice-ai/agents", { body: "" })).body.message).toEqual([
      "body: required",
    ]);
    const nulls = await send(fake, "POST", "/voice-ai/agents", {
      body: { locationId: "LOC1", agentName: null },
    });
    expect(nulls.body.message).toEqual(["body.agentName: must be a string"]);
  });

  it("404 for ids that are not ids, climb the path or are encoded oddly", async () => {
    const fake = await useFake();
    for (const id of ["..", "%2E%2E", "%252F", "abc", "0".repeat(24), "%00", "%ZZ"]) {
      const answer = await send(fake, "GET", `/voice-ai/agents/${id}?locationId=LOC1`);
      expect(answer.status, id).toBe(404);
    }
  });

  it("validates query values as the spec types them", async () => {
    const fake = await useFake();
    const list = async (query: string) =>
      (await send(fake, "GET", `/voice-ai/agents?locationId=LOC1&${query}`)).body;
    expect((await list("pageSize=abc")).message).toEqual(["query.pageSize: must be an integer"]);
    expect((await list("pageSize=1e3")).message).toEqual(["query.pageSize: must be an integer"]);
    expect((await list("page=-1")).message).toEqual(["query.page: at least 1"]);
    expect((await list("pageSize=2&pageSize=3")).message).toEqual(["query.pageSize: must be an integer"]);
    const logs = await send(fake, "GET", "/voice-ai/dashboard/call-logs?locationId=LOC1&actionType=SMS,,FAX");
    expect(logs.body.message).toMatch(
      /^query\.actionType\[1\]: one of CALL_TRANSFER.*; query\.actionType\[2\]: one of/,
    );
  });

  it("refuses a token with the location of another, and tokens in other schemes", async () => {
    const fake = await useFake({ locations: ["LOC1", "LOC2"] });
    expect((await send(fake, "GET", "/voice-ai/agents?locationId=LOC1", { location: "LOC2" })).status).toBe(
      403,
    );
    const basic = await fake.fetch(`${fake.url}/voice-ai/agents?locationId=LOC1`, {
      headers: { authorization: `Basic ${fake.tokenFor("LOC1")}`, version: "v3" },
    });
    expect(basic.status).toBe(401);
  });
});
