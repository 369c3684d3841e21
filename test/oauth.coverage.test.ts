/**
 * A Location with no stored record, asked for by a call: the agency installs the store holds are
 * asked through GET /oauth/installedLocations which one covers it, and that one mints its token.
 */
import { describe, expect, it } from "vitest";
import { ReauthorizationRequiredError } from "../src/oauth/index.js";
import type { FakeLocation } from "../src/testing/oauth/index.js";
import { ctx, manualClock, setup } from "./oauth-helpers.js";
import { rejectionOf } from "./rejection.js";

const shop = (id: string, isInstalled = true): FakeLocation => ({
  _id: id,
  name: `Shop ${id}`,
  address: "1 Main St",
  isInstalled,
});

describe("createOAuth: a Location found through installedLocations", () => {
  it("mints the token of a Location added to an agency after its install, once for 20 calls", async () => {
    const { fake, oauth } = await setup({ tokenLatencyMs: 20 });
    await oauth.exchangeCode(fake.issueCode({ userType: "Company", companyId: "C1", approvedLocations: [] }));
    fake.setLocations("C1", [shop("L1"), shop("L7")]);
    const tokens = await Promise.all(Array.from({ length: 20 }, () => oauth.getToken(ctx("L7"))));
    expect(new Set(tokens).size).toBe(1);
    expect(fake.authorize(tokens[0])).toMatchObject({ userType: "Location", locationId: "L7" });
    expect(fake.stats.installedLocationsCalls).toBe(1);
    expect(fake.stats.mintsByLocation).toEqual({ L7: 1 });
    // Remembered in the store: the next call needs no lookup.
    expect(await oauth.installation({ locationId: "L7" })).toMatchObject({
      companyId: "C1",
      mintedFromCompany: true,
    });
    expect(await oauth.getToken(ctx("L7"))).toBe(tokens[0]);
    expect(fake.stats.installedLocationsCalls).toBe(1);
  });

  it("of several agency installs, picks the one whose installedLocations lists the Location", async () => {
    const { fake, oauth } = await setup();
    for (const companyId of ["C1", "C2", "C3"])
      await oauth.exchangeCode(fake.issueCode({ userType: "Company", companyId, approvedLocations: [] }));
    fake.setLocations("C1", [shop("L1")]);
    fake.setLocations("C2", [shop("L5")]);
    fake.setLocations("C3", [shop("L3"), shop("L5", false)]);
    const token = await oauth.getToken(ctx("L5"));
    expect(fake.authorize(token)).toMatchObject({ locationId: "L5", companyId: "C2" });
    expect((await oauth.installation({ locationId: "L5" }))?.companyId).toBe("C2");
    expect(fake.stats.installedLocationsCalls).toBeLessThanOrEqual(3);
  });

  it("a Location uninstalled from an agency that approved it is not minted again", async () => {
    const { fake, oauth } = await setup();
    await oauth.exchangeCode(
      fake.issueCode({ userType: "Company", companyId: "C2", approvedLocations: ["L2"] }),
    );
    fake.setLocations("C2", [shop("L2", false)]);
    await oauth.handleWebhook({
      type: "UNINSTALL",
      locationId: "L2",
      companyId: "C2",
      signature: "ed25519",
      appId: "fakeapp",
      timestamp: undefined,
      webhookId: undefined,
    });
    expect(await oauth.installation({ locationId: "L2" })).toBeUndefined();
    expect(await rejectionOf(oauth.getToken(ctx("L2")))).toMatchObject({
      reason: "not_installed",
      locationId: "L2",
    });
    expect(fake.stats.installedLocationsCalls).toBe(1);
    expect(fake.stats.locationTokenMints).toBe(0);
  });

  it("no agency install covers it: ReauthorizationRequiredError naming the Location, and the answer is cached", async () => {
    const clock = manualClock();
    const { fake, oauth } = await setup({ now: clock.now });
    await oauth.exchangeCode(fake.issueCode({ userType: "Company", companyId: "C1", approvedLocations: [] }));
    fake.setLocations("C1", [shop("L1"), shop("L9", false)]);
    for (const attempt of [1, 2, 3]) {
      const error = await rejectionOf(oauth.getToken(ctx("L9")));
      expect(error, `attempt ${attempt}`).toBeInstanceOf(ReauthorizationRequiredError);
      expect(error).toMatchObject({ reason: "not_installed", locationId: "L9" });
      expect((error as Error).message).toContain("location L9");
    }
    expect(fake.stats.installedLocationsCalls).toBe(1);
    expect(fake.stats.locationTokenMints).toBe(0);
    // Once installed there, a later call (after the cache's minute) finds it.
    fake.setLocations("C1", [shop("L1"), shop("L9")]);
    clock.advance(61_000);
    expect(fake.authorize(await oauth.getToken(ctx("L9")))).toMatchObject({ locationId: "L9" });
    expect(fake.stats.installedLocationsCalls).toBe(2);
  });

  it("an agency install that cannot get a token is passed over, not fatal", async () => {
    const clock = manualClock();
    const { fake, oauth } = await setup({ now: clock.now, accessTokenTtlSeconds: 60 });
    await oauth.exchangeCode(fake.issueCode({ userType: "Company", companyId: "C1", approvedLocations: [] }));
    await oauth.exchangeCode(fake.issueCode({ userType: "Company", companyId: "C2", approvedLocations: [] }));
    fake.setLocations("C2", [shop("L4")]);
    fake.revokeRefreshTokens("Company:C1");
    clock.advance(61_000);
    expect(fake.authorize(await oauth.getToken(ctx("L4")))).toMatchObject({
      locationId: "L4",
      companyId: "C2",
    });
  });

  it("with no agency install stored, fails at once without a request", async () => {
    const { oauth, sent } = await setup();
    expect(await rejectionOf(oauth.getToken(ctx("L1")))).toMatchObject({
      reason: "not_installed",
      locationId: "L1",
    });
    expect(sent).toEqual([]);
  });
});
