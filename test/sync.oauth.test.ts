/**
 * An OAuth app's locations: `oauth.locations()` lists every Location it holds an installation for
 * (its own installs, those its agency installs approved or report as installed), and a sync over
 * them gets each Location's token from the app; an uninstalled one leaves the list, a revoked one
 * is reported and skipped with its checkpoint kept.
 */
import { afterEach, describe, expect, it } from "vitest";
import { createVoiceAIClient } from "../src/index.js";
import { createOAuth } from "../src/oauth/index.js";
import { createMemoryCheckpointStore, exportCallLogs, syncCallLogs } from "../src/sync/index.js";
import { createFakeVoiceAI } from "../src/testing/index.js";
import { allLogs, drain } from "./support/sync-helpers.js";

const fakes: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(fakes.splice(0).map((fake) => fake.close()));
});

const shop = (id: string, isInstalled = true) => ({ _id: id, name: id, address: "1 Main St", isInstalled });
const event = { signature: "ed25519", appId: "fakeapp", timestamp: undefined, webhookId: undefined } as const;

async function setup() {
  const fake = await createFakeVoiceAI({
    locations: ["L1", "L2", "L3", "L4"],
    callLogs: 15,
    oauth: true,
    clock: Date.now,
  });
  fakes.push(fake);
  const oauth = createOAuth({
    clientId: fake.oauth!.clientId,
    clientSecret: fake.oauth!.clientSecret,
    redirectUri: "https://app.example/callback",
    baseUrl: fake.url,
  });
  // L1 installed on its own (its agency did not install the app); the agency C1 approved L2 at
  // install, and reports L3 installed since.
  await oauth.exchangeCode(
    fake.oauth!.issueCode({ userType: "Location", locationId: "L1", companyId: "C9" }),
  );
  await oauth.exchangeCode(
    fake.oauth!.issueCode({ userType: "Company", companyId: "C1", approvedLocations: ["L2"] }),
  );
  fake.oauth!.setLocations("C1", [shop("L2"), shop("L3"), shop("L4", false)]);
  const client = createVoiceAIClient({ token: oauth, baseUrl: fake.url, rateLimit: false });
  return { fake, oauth, client };
}

const list = async (iterable: AsyncIterable<string>) => {
  const out: string[] = [];
  for await (const id of iterable) out.push(id);
  return out;
};

describe("oauth.locations() and syncs over an OAuth app", () => {
  it("lists every Location with an installation, each once; the store's alone without agencies", async () => {
    const { oauth } = await setup();
    expect(await list(oauth.locations())).toEqual(["L1", "L2", "L3"]);
    expect(await list(oauth.locations({ agencies: false }))).toEqual(["L1", "L2"]);
  });

  it("an export over them gets each Location's token from the app", async () => {
    const { fake, oauth, client } = await setup();
    const { logs, error } = await drain(exportCallLogs(client, { locations: oauth.locations() }));
    expect(error).toBeUndefined();
    const reference = createVoiceAIClient({
      token: ({ locationId }) => fake.tokenFor(locationId!),
      baseUrl: fake.url,
      rateLimit: false,
    });
    expect(new Set(logs.map((l) => l.id))).toEqual(
      new Set((await allLogs(reference, ["L1", "L2", "L3"])).keys()),
    );
  });

  it("an uninstalled Location leaves the list; a revoked one is reported and skipped, its checkpoint kept", async () => {
    const { fake, oauth, client } = await setup();
    await oauth.handleWebhook({ ...event, type: "UNINSTALL", locationId: "L2", companyId: "C1" });
    fake.oauth!.setLocations("C1", [shop("L2", false), shop("L3")]);
    expect(await list(oauth.locations())).toEqual(["L1", "L3"]);

    const checkpoints = createMemoryCheckpointStore();
    await drain(syncCallLogs({ client, checkpoints, locations: oauth.locations(), settleMs: 0 }));
    const kept = await checkpoints.get("L1");
    expect(kept).toBeDefined();
    fake.oauth!.revokeRefreshTokens("Location:L1");
    fake.oauth!.revokeAccessTokens("Location:L1");
    fake.simulateCall({ locationId: "L3", createdAt: new Date().toISOString() });
    const stream = syncCallLogs({ client, checkpoints, locations: oauth.locations(), settleMs: 0 });
    const { logs } = await drain(stream);
    expect(logs.map((l) => l.locationId)).toEqual(["L3"]);
    expect(stream.progress.failures.map((f) => [f.locationId, f.reason])).toEqual([["L1", "revoked"]]);
    expect(await checkpoints.get("L1")).toEqual(kept);
  });

  it("an INSTALL webhook adds the Location to the list", async () => {
    const { oauth } = await setup();
    await oauth.handleWebhook({
      ...event,
      type: "INSTALL",
      locationId: "L9",
      companyId: "C1",
      userId: undefined,
      planId: undefined,
      companyName: undefined,
      isWhitelabelCompany: undefined,
      whitelabelDetails: undefined,
      trial: undefined,
    });
    expect(await list(oauth.locations({ agencies: false }))).toEqual(["L1", "L2", "L9"]);
  });
});
