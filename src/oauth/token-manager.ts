/**
 * Valid access tokens per Location and per Company: held in process while valid (token-cache.ts),
 * renewed ahead of expiry or after a 401 — refreshed with the installation's refresh token, or
 * minted from the agency's token — one renewal per installation at a time, under the store's lock,
 * and never the same refresh token twice while that lock holds.
 */
import type { Log } from "../logging/logger.js";
import { ReauthorizationRequiredError, type ReauthorizationReason } from "./errors.js";
import { isInvalidGrant, type OAuthHttp } from "./http.js";
import type { Lifecycle } from "./lifecycle.js";
import type { Coverage } from "./location-coverage.js";
import { keyFor, parseRecord, serialize, type InstallationRecord, type UserType } from "./records.js";
import {
  createSingleFlight,
  untilAborted,
  withStoreLock,
  type HeldLock,
  type LockTiming,
  type LockUse,
} from "./single-flight.js";
import type { TokenCache } from "./token-cache.js";
import { createGrants } from "./token-grants.js";
import type { TokenStore } from "./token-store.js";
import { fenced, revoke } from "./token-values.js";

export interface TokenManagerConfig {
  clientId: string;
  clientSecret: string;
  /** The store as seen through `cache` (every read and write kept in it). */
  store: TokenStore;
  cache: TokenCache;
  http: OAuthHttp;
  lock: LockTiming;
  now: () => number;
  lifecycle: Lifecycle;
  log: Log;
  /** Finds the agency install of a Location that has no record (none: such a Location is not installed). */
  coverage?: Coverage | undefined;
}

type Who = { locationId?: string | undefined; companyId?: string | undefined };

const named = (who: Who) =>
  who.locationId === undefined ? `company ${who.companyId}` : `location ${who.locationId}`;

export function createTokenManager(config: TokenManagerConfig) {
  const { store, cache, lifecycle, log } = config;
  const { refresh, mint } = createGrants({
    ...config,
    companyToken: (companyId) => tokenFor("Company", companyId, undefined),
    invalidate,
  });
  const renewOnce = createSingleFlight<string>();
  const reauth = (reason: ReauthorizationReason, record: Who) =>
    new ReauthorizationRequiredError(reason, { locationId: record.locationId, companyId: record.companyId });
  const read = async (key: string) => parseRecord(await store.get(key));

  /** A valid token of the Location or Company `id`, renewed first if it must be. */
  async function tokenFor(userType: UserType, id: string, signal: AbortSignal | undefined): Promise<string> {
    const key = keyFor(userType, id);
    let held = cache.get(key);
    let record: InstallationRecord | undefined;
    if (!held) {
      record = await read(key); // kept in the cache by the store's view
      held = cache.get(key);
    }
    if (held && !held.due) return held.token;
    const who: Who = userType === "Location" ? { locationId: id } : { companyId: id };
    if (!held) {
      if (!record && (userType === "Company" || !config.coverage)) throw reauth("not_installed", who);
      if (record?.revoked) throw reauth(record.revoked, record);
    }
    const unrecorded = !held && !record;
    try {
      // Callers share the renewal, which runs to its end even if the caller that started it aborts.
      const renewal = renewOnce(key, () =>
        lifecycle.track("token renewal", () => renew(key, who, unrecorded)),
      );
      return await untilAborted(renewal, signal);
    } catch (error) {
      // A token still valid serves while it cannot be renewed (store or server down, closing).
      const still = cache.get(key);
      if (!still || error instanceof ReauthorizationRequiredError || signal?.aborted) throw error;
      if (still.due) {
        cache.postpone(key);
        log.warn?.(
          `renewing the token of ${named(who)} failed (${(error as Error)?.name ?? "error"}); ` +
            "its current token is still valid and used meanwhile",
        );
      }
      return still.token;
    }
  }

  /** Renews, under the installation's lock, unless another caller or process already has. */
  async function renew(key: string, who: Who, unrecorded: boolean): Promise<string> {
    // A Location without a record needs no lock to be told it is not installed: which agency
    // covers it is asked first (a cached "none" sends nothing, and leaves nothing behind).
    const companyId = unrecorded && who.locationId !== undefined ? await cover(who.locationId) : undefined;
    return withStoreLock(store, key, lockUse(who), (held) => renewHeld(key, who, held, companyId));
  }

  async function renewHeld(key: string, who: Who, held: HeldLock, coveredBy: string | undefined) {
    let record = await read(key);
    const fresh = cache.get(key);
    if (fresh && !fresh.due) return fresh.token;
    if (!record && who.locationId !== undefined && coveredBy !== undefined) {
      record = await adopt(key, who.locationId, coveredBy, held.fence);
    }
    if (!record) throw reauth("not_installed", who);
    if (record.revoked) throw reauth(record.revoked, record);
    // A Location of an agency install can always get a new token from the agency's.
    const mintable = async () =>
      record.userType === "Location" &&
      record.companyId !== undefined &&
      (record.mintedFromCompany === true || (await companyActive(record.companyId)));
    if (record.refreshToken) {
      try {
        return await refresh(key, record, record.refreshToken, held);
      } catch (error) {
        if (!isInvalidGrant(error)) throw error;
        if (!(await mintable())) {
          await store.set(key, serialize(revoke(record, "invalid_grant")), fenced(held.fence));
          throw reauth("invalid_grant", record);
        }
      }
    }
    if (await mintable()) return mint(key, record, held.fence);
    await store.set(key, serialize(revoke(record, "invalid_grant")), fenced(held.fence));
    throw reauth("invalid_grant", record);
  }

  function lockUse(who: Who): LockUse {
    const { ttlMs } = config.lock;
    return {
      ...config.lock,
      signal: lifecycle.signal,
      onLongWait: (waitedMs) =>
        log.warn?.(
          `the token of ${named(who)} has waited ${(waitedMs / 1000).toFixed(1)} s for its store lock: ` +
            "another process is renewing it, or stopped or died holding the lock, which then frees " +
            `itself lockTtlMs (${ttlMs} ms) after it was taken`,
        ),
    };
  }

  /** The agency install covering a Location that has no record, or not_installed. */
  async function cover(locationId: string): Promise<string> {
    const found = await config.coverage?.find(locationId);
    if (found?.companyId) return found.companyId;
    const detail = found?.asked ? `none of the ${found.asked} agency installs asked lists it` : undefined;
    throw new ReauthorizationRequiredError("not_installed", { locationId }, detail);
  }

  /** A Location without a record: recorded as covered by the agency install that lists it. */
  async function adopt(key: string, locationId: string, companyId: string, fence: number | undefined) {
    const record: InstallationRecord = {
      v: 1,
      userType: "Location",
      locationId,
      companyId,
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
    cache.refuse(token);
  }

  return { tokenFor, invalidate };
}

export type TokenManager = ReturnType<typeof createTokenManager>;
