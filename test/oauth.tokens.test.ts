/**
 * createOAuth against the fake OAuth server on 127.0.0.1: the code exchange, refresh ahead of
 * expiry and after a 401 (once for many concurrent callers), Location tokens minted from an agency
 * install, and invalid_grant → ReauthorizationRequiredError, then fail-fast.
 */
import { describe, expect, it } from "vitest";
import { InvalidRequestError } from "../src/errors/index.js";
import { ReauthorizationRequiredError } from "../src/oauth/index.js";
import { ctx, manualClock, setup } from "./oauth-helpers.js";
import { rejectionOf } from "./rejection.js";

const HOUR = 3_600_000;

describe("createOAuth: Location installs", () => {
  it("exchanges a code, stores the installation and hands out its token", async () => {
    const { fake, oauth, sent } = await setup();
    const code = fake.issueCode({ userType: "Location", locationId: "L1", companyId: "C1", userId: "U1" });
    const installation = await oauth.exchangeCode(code);
    expect(installation).toMatchObject({
      userType: "Location",
      locationId: "L1",
      companyId: "C1",
      userId: "U1",
    });
    const token = await oauth.getToken(ctx("L1"));
    expect(fake.authorize(token)).toEqual({ userType: "Location", locationId: "L1", companyId: "C1" });
    expect(sent).toEqual(["POST /oauth/token"]);
    // The code is single-use at the fake, as at HighLevel.
    expect(await rejectionOf(oauth.exchangeCode(code))).toMatchObject({
      name: "BadRequestError",
      status: 400,
    });
  });

  it("50 concurrent calls across an expiry cause exactly one refresh", async () => {
    const clock = manualClock();
    const { fake, oauth } = await setup({ now: clock.now, accessTokenTtlSeconds: 3600, tokenLatencyMs: 30 });
    await oauth.exchangeCode(fake.issueCode({ userType: "Location", locationId: "L1" }));
    const before = await oauth.getToken(ctx("L1"));
    clock.advance(HOUR + 1);
    expect(fake.authorize(before)).toBeUndefined(); // expired at the fake too

    const started = performance.now();
    const tokens = await Promise.all(Array.from({ length: 50 }, () => oauth.getToken(ctx("L1"))));
    const ms = performance.now() - started;
    expect(fake.stats.refreshes).toBe(1);
    expect(fake.stats.refreshTokenReuses).toBe(0);
    expect(new Set(tokens).size).toBe(1);
    expect(tokens[0]).not.toBe(before);
    expect(fake.authorize(tokens[0])).toMatchObject({ locationId: "L1" });
    console.log(
      `50 concurrent getToken across an expiry: ${fake.stats.refreshes} refresh, ${ms.toFixed(0)} ms`,
    );
  });

  it("refreshes ahead of expiry, within the 5-minute skew, and not before it", async () => {
    const clock = manualClock();
    const { fake, oauth } = await setup({ now: clock.now, accessTokenTtlSeconds: 3600 });
    await oauth.exchangeCode(fake.issueCode({ userType: "Location", locationId: "L1" }));
    const first = await oauth.getToken(ctx("L1"));
    clock.advance(HOUR - 6 * 60_000);
    expect(await oauth.getToken(ctx("L1"))).toBe(first);
    expect(fake.stats.refreshes).toBe(0);
    clock.advance(2 * 60_000); // 4 minutes left
    const second = await oauth.getToken(ctx("L1"));
    expect(second).not.toBe(first);
    expect(fake.stats.refreshes).toBe(1);
    expect(fake.authorize(first)).toBeDefined(); // still valid: the refresh came ahead of expiry
  });

  it("a 401 mid-life (invalidate) causes one refresh for concurrent callers, and the retry succeeds", async () => {
    const { fake, oauth } = await setup({ tokenLatencyMs: 30 });
    await oauth.exchangeCode(fake.issueCode({ userType: "Location", locationId: "L1" }));
    await oauth.getToken(ctx("L1"));
    fake.revokeAccessTokens("Location:L1");
    // What the client does on a 401: invalidate the token it sent, get a new one, retry once.
    const call = async () => {
      const token = await oauth.getToken(ctx("L1"));
      if (fake.authorize(token)) return "ok on first try";
      await oauth.invalidate(ctx("L1"), token);
      const retry = await oauth.getToken(ctx("L1"));
      return fake.authorize(retry) ? "ok after refresh" : "401 again";
    };
    const results = await Promise.all(Array.from({ length: 10 }, call));
    expect(results.every((r) => r === "ok after refresh")).toBe(true);
    expect(fake.stats.refreshes).toBe(1);
    expect(fake.stats.refreshTokenReuses).toBe(0);
  });

  it("invalid_grant → ReauthorizationRequiredError naming the location, then fails fast without a request", async () => {
    const clock = manualClock();
    const { fake, oauth, sent } = await setup({ now: clock.now, accessTokenTtlSeconds: 60 });
    await oauth.exchangeCode(fake.issueCode({ userType: "Location", locationId: "L3", companyId: "C3" }));
    fake.revokeRefreshTokens("Location:L3");
    clock.advance(61_000);
    const error = await rejectionOf(oauth.getToken(ctx("L3")));
    expect(error).toBeInstanceOf(ReauthorizationRequiredError);
    expect(error).toMatchObject({ reason: "invalid_grant", locationId: "L3" });
    expect((error as Error).message).toContain("location L3");
    const requests = sent.length;
    const again = await rejectionOf(oauth.getToken(ctx("L3")));
    expect(again).toBeInstanceOf(ReauthorizationRequiredError);
    expect(again).toMatchObject({ reason: "invalid_grant", locationId: "L3" });
    expect(sent.length).toBe(requests);
    expect((await oauth.installation({ locationId: "L3" }))?.revoked).toBe("invalid_grant");
    // Authorizing again clears the mark.
    await oauth.exchangeCode(fake.issueCode({ userType: "Location", locationId: "L3" }));
    expect(fake.authorize(await oauth.getToken(ctx("L3")))).toMatchObject({ locationId: "L3" });
  });

  it("refuses bad input before any request", async () => {
    const { oauth, sent } = await setup();
    for (const locationId of [undefined, "", "a/../b", "x\r\nInjected: 1", "__proto__", "L".repeat(200)]) {
      expect(await rejectionOf(oauth.getToken(ctx(locationId)))).toBeInstanceOf(InvalidRequestError);
    }
    for (const code of ["", " ", "a\nb", 42 as unknown as string]) {
      expect(await rejectionOf(oauth.exchangeCode(code))).toBeInstanceOf(InvalidRequestError);
    }
    expect(await rejectionOf(oauth.getToken(ctx("NOPE")))).toMatchObject({ reason: "not_installed" });
    expect(sent).toEqual([]);
  });
});

