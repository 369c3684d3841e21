/**
 * Valid access tokens per Location and per Company: read from the store, renewed ahead of expiry
 * or after a 401 — refreshed with the installation's refresh token, or minted from the agency's
 * token — one renewal per installation at a time, and never the same refresh token twice.
 */
import { AuthenticationError, InvalidResponseError } from "../errors.js";
import { ReauthorizationRequiredError, type ReauthorizationReason } from "./errors.js";
import { isInvalidGrant, type OAuthHttp } from "./http.js";
import type { Coverage } from "./location-coverage.js";
import { keyFor, parseRecord, serialize, type InstallationRecord, type UserType } from "./records.js";
import { createSingleFlight, untilAborted, withStoreLock, type LockTiming } from "./single-flight.js";
import type { TokenStore } from "./token-store.js";

export interface TokenManagerConfig {
  clientId: string;
  clientSecret: string;
  store: TokenStore;
  http: OAuthHttp;
  /** Renew when less than this is left of the access token's life. */
  refreshSkewMs: number;
  lock: LockTiming;
  now: () => number;
  /** Finds the agency install of a Location that has no record (none: such a Location is not installed). */
  coverage?: Coverage | undefined;
}

const DEFAULT_LIFETIME_S = 3_600;
const MAX_LIFETIME_S = 366 * 24 * 3_600;
const MAX_INVALIDATED = 1_000;

