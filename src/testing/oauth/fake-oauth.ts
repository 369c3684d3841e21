/**
 * A fake of HighLevel's OAuth endpoints, as a request handler: `handle(request)` answers
 * POST /oauth/token, POST /oauth/locationToken and GET /oauth/installedLocations, and returns
 * undefined for any other path (so it composes with other fakes).
 */
import { bearer, createEndpoints, json } from "./endpoints.js";
import { createFakeState, type FakeInstallation, type FakeLocation, type FakeState } from "./state.js";
import { installedScopes, uninstall, type UninstallPayload, type UninstallTarget } from "./installs.js";
import { createWebhookSigner, type WebhookSigner } from "./webhooks.js";

export interface FakeOAuthOptions {
  clientId?: string | undefined;
  clientSecret?: string | undefined;
  /** Lifetime of issued access tokens, in seconds (default 86399). */
  accessTokenTtlSeconds?: number | undefined;
  /** Whether POST /oauth/locationToken also returns a refresh token (the v3 reference's variant). */
  locationRefreshTokens?: boolean | undefined;
  /** Delay before answering token requests, to widen race windows (default 0). */
  tokenLatencyMs?: number | undefined;
  now?: (() => number) | undefined;
}

export interface FakeOAuth {
  readonly clientId: string;
  /** The app's id, as its tokens and webhooks carry it: the client id up to its first `-`. */
  readonly appId: string;
  readonly clientSecret: string;
  readonly stats: FakeState["stats"];
  handle(request: Request): Promise<Response | undefined>;
  /** Simulates the consent page: returns the code the redirect would carry for this install. */
  issueCode(install: FakeInstallation): string;
  /** The Locations of an agency, as GET /oauth/installedLocations lists them. */
  setLocations(companyId: string, locations: FakeLocation[]): void;
  /** The installation a bearer token (or `Authorization` header) acts for, if the token is valid now. */
  authorize(
    tokenOrHeader: string | null | undefined,
  ): { userType: string; locationId?: string; companyId?: string } | undefined;
  /** The lifetime of access tokens issued from now on, in seconds. */
  setAccessTokenTtl(seconds: number): void;
  /** Makes every current access token of an installation (or of all) answer 401. */
  revokeAccessTokens(installation?: string): void;
  /** Makes every refresh token of an installation invalid (`invalid_grant`): revoked or uninstalled. */
  revokeRefreshTokens(installation: string): void;
  /** The scopes the app holds on a Location (its own install, or its agency's), or undefined where it is not installed. */
  installedScopes(locationId: string): string[] | undefined;
  /**
   * Removes the app from a Location or an agency (and its Locations): its access tokens answer 401,
   * its refresh tokens `invalid_grant`, no Location token is minted for it, the installed lists say
   * so. Returns the UNINSTALL payload; `createFakeVoiceAI`'s `fake.uninstall` also sends it, signed.
   */
  uninstall(target: UninstallTarget): UninstallPayload;
  /** Signs INSTALL / UNINSTALL (or any) payloads with the fake's Ed25519 key. */
  readonly webhooks: WebhookSigner;
}

export function createFakeOAuthHandler(options: FakeOAuthOptions = {}): FakeOAuth {
  const clientId = options.clientId ?? "fakeapp-client";
  const clientSecret = options.clientSecret ?? "fake-client-secret-0123456789";
  const now = options.now ?? Date.now;
  const state = createFakeState(now, options.accessTokenTtlSeconds ?? 86_399);
  const { stats } = state;

  const endpoints = createEndpoints(state, {
    clientId,
    clientSecret,
    locationRefreshTokens: options.locationRefreshTokens === true,
    pause: () => new Promise((resolve) => setTimeout(resolve, options.tokenLatencyMs ?? 0)),
  });

  const appId = clientId.split("-")[0]!;
  return {
    clientId,
    appId,
    clientSecret,
    stats,
    webhooks: createWebhookSigner(now),
    async handle(request) {
      const url = new URL(request.url);
      const route = `${request.method} ${url.pathname}`;
      if (route === "GET /oauth/installedLocations") return endpoints.installedLocations(request, url);
      if (route !== "POST /oauth/token" && route !== "POST /oauth/locationToken") return undefined;
      if (!/^application\/x-www-form-urlencoded/i.test(request.headers.get("content-type") ?? "")) {
        return json(422, {
          statusCode: 422,
          message: ["the body must be form-urlencoded"],
          error: "Unprocessable Entity",
        });
      }
      const form = new URLSearchParams(await request.text());
      return route === "POST /oauth/token" ? endpoints.token(form) : endpoints.locationToken(request, form);
    },
    installedScopes: (locationId) => installedScopes(state, locationId),
    uninstall: (target) => uninstall(state, appId, target),
    issueCode(install) {
      const code = state.newCode();
      state.codes.set(code, { ...install });
      return code;
    },
    setLocations(companyId, list) {
      state.locations.set(
        companyId,
        list.map((l) => ({ ...l })),
      );
    },
    authorize(value) {
      const grant = state.validAccess(bearer(value ?? undefined));
      if (!grant) return undefined;
      return {
        userType: grant.userType,
        ...(grant.locationId && { locationId: grant.locationId }),
        ...(grant.companyId && { companyId: grant.companyId }),
      };
    },
    setAccessTokenTtl(seconds) {
      state.ttl.seconds = seconds;
    },
    revokeAccessTokens(installation) {
      for (const grant of state.access.values())
        if (!installation || grant.key === installation) grant.revoked = true;
    },
    revokeRefreshTokens(installation) {
      for (const [token, entry] of state.refresh) if (entry.key === installation) state.refresh.delete(token);
      state.installations.delete(installation);
    },
  };
}