describe("createOAuth: a broken OAuth server", () => {
  it("a token endpoint that never answers ends in APITimeoutError, for every waiting caller", async () => {
    const { oauth } = await setup(
      {},
      {
        timeoutMs: 200,
        fetch: (request) =>
          new Promise<Response>((_, reject) =>
            request.signal.addEventListener("abort", () => reject(request.signal.reason)),
          ),
      },
    );
    const started = performance.now();
    const errors = await Promise.all([1, 2, 3].map(() => rejectionOf(oauth.exchangeCode("code-1"))));
    expect(errors.map((e) => (e as Error).name)).toEqual([
      "APITimeoutError",
      "APITimeoutError",
      "APITimeoutError",
    ]);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it("an absurd expires_in counts as an hour; an error status is a typed APIError", async () => {
    const clock = manualClock();
    let answer = () =>
      Response.json({
        access_token: "at_1",
        refresh_token: "rt_1",
        userType: "Location",
        locationId: "L1",
        userId: "u",
        expires_in: -5,
      });
    const { oauth } = await setup({}, { now: clock.now, fetch: async () => answer() });
    const installation = await oauth.exchangeCode("code-1");
    expect(installation.expiresAt).toBe(clock.now() + HOUR);
    answer = () => Response.json({ statusCode: 503, message: "down" }, { status: 503 });
    clock.advance(HOUR);
    expect(await rejectionOf(oauth.getToken(ctx("L1")))).toMatchObject({
      name: "InternalServerError",
      status: 503,
    });
  });
});

describe("createOAuth: agency (Company) installs", () => {
  it("mints one Location token for 20 concurrent calls, stores it, and renews it the same way", async () => {
    const clock = manualClock();
    const { fake, oauth, sent } = await setup({
      now: clock.now,
      accessTokenTtlSeconds: 3600,
      tokenLatencyMs: 30,
    });
    const installation = await oauth.exchangeCode(
      fake.issueCode({
        userType: "Company",
        companyId: "C1",
        approvedLocations: ["L2", "L4"],
        isBulkInstallation: true,
      }),
    );
    expect(installation).toMatchObject({
      userType: "Company",
      companyId: "C1",
      approvedLocations: ["L2", "L4"],
      isBulkInstallation: true,
    });

    const tokens = await Promise.all(Array.from({ length: 20 }, () => oauth.getToken(ctx("L2"))));
    expect(fake.stats.locationTokenMints).toBe(1);
    expect(new Set(tokens).size).toBe(1);
    expect(fake.authorize(tokens[0])).toMatchObject({ userType: "Location", locationId: "L2" });
    expect(await oauth.getToken(ctx("L2"))).toBe(tokens[0]); // stored
    expect((await oauth.installation({ locationId: "L2" }))?.mintedFromCompany).toBe(true);

    clock.advance(HOUR + 1); // both the agency token and the Location token expired
    const renewed = await Promise.all(Array.from({ length: 20 }, () => oauth.getToken(ctx("L2"))));
    expect(new Set(renewed).size).toBe(1);
    expect(renewed[0]).not.toBe(tokens[0]);
    expect(fake.stats.mintsByLocation).toEqual({ L2: 2 });
    expect(fake.stats.refreshesByInstallation).toEqual({ "Company:C1": 1 });
    expect(sent.filter((s) => s === "POST /oauth/locationToken")).toHaveLength(2);
  });

  it("uses a refresh token when the mint returns one", async () => {
    const clock = manualClock();
    const { fake, oauth } = await setup({
      now: clock.now,
      accessTokenTtlSeconds: 3600,
      locationRefreshTokens: true,
    });
    await oauth.exchangeCode(
      fake.issueCode({ userType: "Company", companyId: "C1", approvedLocations: ["L2"] }),
    );
    await oauth.getToken(ctx("L2"));
    clock.advance(HOUR + 1);
    expect(fake.authorize(await oauth.getToken(ctx("L2")))).toMatchObject({ locationId: "L2" });
    expect(fake.stats.locationTokenMints).toBe(1);
    expect(fake.stats.refreshesByInstallation).toEqual({ "Location:L2": 1 });
  });

  it("a revoked agency install fails its Locations fast, naming both", async () => {
    const clock = manualClock();
    const { fake, oauth, sent } = await setup({ now: clock.now, accessTokenTtlSeconds: 60 });
    await oauth.exchangeCode(
      fake.issueCode({ userType: "Company", companyId: "C9", approvedLocations: ["L9"] }),
    );
    fake.revokeRefreshTokens("Company:C9");
    clock.advance(61_000);
    const error = await rejectionOf(oauth.getToken(ctx("L9")));
    expect(error).toMatchObject({
      reason: "company_reauthorization_required",
      locationId: "L9",
      companyId: "C9",
    });
    const requests = sent.length;
    expect(await rejectionOf(oauth.getCompanyToken("C9"))).toMatchObject({
      reason: "invalid_grant",
      companyId: "C9",
    });
    expect(await rejectionOf(oauth.getToken(ctx("L9")))).toBeInstanceOf(ReauthorizationRequiredError);
    expect(sent.length).toBe(requests);
  });

  it("lists installed Locations page by page and all at once", async () => {
    const { fake, oauth } = await setup();
    await oauth.exchangeCode(fake.issueCode({ userType: "Company", companyId: "C1" }));
    fake.setLocations(
      "C1",
      Array.from({ length: 7 }, (_, i) => ({
        _id: `L${i}`,
        name: `Shop ${i}`,
        address: "1 Main St",
        isInstalled: i % 2 === 0,
      })),
    );
    const page = await oauth.installedLocations({ companyId: "C1", limit: 3 });
    expect(page.locations?.map((l) => l._id)).toEqual(["L0", "L1", "L2"]);
    expect(page.count).toBe(7);
    const all: string[] = [];
    for await (const location of oauth.installedLocations.listAll({
      companyId: "C1",
      isInstalled: true,
      limit: 2,
    })) {
      all.push(location._id);
    }
    expect(all).toEqual(["L0", "L2", "L4", "L6"]);
    expect(fake.stats.installedLocationsCalls).toBe(1 + 3);
    expect(await rejectionOf(oauth.installedLocations({ companyId: "C1", limit: 0 }))).toBeInstanceOf(
      InvalidRequestError,
    );
    expect(await rejectionOf(oauth.installedLocations({ companyId: "C1", skip: -1 }))).toBeInstanceOf(
      InvalidRequestError,
    );
  });
});
