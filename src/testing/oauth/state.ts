/**
 * The fake's view of HighLevel's OAuth world: installations, codes, tokens and what was done
 * with them. Refresh tokens are single-use and rotate; access tokens expire.
 */

export interface FakeInstallation {
  userType: "Location" | "Company";
  locationId?: string | undefined;
  companyId?: string | undefined;
  userId?: string | undefined;
  scope?: string | undefined;
  approvedLocations?: string[] | undefined;
  isBulkInstallation?: boolean | undefined;
  installToFutureLocations?: boolean | undefined;
  approveAllLocations?: boolean | undefined;
}

export interface FakeLocation {
  _id: string;
  name: string;
  address: string;
  isInstalled: boolean;
  installedAt?: string | undefined;
}

export interface AccessGrant {
  key: string;
  userType: "Location" | "Company";
  locationId: string | undefined;
  companyId: string | undefined;
  expiresAt: number;
  revoked: boolean;
}

/** What the fake has been asked to do; tests assert on these counts. */
export interface FakeOAuthStats {
  codeExchanges: number;
  /** Successful refreshes, in total and per installation ("Location:ID" / "Company:ID"). */
  refreshes: number;
  refreshesByInstallation: Record<string, number>;
  /** Refresh tokens presented again after they had been used: each would be a client bug. */
  refreshTokenReuses: number;
  /** Location tokens minted through POST /oauth/locationToken, in total and per Location. */
  locationTokenMints: number;
  mintsByLocation: Record<string, number>;
  installedLocationsCalls: number;
  /** Requests refused with 401 for an expired, revoked or unknown access token. */
  unauthorized: number;
}

const random = (prefix: string) =>
  `${prefix}_${[...crypto.getRandomValues(new Uint8Array(18))].map((b) => b.toString(16).padStart(2, "0")).join("")}`;

export const installationKey = (install: FakeInstallation) =>
  install.userType === "Location" ? `Location:${install.locationId}` : `Company:${install.companyId}`;

export function createFakeState(now: () => number, initialTtlSeconds: number) {
  /** Lifetime of the access tokens issued from now on, in seconds. */
  const ttl = { seconds: initialTtlSeconds };
  const installations = new Map<string, FakeInstallation>();
  const codes = new Map<string, FakeInstallation>();
  const access = new Map<string, AccessGrant>();
  /** Refresh token → installation key and whether it was used. */
  const refresh = new Map<string, { key: string; used: boolean }>();
  const locations = new Map<string, FakeLocation[]>();
  const stats: FakeOAuthStats = {
    codeExchanges: 0,
    refreshes: 0,
    refreshesByInstallation: {},
    refreshTokenReuses: 0,
    locationTokenMints: 0,
    mintsByLocation: {},
    installedLocationsCalls: 0,
    unauthorized: 0,
  };

  function grantAccess(
    key: string,
    install: FakeInstallation,
    userType = install.userType,
    locationId = install.locationId,
  ) {
    const token = random("at");
    access.set(token, {
      key,
      userType,
      locationId,
      companyId: install.companyId,
      expiresAt: now() + ttl.seconds * 1000,
      revoked: false,
    });
    return token;
  }

  function grantRefresh(key: string) {
    const token = random("rt");
    refresh.set(token, { key, used: false });
    return token;
  }

  return {
    ttl,
    installations,
    codes,
    access,
    refresh,
    locations,
    stats,
    grantAccess,
    grantRefresh,
    newCode: () => random("code"),
    /** The grant behind a bearer token, if it is valid now. */
    validAccess(token: string | undefined): AccessGrant | undefined {
      const grant = token ? access.get(token) : undefined;
      return grant && !grant.revoked && grant.expiresAt > now() ? grant : undefined;
    },
  };
}

export type FakeState = ReturnType<typeof createFakeState>;
