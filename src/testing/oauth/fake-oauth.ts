/**
 * A fake of HighLevel's OAuth endpoints, as a request handler: `handle(request)` answers
 * POST /oauth/token, POST /oauth/locationToken and GET /oauth/installedLocations, and returns
 * undefined for any other path (so it composes with other fakes).
 */
import {
  createFakeState,
  installationKey,
  type FakeInstallation,
  type FakeLocation,
  type FakeState,
} from "./state.js";
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
  /** Makes every current access token of an installation (or of all) answer 401. */
  revokeAccessTokens(installation?: string): void;
  /** Makes every refresh token of an installation invalid (`invalid_grant`): revoked or uninstalled. */
  revokeRefreshTokens(installation: string): void;
  /** Signs INSTALL / UNINSTALL (or any) payloads with the fake's Ed25519 key. */
  readonly webhooks: WebhookSigner;
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
const badRequest = (message: string) => json(400, { statusCode: 400, message });
const unauthorized = (message = "Invalid token: access token is invalid") =>
  json(401, { statusCode: 401, message, error: "Unauthorized" });

export function createFakeOAuthHandler(options: FakeOAuthOptions = {}): FakeOAuth {
  const clientId = options.clientId ?? "fakeapp-client";
  const clientSecret = options.clientSecret ?? "fake-client-secret-0123456789";
  const now = options.now ?? Date.now;
  const ttl = options.accessTokenTtlSeconds ?? 86_399;
  const state = createFakeState(now, ttl);
  const { stats } = state;
  const bearer = (value: string | null | undefined) => value?.replace(/^Bearer\s+/i, "");
  const pause = () => new Promise((resolve) => setTimeout(resolve, options.tokenLatencyMs ?? 0));

  async function token(form: URLSearchParams): Promise<Response> {
    if (form.get("client_id") !== clientId || form.get("client_secret") !== clientSecret) {
      return unauthorized("Invalid client credentials");
    }
    const grantType = form.get("grant_type");
    let install: FakeInstallation | undefined;
    if (grantType === "authorization_code") {
      install = state.codes.get(form.get("code") ?? "");
      if (!install) return badRequest("Invalid grant: authorization code is invalid");
      state.codes.delete(form.get("code")!);
      stats.codeExchanges++;
      state.installations.set(installationKey(install), install);
    } else if (grantType === "refresh_token") {
      const entry = state.refresh.get(form.get("refresh_token") ?? "");
      if (!entry) return badRequest("Invalid grant: refresh token is invalid");
      if (entry.used) {
        stats.refreshTokenReuses++;
        return badRequest("Invalid grant: refresh token is invalid");
      }
      entry.used = true;
      install = state.installations.get(entry.key);
      if (!install) return badRequest("Invalid grant: refresh token is invalid");
      const userType = form.get("user_type");
      if (userType !== null && userType !== install.userType)
        return badRequest("Invalid parameter: user_type");
      stats.refreshes++;
      stats.refreshesByInstallation[entry.key] = (stats.refreshesByInstallation[entry.key] ?? 0) + 1;
    } else {
      return badRequest("Invalid parameter: grant_type");
    }
    const key = installationKey(install);
    await pause();
    return json(200, {
      access_token: state.grantAccess(key, install),
      token_type: "Bearer",
      expires_in: ttl,
      refresh_token: state.grantRefresh(key),
      scope: install.scope ?? "voice-ai-agents.readonly voice-ai-agents.write",
      userType: install.userType,
      ...(install.locationId && { locationId: install.locationId }),
      ...(install.companyId && { companyId: install.companyId }),
      userId: install.userId ?? "user_fake",
      ...(install.userType === "Company" && {
        approvedLocations: install.approvedLocations ?? [],
        isBulkInstallation: install.isBulkInstallation ?? false,
        installToFutureLocations: install.installToFutureLocations ?? false,
        approveAllLocations: install.approveAllLocations ?? false,
      }),
    });
  }

  async function locationToken(request: Request, form: URLSearchParams): Promise<Response> {
    const grant = state.validAccess(bearer(request.headers.get("authorization")));
    if (!grant || grant.userType !== "Company") {
      stats.unauthorized++;
      return unauthorized();
    }
    if (request.headers.get("version") !== "2021-07-28") return badRequest("Invalid parameter: Version");
    const companyId = form.get("companyId");
    const locationId = form.get("locationId");
    if (!companyId || !locationId)
      return json(422, {
        statusCode: 422,
        message: ["companyId and locationId are required"],
        error: "Unprocessable Entity",
      });
    const company = state.installations.get(grant.key);
    const installed =
      company?.approvedLocations?.includes(locationId) ||
      state.locations.get(companyId)?.some((l) => l._id === locationId && l.isInstalled);
    if (companyId !== grant.companyId || !installed)
      return badRequest("The app is not installed on this location");
    stats.locationTokenMints++;
    stats.mintsByLocation[locationId] = (stats.mintsByLocation[locationId] ?? 0) + 1;
    await pause();
    const key = `Location:${locationId}`;
    if (!state.installations.has(key))
      state.installations.set(key, { userType: "Location", locationId, companyId });
    return json(200, {
      access_token: state.grantAccess(key, company!, "Location", locationId),
      token_type: "Bearer",
      expires_in: ttl,
      scope: company?.scope ?? "voice-ai-agents.readonly voice-ai-agents.write",
      locationId,
      userId: company?.userId ?? "user_fake",
      appId: clientId.split("-")[0],
      ...(options.locationRefreshTokens && { refresh_token: state.grantRefresh(key) }),
    });
  }

  function installedLocations(request: Request, url: URL): Response {
    const grant = state.validAccess(bearer(request.headers.get("authorization")));
    if (!grant || grant.userType !== "Company") {
      stats.unauthorized++;
      return unauthorized();
    }
    const q = url.searchParams;
    const companyId = q.get("companyId");
    if (!companyId || !q.get("appId"))
      return json(422, {
        statusCode: 422,
        message: ["companyId and appId are required"],
        error: "Unprocessable Entity",
      });
    if (companyId !== grant.companyId) return badRequest("Bad Request");
    stats.installedLocationsCalls++;
    let list = state.locations.get(companyId) ?? [];
    if (q.has("isInstalled")) list = list.filter((l) => String(l.isInstalled) === q.get("isInstalled"));
    if (q.has("locationId")) list = list.filter((l) => l._id === q.get("locationId"));
    if (q.has("query"))
      list = list.filter((l) => l.name.toLowerCase().includes(q.get("query")!.toLowerCase()));
    const skip = Number(q.get("skip") ?? "0");
    const limit = Number(q.get("limit") ?? "20");
    return json(200, {
      locations: list.slice(skip, skip + limit),
      count: list.length,
      installToFutureLocations: false,
    });
  }

  return {
    clientId,
    clientSecret,
    stats,
    webhooks: createWebhookSigner(now),
    async handle(request) {
      const url = new URL(request.url);
      const route = `${request.method} ${url.pathname}`;
      if (route === "GET /oauth/installedLocations") return installedLocations(request, url);
      if (route !== "POST /oauth/token" && route !== "POST /oauth/locationToken") return undefined;
      if (!/^application\/x-www-form-urlencoded/i.test(request.headers.get("content-type") ?? "")) {
        return json(422, {
          statusCode: 422,
          message: ["the body must be form-urlencoded"],
          error: "Unprocessable Entity",
        });
      }
      const form = new URLSearchParams(await request.text());
      return route === "POST /oauth/token" ? token(form) : locationToken(request, form);
    },
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