export function createTokenManager(config: TokenManagerConfig) {
  const { store, http, now } = config;
  const renewOnce = createSingleFlight<string>();
  /** Tokens a server answered 401 to: treated as expired, whatever their record says. */
  const invalidated = new Set<string>();

  const reauth = (reason: ReauthorizationReason, record: Partial<InstallationRecord>) =>
    new ReauthorizationRequiredError(reason, { locationId: record.locationId, companyId: record.companyId });

  /** The record's access token if it can be used now. */
  function usable(record: InstallationRecord | undefined): string | undefined {
    const token = record?.accessToken;
    if (!token || record.revoked || invalidated.has(token)) return undefined;
    return (record.expiresAt ?? 0) - config.refreshSkewMs > now() ? token : undefined;
  }

  const read = async (key: string) => parseRecord(await store.get(key));

  /** A valid token of the Location or Company `id`, renewed first if it must be. */
  async function tokenFor(userType: UserType, id: string, signal: AbortSignal | undefined): Promise<string> {
    const key = keyFor(userType, id);
    const record = await read(key);
    const token = usable(record);
    if (token) return token;
    const who = userType === "Location" ? { locationId: id } : { companyId: id };
    if (!record && (userType === "Company" || !config.coverage)) throw reauth("not_installed", who);
    if (record?.revoked) throw reauth(record.revoked, record);
    // Callers share the renewal, which runs to its end even if the caller that started it aborts.
    return untilAborted(
      renewOnce(key, () => withStoreLock(store, key, config.lock, (fence) => renew(key, who, fence))),
      signal,
    );
  }

  /** Under the installation's lock: renews unless another caller or process already has. */
  async function renew(key: string, who: Partial<InstallationRecord>, fence: number | undefined) {
    let record = await read(key);
    const token = usable(record);
    if (token) return token;
    if (!record && who.locationId !== undefined) record = await adopt(key, who.locationId, fence);
    if (!record) throw reauth("not_installed", who);
    if (record.revoked) throw reauth(record.revoked, record);
    // A Location of an agency install can always get a new token from the agency's.
    const mintable = async () =>
      record.userType === "Location" &&
      record.companyId !== undefined &&
      (record.mintedFromCompany === true || (await companyActive(record.companyId)));
    if (record.refreshToken) {
      try {
        return await refresh(key, record, record.refreshToken, fence);
      } catch (error) {
        if (!isInvalidGrant(error)) throw error;
        if (!(await mintable())) {
          await store.set(key, serialize(revoke(record, "invalid_grant")), fenced(fence));
          throw reauth("invalid_grant", record);
        }
      }
    }
    if (await mintable()) return mint(key, record, fence);
    await store.set(key, serialize(revoke(record, "invalid_grant")), fenced(fence));
    throw reauth("invalid_grant", record);
  }

  /** A Location without a record: recorded as covered by the agency install that lists it. */
  async function adopt(key: string, locationId: string, fence: number | undefined) {
    const found = await config.coverage?.find(locationId);
    if (!found?.companyId) {
      const detail = found?.asked ? `none of the ${found.asked} agency installs asked lists it` : undefined;
      throw new ReauthorizationRequiredError("not_installed", { locationId }, detail);
    }
    const record: InstallationRecord = {
      v: 1,
      userType: "Location",
      locationId,
      companyId: found.companyId,
      mintedFromCompany: true,
    };
    await store.set(key, serialize(record), fenced(fence));
    return record;
  }

  async function companyActive(companyId: string): Promise<boolean> {
    const company = await read(keyFor("Company", companyId));
    return company !== undefined && !company.revoked;
  }

  async function refresh(
    key: string,
    record: InstallationRecord,
    refreshToken: string,
    fence: number | undefined,
  ) {
    const started = now();
    // Replaced in the store by the rotated one below. If the request fails without an answer it
    // stays: the server may not have seen it, and sending it again is the only way to find out.
    const response = await http.token(
      {
        client_id: config.clientId,
        client_secret: config.clientSecret,
        grant_type: "refresh_token",
        refresh_token: refreshToken,
        user_type: record.userType,
      },
      undefined,
    );
    const next: InstallationRecord = {
      ...record,
      accessToken: checkToken(response.access_token, "access_token"),
      refreshToken: optionalToken(response.refresh_token),
      expiresAt: started + lifetimeMs(response.expires_in),
      scope: response.scope ?? record.scope,
    };
    // Stored before the new access token is handed out: the rotated refresh token is never lost
    // to a crash after use, and a lost lock (fence) refuses the write.
    await store.set(key, serialize(next), fenced(fence));
    return next.accessToken!;
  }

  /** A Location token minted from its agency's token (`POST /oauth/locationToken`). */
  async function mint(key: string, record: InstallationRecord, fence: number | undefined): Promise<string> {
    const locationId = record.locationId!;
    const companyId = record.companyId!;
    for (let attempt = 1; ; attempt++) {
      let companyToken: string;
      try {
        companyToken = await tokenFor("Company", companyId, undefined);
      } catch (error) {
        if (!(error instanceof ReauthorizationRequiredError)) throw error;
        throw new ReauthorizationRequiredError("company_reauthorization_required", { locationId, companyId });
      }
      const started = now();
      try {
        const response = await http.locationToken(companyToken, { companyId, locationId }, undefined);
        const next: InstallationRecord = {
          ...record,
          userId: response.userId ?? record.userId,
          accessToken: checkToken(response.access_token, "access_token"),
          refreshToken: optionalToken(response.refresh_token),
          expiresAt: started + lifetimeMs(response.expires_in),
          scope: response.scope ?? record.scope,
          planId: response.planId ?? record.planId,
          mintedFromCompany: true,
          revoked: undefined,
        };
        await store.set(key, serialize(next), fenced(fence));
        return next.accessToken!;
      } catch (error) {
        // The agency token was refused mid-life: renew it once and mint again.
        if (!(error instanceof AuthenticationError) || attempt > 1) throw error;
        invalidate(companyToken);
      }
    }
  }

  function invalidate(token: string) {
    invalidated.add(token);
    if (invalidated.size > MAX_INVALIDATED) invalidated.delete(invalidated.values().next().value!);
  }

  return { tokenFor, invalidate };
}

export type TokenManager = ReturnType<typeof createTokenManager>;

const fenced = (fence: number | undefined) => (fence === undefined ? undefined : { fence });

export function revoke(record: InstallationRecord, reason: ReauthorizationReason): InstallationRecord {
  return {
    ...record,
    accessToken: undefined,
    refreshToken: undefined,
    expiresAt: undefined,
    revoked: reason,
  };
}

/** A token goes into an Authorization header: printable ASCII, bounded. */
export function checkToken(value: unknown, field: string): string {
  if (typeof value === "string" && /^[\x21-\x7e]{1,8192}$/.test(value)) return value;
  throw new InvalidResponseError(
    { operationId: "getAccessToken", method: "POST", url: "" },
    200,
    `the response has no usable ${field}`,
    "",
  );
}

const optionalToken = (value: unknown) =>
  value === undefined || value === null || value === "" ? undefined : checkToken(value, "refresh_token");

/** `expires_in` (seconds) in ms; a missing or absurd value counts as an hour. */
export function lifetimeMs(expiresIn: unknown): number {
  const seconds =
    typeof expiresIn === "number" && Number.isFinite(expiresIn) && expiresIn > 0
      ? Math.min(expiresIn, MAX_LIFETIME_S)
      : DEFAULT_LIFETIME_S;
  return seconds * 1000;
}
