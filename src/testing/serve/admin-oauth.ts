/** The admin API's OAuth routes: issue a code, revoke tokens, uninstall, read the stats. */
import type { ComposedFake } from "../create.js";
import type { FakeInstallation, UninstallTarget } from "../oauth/index.js";
import { AdminInputError, checkShape, ok, queryInt, readJson, within, type Handler } from "./admin-input.js";

export function oauthRoutes(fake: ComposedFake): Record<string, Record<string, Handler>> {
  const oauth = () => {
    if (!fake.oauth) throw new AdminInputError("the fake runs without oauth");
    return fake.oauth;
  };
  return {
    "/oauth/code": {
      POST: async (r) => {
        const shape = {
          userType: "string",
          "locationId?": "string",
          "companyId?": "string",
          "userId?": "string",
          "scope?": "string",
          "approvedLocations?": "string[]",
          "isBulkInstallation?": "boolean",
          "installToFutureLocations?": "boolean",
          "approveAllLocations?": "boolean",
        } as const;
        const install = checkShape<FakeInstallation>(await readJson(r), shape);
        if (install.userType !== "Location" && install.userType !== "Company")
          throw new AdminInputError('userType must be "Location" or "Company"');
        return { code: oauth().issueCode(install) };
      },
    },
    "/oauth/revoke-access": {
      POST: async (r) => (
        oauth().revokeAccessTokens(
          checkShape<{ installation?: string }>(await readJson(r), { "installation?": "string" })
            .installation,
        ),
        ok
      ),
    },
    "/oauth/revoke-refresh": {
      POST: async (r) => (
        oauth().revokeRefreshTokens(
          checkShape<{ installation: string }>(await readJson(r), { installation: "string" }).installation,
        ),
        ok
      ),
    },
    "/oauth/uninstall": {
      POST: async (r, url) => {
        const wait = queryInt(url, "wait", 0, 120_000);
        const uninstall = fake.uninstall;
        if (!uninstall) throw new AdminInputError("the fake runs without oauth");
        const target = checkShape<UninstallTarget>(await readJson(r), {
          "locationId?": "string",
          "companyId?": "string",
        });
        // Exactly one of the two: uninstall() checks it (400 otherwise).
        const { payload, delivered } = uninstall(target);
        return { payload, deliveries: await within(wait, delivered, () => []) };
      },
    },
    "/oauth/stats": { GET: async () => oauth().stats },
  };
}
