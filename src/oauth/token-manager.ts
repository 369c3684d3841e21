/**
 * Valid access tokens per Location and per Company: read from the store, renewed ahead of expiry
 * or after a 401 — refreshed with the installation's refresh token, or minted from the agency's
 * token — one renewal per installation at a time, and never the same refresh token twice.
 */
import { ReauthorizationRequiredError, type ReauthorizationReason } from "./errors.js";
import { isInvalidGrant, type OAuthHttp } from "./http.js";
import type { Coverage } from "./location-coverage.js";
import { keyFor, parseRecord, serialize, type InstallationRecord, type UserType } from "./records.js";
import { createSingleFlight, untilAborted, withStoreLock, type LockTiming } from "./single-flight.js";
import { createGrants } from "./token-grants.js";
import type { TokenStore } from "./token-store.js";
import { fenced, revoke } from "./token-values.js";

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

const MAX_INVALIDATED = 1_000;

export function createTokenManager(config: TokenManagerConfig) {
  const { store, now } = config;
  const { refresh, mint } = createGrants({
    ...config,
    companyToken: (companyId) => tokenFor("Company", companyId, undefined),
    invalidate,
  });
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

  function invalidate(token: string) {
    invalidated.add(token);
    if (invalidated.size > MAX_INVALIDATED) invalidated.delete(invalidated.values().next().value!);
  }

  return { tokenFor, invalidate };
}

export type TokenManager = ReturnType<typeof createTokenManager>;
