/**
 * Step 2 of the flow: the code from the redirect for tokens, stored as the installation. An
 * agency install also records its approved Locations as covered by it — in one write however
 * many there are (`setMany`): a whole-file store rewriting itself per Location made an OAuth
 * callback for 2,000 Locations take half a minute.
 */
import { InvalidRequestError, InvalidResponseError } from "../errors/index.js";
import type { CompanyIndex } from "./company-index.js";
import type { LocationIndex } from "./location-index.js";
import type { OAuthHttp } from "./http.js";
import type { ResolvedOAuthOptions } from "./options.js";
import {
  checkId,
  isId,
  keyFor,
  parseRecord,
  publicView,
  serialize,
  type Installation,
  type InstallationRecord,
  type UserType,
} from "./records.js";
import { withStoreLock } from "./single-flight.js";
import type { TokenStore } from "./token-store.js";
import { checkToken, fenced, lifetimeMs } from "./token-values.js";

/** Locations of an agency install read side by side. */
const READ_BATCH = 50;

export interface ExchangeCodeOptions {
  /** Ask for a Location or a Company token (by default the server decides). */
  userType?: UserType | undefined;
  signal?: AbortSignal | undefined;
}

export function createCodeExchange(
  config: ResolvedOAuthOptions,
  http: OAuthHttp,
  store: TokenStore,
  companies: CompanyIndex,
  locations: LocationIndex,
) {
  return async function exchangeCode(
    code: string,
    exchange: ExchangeCodeOptions = {},
  ): Promise<Installation> {
    if (typeof code !== "string" || !/^[\x21-\x7e]{1,4096}$/.test(code)) {
      throw new InvalidRequestError("code must be the non-empty `code` query parameter of the redirect");
    }
    const { userType, signal } = exchange;
    if (userType !== undefined && userType !== "Location" && userType !== "Company") {
      throw new InvalidRequestError('userType must be "Location" or "Company"');
    }
    const started = config.now();
    const response = await http.token(
      {
        client_id: config.clientId,
        client_secret: config.clientSecret,
        grant_type: "authorization_code",
        code,
        redirect_uri: config.redirectUri,
        ...(userType && { user_type: userType }),
      },
      signal,
    );
    const reported =
      response.userType === "Location" || response.userType === "Company" ? response.userType : undefined;
    const kind: UserType = reported ?? userType ?? (response.locationId ? "Location" : "Company");
    const record: InstallationRecord = {
      v: 1,
      userType: kind,
      locationId: response.locationId,
      companyId: response.companyId,
      userId: response.userId,
      accessToken: checkToken(response.access_token, "access_token"),
      refreshToken: checkToken(response.refresh_token, "refresh_token"),
      expiresAt: started + lifetimeMs(response.expires_in),
      issuedAt: started,
      scope: response.scope,
      planId: response.planId,
      // IDs become store keys: anything else the server sends is left out.
      approvedLocations: response.approvedLocations?.filter(isId),
      isBulkInstallation: response.isBulkInstallation,
      installToFutureLocations: response.installToFutureLocations,
      approveAllLocations: response.approveAllLocations,
    };
    const id = kind === "Location" ? record.locationId : record.companyId;
    if (typeof id !== "string" || !id) {
      throw new InvalidResponseError(
        { operationId: "getAccessToken", method: "POST", url: "" },
        200,
        `the ${kind} token response names no ${kind === "Location" ? "locationId" : "companyId"}`,
        "",
      );
    }
    checkId(kind === "Location" ? "locationId" : "companyId", id);
    const key = keyFor(kind, id);
    // Under the lock: a refresh of the previous install in flight cannot overwrite this one.
    await withStoreLock(store, key, config.lock, ({ fence }) =>
      store.set(key, serialize(record), fenced(fence)),
    );
    if (kind === "Location") await locations.add(id);
    if (kind === "Company") {
      await companies.add(id);
      await coverLocations(id, record.approvedLocations ?? []);
    }
    return publicView(record);
  };

  /** Each approved Location is recorded as covered by the agency: its token is minted on first use. */
  async function coverLocations(companyId: string, locationIds: string[]): Promise<void> {
    const ids = [...new Set(locationIds)];
    const placeholders: [string, string][] = [];
    // Read a batch at a time, side by side: a file store's reads each list its versions.
    for (let i = 0; i < ids.length; i += READ_BATCH) {
      const batch = ids.slice(i, i + READ_BATCH);
      const existing = await Promise.all(
        batch.map(async (id) => parseRecord(await store.get(keyFor("Location", id)))),
      );
      batch.forEach((locationId, n) => {
        const record = existing[n];
        // Its own install, or a token already minted from this agency, stays as it is.
        const own = record?.refreshToken && !record.mintedFromCompany;
        const minted = record?.mintedFromCompany && record.companyId === companyId;
        if ((own || minted) && !record?.revoked) return;
        const placeholder: InstallationRecord = {
          v: 1,
          userType: "Location",
          locationId,
          companyId,
          mintedFromCompany: true,
        };
        placeholders.push([keyFor("Location", locationId), serialize(placeholder)]);
      });
    }
    if (!placeholders.length) return;
    if (store.setMany) await store.setMany(placeholders);
    else for (const [locationKey, value] of placeholders) await store.set(locationKey, value);
  }
}
