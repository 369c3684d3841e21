/**
 * The fake as a server of its own (startFakeServer) and its admin API under /__fake/: everything a
 * test stages in process, over HTTP, with bad input answered 400 naming what was wrong.
 */
import { afterEach, describe, expect, it } from "vitest";
import { ConfigurationError, InternalServerError, createVoiceAIClient } from "../src/index.js";
import { createOAuth, verifyWebhook } from "../src/oauth/index.js";
import { startFakeServer, type FakeServerHandle } from "../src/testing/index.js";
import { fakeServerOptionsFromArgs } from "../src/testing/serve/args.js";
import { freePort, json, startServer } from "./support/http-server.js";

const servers: FakeServerHandle[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serve(options: Parameters<typeof startFakeServer>[0] = {}) {
  const server = await startFakeServer(options);
  servers.push(server);
  const admin = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${server.url}/__fake${path}`, {
      method,
      ...(body !== undefined && { body: typeof body === "string" ? body : JSON.stringify(body) }),
    });
    return { status: response.status, body: await response.json() };
  };
  return { server, admin };
}

describe("startFakeServer and the admin API", () => {
  it("stages faults, reads the journal (admin calls not in it) and resets", async () => {
    const { server, admin } = await serve({ locations: 2, rateLimit: false });
    const info = (await admin("GET", "/info")).body;
    expect(info.locations.map((l: { id: string }) => l.id)).toEqual(["LOC1", "LOC2"]);
    expect(info.oauth).toBeUndefined();
    const voiceAI = createVoiceAIClient({
      token: info.locations[1].token,
      locationId: "LOC2",
      baseUrl: server.url,
      maxRetries: 0,
    });
    expect(await admin("POST", "/fail-next", { operationId: "listAgents", status: 503 })).toEqual({
      status: 200,
      body: { ok: true },
    });
    await expect(voiceAI.agents.list()).rejects.toBeInstanceOf(InternalServerError);
    expect((await voiceAI.agents.list()).total).toBe(2);
    const journal = (await admin("GET", "/journal")).body;
    expect(journal.total).toBe(2);
    expect(journal.items.map((r: { status: number }) => r.status)).toEqual([503, 200]);
    expect((await admin("GET", "/journal?from=1")).body.items).toHaveLength(1);
    expect(await admin("POST", "/reset")).toEqual({ status: 200, body: { ok: true } });
    expect((await admin("GET", "/journal")).body.total).toBe(0);
  });

  it("simulates a call: its webhook is delivered signed with the key /info gives, the log is in the API", async () => {
    const receiver = await startServer((_req, res) => json(res, 200, {}));
    const { server, admin } = await serve({ locations: ["A1", "A2"] });
    const info = (await admin("GET", "/info")).body;
    expect((await admin("POST", "/webhooks", { url: receiver.baseUrl })).status).toBe(200);
    expect((await admin("GET", "/webhooks")).body).toEqual({
      urls: [`${receiver.baseUrl}/`],
      publicKey: info.webhookPublicKey,
    });
    expect((await admin("PUT", "/webhooks/delivery", { retries: 0 })).status).toBe(200);
    const { body } = await admin("POST", "/calls?wait=10000", { locationId: "A2", duration: 61 });
    expect(body.skipped).toBeNull();
    expect(body.deliveries).toMatchObject([{ state: "delivered", status: 200, callId: body.call.id }]);
    const event = await verifyWebhook({
      rawBody: receiver.requests[0]!.body,
      headers: receiver.requests[0]!.headers as Record<string, string>,
      publicKey: info.webhookPublicKey,
    });
    expect(event.webhookId).toBe(body.deliveries[0].webhookId);
    const voiceAI = createVoiceAIClient({
      token: info.locations[1].token,
      locationId: "A2",
      baseUrl: server.url,
    });
    expect(await voiceAI.callLogs.get({ callId: body.call.id })).toEqual(body.log);
    expect(body.log.duration).toBe(61);
    expect((await admin("GET", "/deliveries")).body).toMatchObject({ total: 1, from: 0 });
    expect(await admin("POST", "/deliveries/settled", { timeoutMs: 1000 })).toEqual({
      status: 200,
      body: { ok: true },
    });

    // A held delivery: /calls answers at once, /deliveries/settled says 504 after its timeout.
    await admin("PUT", "/webhooks/delivery", { delayMs: 60_000 });
    const held = (await admin("POST", "/calls", { locationId: "A1" })).body;
    expect(held.deliveries).toMatchObject([{ state: "pending" }]);
    expect((await admin("POST", "/deliveries/settled", { timeoutMs: 50 })).status).toBe(504);
    expect((await admin("DELETE", "/webhooks", { url: receiver.baseUrl })).status).toBe(200);
    expect((await admin("GET", "/webhooks")).body.urls).toEqual([]);
  });

  it("with oauth: issues a code, revokes tokens, uninstalls, reports stats", async () => {
    const receiver = await startServer((_req, res) => json(res, 200, {}));
    const { server, admin } = await serve({
      locations: ["L1"],
      oauth: true,
      webhooks: { urls: [receiver.baseUrl] },
    });
    const { clientId, clientSecret, appId } = (await admin("GET", "/info")).body.oauth;
    expect(appId).toBe("fakeapp");
    const oauth = createOAuth({
      clientId,
      clientSecret,
      redirectUri: "https://app.example/cb",
      baseUrl: server.url,
    });
    const { code } = (
      await admin("POST", "/oauth/code", {
        userType: "Location",
        locationId: "L1",
        scope: "voice-ai-dashboard.readonly",
      })
    ).body;
    await oauth.exchangeCode(code);
    const voiceAI = createVoiceAIClient({ token: oauth, baseUrl: server.url, maxRetries: 0 });
    await voiceAI.agents.list({ locationId: "L1" });
    expect((await admin("POST", "/oauth/revoke-access", {})).status).toBe(200);
    await voiceAI.agents.list({ locationId: "L1" }); // refreshed once
    expect((await admin("GET", "/oauth/stats")).body).toMatchObject({ codeExchanges: 1, refreshes: 1 });
    expect((await admin("POST", "/calls?wait=10000", { locationId: "L1" })).body.deliveries).toHaveLength(1);
    const gone = (await admin("POST", "/oauth/uninstall?wait=10000", { locationId: "L1" })).body;
    expect(gone.payload).toEqual({ type: "UNINSTALL", appId: "fakeapp", locationId: "L1" });
    expect(gone.deliveries).toMatchObject([{ type: "UNINSTALL", state: "delivered" }]);
    expect((await admin("POST", "/calls", { locationId: "L1" })).body.skipped).toBe("not_installed");
    expect((await admin("POST", "/oauth/revoke-refresh", { installation: "Location:L1" })).status).toBe(200);
  });

  it("answers bad admin input with 400 and a message naming it; unknown routes 404, methods 405", async () => {
    const { admin } = await serve();
    const bad: [string, string, unknown, RegExp][] = [
      ["POST", "/calls", "{nope", /not valid JSON/],
      ["POST", "/calls", "[1]", /must be a JSON object/],
      ["POST", "/calls", "null", /must be a JSON object/],
      ["POST", "/calls", { locationId: "LOC1", colour: "red" }, /colour is not a field/],
      ["POST", "/calls", { locationId: "LOC1", duration: "long" }, /duration/],
      ["POST", "/calls", { locationId: "NOPE" }, /no location "NOPE"/],
      ["POST", "/calls?wait=-1", { locationId: "LOC1" }, /\?wait must be an integer/],
      ["POST", "/calls?wait=999999", { locationId: "LOC1" }, /\?wait must be an integer/],
      ["POST", "/calls", `{"locationId":"LOC1","x":"${"y".repeat(1_000_001)}"}`, /larger than 1 MB/],
      ["POST", "/fail-next", { status: "503" }, /status must be a number/],
      ["POST", "/fail-next", { status: 99 }, /status must be an HTTP status/],
      ["POST", "/fail-next", { operationId: "nope", status: 503 }, /unknown operationId/],
      ["POST", "/fail-next", '{"__proto__":{"status":503}}', /"__proto__" is not a field/],
      ["POST", "/webhooks", {}, /url is required/],
      ["POST", "/webhooks", { url: 5 }, /url must be a string/],
      ["POST", "/webhooks", { url: "ftp://x" }, /http or https URL/],
      ["PUT", "/webhooks/delivery", { retries: 1e9 }, /retries must be an integer from 0 to 10/],
      ["PUT", "/webhooks/delivery", { nope: 1 }, /nope is not an option/],
      ["POST", "/deliveries/settled", { timeoutMs: 1e9 }, /timeoutMs must be from 0 to 120000/],
      ["POST", "/deliveries/settled", { timeoutMs: -5 }, /timeoutMs must be from 0 to 120000/],
      ["POST", "/reset", { all: true }, /"all" is not a field/],
      ["POST", "/oauth/code", { userType: "Location" }, /without oauth/],
      ["GET", "/journal?from=abc", undefined, /\?from must be/],
    ];
    for (const [method, path, body, message] of bad) {
      const answer = await admin(method, path, body);
      expect(answer.status, `${method} ${path} ${String(body).slice(0, 40)}`).toBe(400);
      expect(answer.body.error).toBe("bad_request");
      expect(answer.body.message).toMatch(message);
    }
    expect((await admin("GET", "/nope")).status).toBe(404);
    expect((await admin("GET", "/constructor")).status).toBe(404);
    expect((await admin("DELETE", "/info")).body).toEqual({
      error: "method_not_allowed",
      message: "/info takes GET",
    });
    expect((await admin("GET", "/info")).status).toBe(200);
  });

  it("with oauth, checks installations given to /oauth/code", async () => {
    const { admin } = await serve({ oauth: true });
    expect((await admin("POST", "/oauth/code", { userType: "Agency" })).body.message).toMatch(
      /userType must be/,
    );
    expect(
      (await admin("POST", "/oauth/code", { userType: "Company", approvedLocations: [1] })).body.message,
    ).toMatch(/approvedLocations must be a list of strings/);
    expect((await admin("POST", "/oauth/uninstall", { locationId: "L9" })).body.message).toMatch(
      /not installed/,
    );
    expect((await admin("POST", "/oauth/uninstall", {})).body.message).toMatch(/either/);
    expect((await admin("POST", "/oauth/revoke-refresh", {})).body.message).toMatch(
      /installation is required/,
    );
  });

  it("listens on the port asked for, and refuses bad options", async () => {
    const port = await freePort();
    const { server } = await serve({ port });
    expect(server.url).toBe(`http://127.0.0.1:${port}`);
    for (const options of [
      { port: -1 },
      { port: 70_000 },
      { port: 1.5 },
      { locations: 0 },
      { locations: 1001 },
      { locations: 2.5 },
    ])
      await expect(startFakeServer(options)).rejects.toBeInstanceOf(ConfigurationError);
  });
});

