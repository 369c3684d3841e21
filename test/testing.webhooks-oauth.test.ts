/**
 * The fake with `oauth: true` as a sender: call-end events only where the app is installed with
 * `voice-ai-dashboard.readonly`, and an uninstall that changes the fake's state (tokens, minting,
 * installed lists, deliveries) and sends a signed UNINSTALL. `fake.oauth` is typed as present.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, expectTypeOf, it } from "vitest";
import { ConfigurationError, createVoiceAIClient } from "../src/index.js";
import { createOAuth, createWebhookHandler, toNodeHandler, verifyWebhook } from "../src/oauth/index.js";
import { createFakeVoiceAI, type FakeOAuth, type FakeVoiceAIWithOAuth } from "../src/testing/index.js";
import { json, startServer } from "./support/http-server.js";

const DASHBOARD = "voice-ai-dashboard.readonly voice-ai-agents.readonly";
const closing: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(closing.splice(0).map((c) => c.close()));
});

async function setup() {
  const receiver = await startServer((_req, res) => json(res, 200, {}));
  const fake = await createFakeVoiceAI({
    locations: ["L1", "L2", "L3", "L4"],
    oauth: true,
    webhooks: { urls: [receiver.baseUrl] },
  });
  closing.push(fake);
  const oauth = createOAuth({
    clientId: fake.oauth.clientId,
    clientSecret: fake.oauth.clientSecret,
    redirectUri: "https://app.example/callback",
    baseUrl: fake.url,
  });
  return { fake, oauth, receiver };
}

describe("typing", () => {
  it("fake.oauth is FakeOAuth with oauth, FakeOAuth | undefined otherwise", async () => {
    const { fake } = await setup();
    expectTypeOf(fake).toEqualTypeOf<FakeVoiceAIWithOAuth>();
    expectTypeOf(fake.oauth).toEqualTypeOf<FakeOAuth>();
    const plain = await createFakeVoiceAI({ listen: false });
    closing.push(plain);
    expectTypeOf(plain.oauth).toEqualTypeOf<FakeOAuth | undefined>();
    expect(plain.oauth).toBeUndefined();
    expect("uninstall" in plain).toBe(false);
    const withOptions = await createFakeVoiceAI({ listen: false, oauth: { clientId: "myapp-123" } });
    closing.push(withOptions);
    expect(withOptions.oauth.appId).toBe("myapp");
  });
});

describe("call-end events with oauth", () => {
  it("go only to Locations that installed the app with voice-ai-dashboard.readonly", async () => {
    const { fake, oauth, receiver } = await setup();
    await oauth.exchangeCode(
      fake.oauth.issueCode({ userType: "Location", locationId: "L1", companyId: "C1", scope: DASHBOARD }),
    );
    await oauth.exchangeCode(
      fake.oauth.issueCode({ userType: "Location", locationId: "L2", companyId: "C1" }),
    );
    fake.oauth.issueCode({ userType: "Location", locationId: "L3", scope: DASHBOARD }); // never exchanged
    await oauth.exchangeCode(
      fake.oauth.issueCode({
        userType: "Company",
        companyId: "C2",
        approvedLocations: ["L4"],
        scope: `${DASHBOARD} oauth.write`,
      }),
    );
    const outcome = Object.fromEntries(
      ["L1", "L2", "L3", "L4"].map((locationId) => [locationId, fake.simulateCall({ locationId })]),
    );
    expect(Object.fromEntries(Object.entries(outcome).map(([l, c]) => [l, c.skipped]))).toEqual({
      L1: undefined,
      L2: "missing_scope",
      L3: "not_installed",
      L4: undefined,
    });
    await fake.webhooks.settled();
    const bodies = receiver.requests.map((r) => JSON.parse(r.body));
    expect(bodies.map((b) => b.locationId).sort()).toEqual(["L1", "L4"]);
    for (const body of bodies)
      expect(body).toMatchObject({ type: "VoiceAiCallEnd", appId: fake.oauth.appId });
    // Every call is logged all the same.
    const client = createVoiceAIClient({ token: fake.tokenFor("L3"), locationId: "L3", baseUrl: fake.url });
    expect((await client.callLogs.get({ callId: outcome.L3!.call.id! })).id).toBe(outcome.L3!.call.id);
  });
});

describe("uninstall", () => {
  it("sends a signed UNINSTALL; the Location's tokens stop working and no call-end follows", async () => {
    const { fake, oauth, receiver } = await setup();
    await oauth.exchangeCode(
      fake.oauth.issueCode({ userType: "Location", locationId: "L1", scope: DASHBOARD }),
    );
    const voiceAI = createVoiceAIClient({ token: oauth, baseUrl: fake.url, maxRetries: 0 });
    expect((await voiceAI.agents.list({ locationId: "L1" })).total).toBeGreaterThan(0);

    const { payload, delivered } = fake.uninstall({ locationId: "L1" });
    expect(payload).toEqual({ type: "UNINSTALL", appId: fake.oauth.appId, locationId: "L1" });
    expect((await delivered).map((d) => [d.type, d.state, d.locationId])).toEqual([
      ["UNINSTALL", "delivered", "L1"],
    ]);
    const received = receiver.requests.at(-1)!;
    const event = await verifyWebhook({
      rawBody: received.body,
      headers: received.headers as Record<string, string>,
      publicKey: fake.webhookPublicKey,
    });
    expect(event).toMatchObject({ type: "UNINSTALL", locationId: "L1", appId: fake.oauth.appId });

    // The access token answers 401 and its refresh is refused: the client cannot act for L1 any more.
    await expect(voiceAI.agents.list({ locationId: "L1" })).rejects.toThrow();
    expect(fake.oauth.installedScopes("L1")).toBeUndefined();
    expect(fake.simulateCall({ locationId: "L1" }).skipped).toBe("not_installed");
    expect(() => fake.uninstall({ locationId: "L1" })).toThrow(/not installed on location "L1"/);
  });

  it("of an agency's Location: no Location token is minted for it, the installed list says so", async () => {
    const { fake, oauth } = await setup();
    const shop = (id: string) => ({ _id: id, name: id, address: "1 Main St", isInstalled: true });
    fake.oauth.setLocations("C1", [shop("L2"), shop("L3")]);
    await oauth.exchangeCode(
      fake.oauth.issueCode({ userType: "Company", companyId: "C1", scope: `${DASHBOARD} oauth.write` }),
    );
    expect(fake.oauth.installedScopes("L2")).toContain("voice-ai-dashboard.readonly");
    expect(
      await oauth.getToken({ locationId: "L2", operationId: "listAgents", signal: undefined }),
    ).toBeTruthy();
    fake.uninstall({ locationId: "L3" });
    await expect(
      oauth.getToken({ locationId: "L3", operationId: "listAgents", signal: undefined }),
    ).rejects.toThrow();
    expect(fake.oauth.installedScopes("L3")).toBeUndefined();
    expect(fake.oauth.installedScopes("L2")).toBeDefined();
    const companyToken = await oauth.getCompanyToken("C1");
    const listed = await fetch(
      `${fake.url}/oauth/installedLocations?companyId=C1&appId=${fake.oauth.appId}`,
      {
        headers: { authorization: `Bearer ${companyToken}`, version: "2021-07-28" },
      },
    ).then((r) => r.json());
    expect(
      listed.locations.map((l: { _id: string; isInstalled: boolean }) => [l._id, l.isInstalled]),
    ).toEqual([
      ["L2", true],
      ["L3", false],
    ]);

    // The whole agency: its own tokens and every Location it installed go.
    const { payload } = fake.uninstall({ companyId: "C1" });
    expect(payload).toEqual({ type: "UNINSTALL", appId: fake.oauth.appId, companyId: "C1" });
    expect(fake.oauth.installedScopes("L2")).toBeUndefined();
    expect(fake.oauth.authorize(companyToken)).toBeUndefined();
  });

  it("refuses targets that are not one installed Location or agency", async () => {
    const { fake } = await setup();
    for (const target of [
      {},
      { locationId: "L1", companyId: "C1" },
      { locationId: 5 },
      null,
      { companyId: "C404" },
      { locationId: "L2" },
    ])
      expect(() => fake.uninstall(target as never), JSON.stringify(target)).toThrow(ConfigurationError);
    expect(fake.webhooks.deliveries).toEqual([]);
  });

  it("the UNINSTALL, received by the app's createWebhookHandler, removes the installation from its store", async () => {
    const { fake, oauth } = await setup();
    await oauth.exchangeCode(
      fake.oauth.issueCode({ userType: "Location", locationId: "L1", scope: DASHBOARD }),
    );
    const node = toNodeHandler(createWebhookHandler({ oauth, publicKey: fake.webhookPublicKey }));
    const app = createServer((req, res) => void node(req, res));
    await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve));
    closing.push({
      close: () => new Promise((resolve) => (app.closeAllConnections(), app.close(() => resolve()))),
    });
    fake.webhooks.register(`http://127.0.0.1:${(app.address() as AddressInfo).port}/webhooks`);
    expect(await oauth.installation({ locationId: "L1" })).toBeDefined();
    const deliveries = await fake.uninstall({ locationId: "L1" }).delivered;
    expect(deliveries.map((d) => d.status)).toEqual([200, 200]);
    expect(await oauth.installation({ locationId: "L1" })).toBeUndefined();
  });
});
