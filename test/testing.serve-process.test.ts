/**
 * The fake in a process of its own (serve-cli.ts), used by worker processes at once: they share its
 * state (agents created by one are listed by the test), the admin API stages and reads it, and
 * SIGTERM stops it cleanly.
 */
import { describe, expect, it } from "vitest";
import { verifyWebhook } from "../src/oauth/index.js";
import { run, startFakeProcess } from "./support/fake-process.js";
import { json, startServer } from "./support/http-server.js";

const WORKER = `
  import { createVoiceAIClient } from "./src/index.ts";
  const { FAKE_URL, LOCATION } = process.env;
  const info = await (await fetch(FAKE_URL + "/__fake/info")).json();
  const token = info.locations.find((l) => l.id === LOCATION).token;
  const voiceAI = createVoiceAIClient({ token, locationId: LOCATION, baseUrl: FAKE_URL });
  let listed = 0;
  for (let i = 0; i < 10; i++) listed += (await voiceAI.agents.list()).agents.length;
  const agent = await voiceAI.agents.create({ body: { agentName: "Worker " + LOCATION } });
  console.log(JSON.stringify({ listed, agentId: agent.id }));
`;

describe("the fake as its own process", () => {
  it("serves several worker processes one shared state; the admin API reads it; SIGTERM exits 0", async () => {
    const fake = await startFakeProcess(["--port", "0", "--locations", "3", "--no-rate-limit"]);
    const workers = ["LOC1", "LOC2", "LOC3"].map((location) =>
      run(["--input-type=module", "-e", WORKER], 120_000, { FAKE_URL: fake.url, LOCATION: location }),
    );
    const codes = await Promise.all(workers.map((w) => w.exited));
    expect(codes, workers.map((w) => w.output()).join("\n")).toEqual([0, 0, 0]);
    const results = workers.map((w) => JSON.parse(w.output().trim().split("\n").pop()!));
    for (const result of results) expect(result.listed).toBe(20);

    const journal = await (await fetch(`${fake.url}/__fake/journal`)).json();
    expect(journal.total).toBe(33);
    const created = journal.items.filter((r: { operationId: string }) => r.operationId === "createAgent");
    expect(created.map((r: { response: { id: string } }) => r.response.id).sort()).toEqual(
      results.map((r) => r.agentId).sort(),
    );

    // A call simulated through the admin API reaches a receiver in this process, signed.
    const receiver = await startServer((_req, res) => json(res, 200, {}));
    const post = (path: string, body: unknown) =>
      fetch(`${fake.url}/__fake${path}`, { method: "POST", body: JSON.stringify(body) }).then((r) =>
        r.json(),
      );
    await post("/webhooks", { url: receiver.baseUrl });
    const { call, deliveries } = await post("/calls?wait=20000", {
      locationId: "LOC3",
      agentId: results[2].agentId,
    });
    expect(deliveries).toMatchObject([{ state: "delivered", callId: call.id }]);
    const { webhookPublicKey } = await (await fetch(`${fake.url}/__fake/info`)).json();
    const event = await verifyWebhook({
      rawBody: receiver.requests[0]!.body,
      headers: receiver.requests[0]!.headers as Record<string, string>,
      publicKey: webhookPublicKey,
    });
    expect(event.webhookId).toBe(deliveries[0].webhookId);

    // Stopped while a delivery waits: it still exits at once, with 0.
    await fetch(`${fake.url}/__fake/webhooks/delivery`, {
      method: "PUT",
      body: JSON.stringify({ delayMs: 60_000 }),
    });
    await post("/calls", { locationId: "LOC1" });
    const stopping = performance.now();
    fake.child.kill("SIGTERM");
    expect(await fake.exited).toBe(0);
    expect(performance.now() - stopping).toBeLessThan(10_000);
    expect(receiver.requests).toHaveLength(1);
  }, 180_000);

  it("a bad flag exits 2 with the usage, before listening", async () => {
    const bad = run(["src/testing/serve-cli.ts", "--port", "nope"], 60_000);
    expect(await bad.exited).toBe(2);
    expect(bad.output()).toMatch(/--port takes a whole number\nusage: fake /);
  }, 70_000);
});