describe("fakeServerOptionsFromArgs", () => {
  it("reads the flags, and names an unknown flag or a bad value", () => {
    expect(
      fakeServerOptionsFromArgs([
        "--port",
        "0",
        "--locations",
        "5",
        "--oauth",
        "--seed",
        "7",
        "--webhook",
        "http://127.0.0.1:1/a",
        "--no-rate-limit",
      ]),
    ).toEqual({
      port: 0,
      locations: 5,
      oauth: true,
      seed: "7",
      rateLimit: false,
      webhooks: { urls: ["http://127.0.0.1:1/a"] },
    });
    expect(
      fakeServerOptionsFromArgs(["--locations", "A,B", "--agents", "1", "--call-logs", "3"]),
    ).toMatchObject({ locations: ["A", "B"], agents: 1, callLogs: 3 });
    for (const [argv, message] of [
      [["--port"], /--port takes a value/],
      [["--port", "--oauth"], /--port takes a value/],
      [["--port", "-1"], /whole number/],
      [["--port", "1e3"], /whole number/],
      [["--agents", "x"], /whole number/],
      [["--verbose"], /unknown flag "--verbose"/],
      [["5"], /unknown flag "5"/],
    ] as const)
      expect(() => fakeServerOptionsFromArgs(argv), argv.join(" ")).toThrow(message);
  });
});
