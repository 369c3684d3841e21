/**
 * The two ways to renew an installation's access token: refresh it with its refresh token
 * (`POST /oauth/token`), or mint a Location token from its agency's (`POST /oauth/locationToken`).
 * Each stores the new record (fenced) before the new token is handed out.
 */
import { AuthenticationError } from "../errors/index.js";
import { ReauthorizationRequiredError } from "./errors.js";
import type { OAuthHttp } from "./http.js";
import { serialize, type InstallationRecord } from "./records.js";
import type { HeldLock } from "./single-flight.js";
import type { TokenStore } from "./token-store.js";
import { checkToken, fenced, lifetimeMs, optionalToken } from "./token-values.js";

export interface GrantsConfig {
  clientId: string;
  clientSecret: string;
  store: TokenStore;
  http: OAuthHttp;
  now: () => number;
  /** A valid token of the agency install `companyId`. */
  companyToken: (companyId: string) => Promise<string>;
  /** Marks a token the server refused, so the next companyToken renews it. */
  invalidate: (token: string) => void;
}

export function createGrants(config: GrantsConfig) {
  const { store, http, now } = config;

  async function refresh(key: string, record: InstallationRecord, refreshToken: string, held: HeldLock) {
    const started = now();
    // Replaced in the store by the rotated one below. If the request fails without an answer it
    // stays: the server may not have seen it, and sending it again is the only way to find out.
    // No attempt starts once the lock could have passed to another process (held.deadline).
    const response = await http.token(
      {
        client_id: config.clientId,
        client_secret: config.clientSecret,
        grant_type: "refresh_token",
        refresh_token: refreshToken,
        user_type: record.userType,
      },
      undefined,
      held.deadline,
    );
    const next: InstallationRecord = {
      ...record,
      accessToken: checkToken(response.access_token, "access_token"),
      // An answer without one (RFC 6749 allows it) leaves the refresh token as it was.
      refreshToken: optionalToken(response.refresh_token) ?? refreshToken,
      expiresAt: started + lifetimeMs(response.expires_in),
      issuedAt: started,
      scope: response.scope ?? record.scope,
    };
    // Stored before the new access token is handed out: the rotated refresh token is never lost
    // to a crash after use, and a lost lock (fence) refuses the write.
    await store.set(key, serialize(next), fenced(held.fence));
    return next.accessToken!;
  }

  /** A Location token minted from its agency's token (`POST /oauth/locationToken`). */
  async function mint(key: string, record: InstallationRecord, fence: number | undefined): Promise<string> {
    const locationId = record.locationId!;
    const companyId = record.companyId!;
    for (let attempt = 1; ; attempt++) {
      let companyToken: string;
      try {
        companyToken = await config.companyToken(companyId);
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
          issuedAt: started,
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
        config.invalidate(companyToken);
      }
    }
  }

  return { refresh, mint };
}
