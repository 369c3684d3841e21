/**
 * The whole integration against one fake: the OAuth endpoints mounted on the fake API
 * (`createFakeVoiceAI({ oauth: true })`), createOAuth as the client's token provider, and a 401 for
 * a revoked token answered with one refresh and one re-send.
 */
import { afterEach, describe, expect, it } from "vitest";
import { AuthenticationError, createVoiceAIClient } from "../src/index.js";
import { createOAuth } from "../src/oauth/index.js";
import { createFakeVoiceAI } from "../src/testing/index.js";
import { rejectionOf } from "./rejection.js";

const fakes: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(fakes.splice(0).map((fake) => fake.close()));
});

async function setup() {
  const fake = await createFakeVoiceAI({ locations: ["L1"], oauth: true });
  fakes.push(fake);
  const oauth = createOAuth({
    clientId: fake.oauth!.clientId,
    clientSecret: fake.oauth!.clientSecret,
    redirectUri: "https://app.example/callback",
    baseUrl: fake.url,
  });
  await oauth.exchangeCode(
    fake.oauth!.issueCode({ userType: "Location", locationId: "L1", companyId: "C1" }),
  );
  return { fake, oauth, voiceAI: createVoiceAIClient({ token: oauth, baseUrl: fake.url }) };
}

describe("createFakeVoiceAI({ oauth: true })", () => {
  it("accepts the Location tokens its OAuth endpoints issue, and refuses others", async () => {
    const { fake, voiceAI } = await setup();
    const list = await voiceAI.agents.list({ locationId: "L1" });
    expect(list.total).toBeGreaterThan(0);
    const stranger = createVoiceAIClient({ token: "not-issued", baseUrl: fake.url, maxRetries: 0 });
    expect(await rejectionOf(stranger.agents.list({ locationId: "L1" }))).toBeInstanceOf(AuthenticationError);
  });

  it("a revoked access token gets a 401; the client invalidates it, refreshes once and succeeds", async () => {
    const { fake, voiceAI } = await setup();
    await voiceAI.agents.list({ locationId: "L1" });
    fake.oauth!.revokeAccessTokens();
    const before = fake.oauth!.stats.refreshes;
    const list = await voiceAI.agents.list({ locationId: "L1" });
    expect(list.agents.length).toBeGreaterThan(0);
    expect(fake.oauth!.stats.refreshes - before).toBe(1);
    const statuses = fake.requests.filter((r) => r.operationId === "listAgents").map((r) => r.status);
    expect(statuses).toEqual([200, 401, 200]);
  });

  it("a valid token is accepted however much time passes while the request is handled", async () => {
    // A clock that moves 5 ms whenever it is read: the token must not expire inside one request.
    let now = Date.UTC(2026, 0, 1);
    const clock = () => (now += 5);
    const fake = await createFakeVoiceAI({ locations: ["L1"], oauth: true, clock });
    fakes.push(fake);
    const oauth = createOAuth({
      clientId: fake.oauth!.clientId,
      clientSecret: fake.oauth!.clientSecret,
      redirectUri: "https://app.example/callback",
      baseUrl: fake.url,
      now: clock,
    });
    await oauth.exchangeCode(fake.oauth!.issueCode({ userType: "Location", locationId: "L1" }));
    const voiceAI = createVoiceAIClient({ token: oauth, baseUrl: fake.url, maxRetries: 0 });
    for (let i = 0; i < 3; i++)
      expect((await voiceAI.agents.list({ locationId: "L1" })).total).toBeGreaterThan(0);
    // And a revoked one is still refused on the next request.
    fake.oauth!.revokeAccessTokens();
    const stranger = createVoiceAIClient({
      token: await oauth.getToken({ locationId: "L1", operationId: "listAgents", signal: undefined }),
      baseUrl: fake.url,
      maxRetries: 0,
    });
    expect(await rejectionOf(stranger.agents.list({ locationId: "L1" }))).toBeInstanceOf(AuthenticationError);
  });
});
