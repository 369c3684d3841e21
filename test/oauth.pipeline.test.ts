/**
 * The OAuth operations go through the client's request pipeline: a GET is retried after a 503, a
 * token refresh (a POST) is never sent again after a 5xx (the server may have spent the refresh
 * token), and a 429 on it is retried (the server did nothing).
 */
import { describe, expect, it } from "vitest";
import { InternalServerError } from "../src/errors/index.js";
import { ctx, manualClock, setup } from "./oauth-helpers.js";
import { rejectionOf } from "./rejection.js";

const HOUR = 3_600_000;

/** A fetch that answers the first `times` requests to `path` with `status`, then the real server. */
function failing(path: string, status: number, times: number, headers: Record<string, string> = {}) {
  const seen: string[] = [];
  let left = times;
  const fetchImpl = async (request: Request) => {
    const url = new URL(request.url);
    seen.push(`${request.method} ${url.pathname}`);
    if (url.pathname === path && left-- > 0) {
      return Response.json({ statusCode: status, message: "busy" }, { status, headers });
    }
    return fetch(request);
  };
  return { fetchImpl, seen };
}

describe("createOAuth through the request pipeline", () => {
  it("retries installedLocations after a 503", async () => {
    const { fetchImpl, seen } = failing("/oauth/installedLocations", 503, 1, { "retry-after": "0" });
    const { fake, oauth } = await setup({}, { fetch: fetchImpl });
    await oauth.exchangeCode(fake.issueCode({ userType: "Company", companyId: "C1" }));
    fake.setLocations("C1", [{ _id: "L0", name: "Shop", address: "1 Main St", isInstalled: true }]);
    const page = await oauth.installedLocations({ companyId: "C1", limit: 3 });
    expect(page.locations?.map((l) => l._id)).toEqual(["L0"]);
    expect(seen.filter((s) => s === "GET /oauth/installedLocations")).toHaveLength(2);
  });

  it("never sends a refresh token twice after a 500, but retries a refresh refused with a 429", async () => {
    const clock = manualClock();
    const five = failing("/oauth/token", 500, 2);
    const a = await setup({ now: clock.now, accessTokenTtlSeconds: 3600 }, { fetch: five.fetchImpl });
    five.seen.length = 0;
    // The code exchange itself meets the first 500 and is not sent again either.
    expect(
      await rejectionOf(a.oauth.exchangeCode(a.fake.issueCode({ userType: "Location", locationId: "L1" }))),
    ).toBeInstanceOf(InternalServerError);
    expect(five.seen).toEqual(["POST /oauth/token"]);

    const busy = failing("/oauth/token", 429, 1, { "retry-after": "0" });
    const b = await setup({ now: clock.now, accessTokenTtlSeconds: 3600 }, { fetch: busy.fetchImpl });
    await b.oauth.exchangeCode(b.fake.issueCode({ userType: "Location", locationId: "L1" }));
    expect(busy.seen).toEqual(["POST /oauth/token", "POST /oauth/token"]); // the 429, then the exchange
    clock.advance(HOUR + 1);
    expect(await b.oauth.getToken(ctx("L1"))).toEqual(expect.any(String));
    expect(b.fake.stats.refreshes).toBe(1);
    expect(b.fake.stats.refreshTokenReuses).toBe(0);
  });
});
