/** The three OAuth endpoints of the fake, over its state. */
import { DEFAULT_SCOPE } from "./installs.js";
import { installationKey, type FakeInstallation, type FakeState } from "./state.js";

export interface EndpointConfig {
  clientId: string;
  clientSecret: string;
  locationRefreshTokens: boolean;
  /** Waits the configured token latency. */
  pause: () => Promise<unknown>;
}

export const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
const badRequest = (message: string) => json(400, { statusCode: 400, message });
const unauthorized = (message = "Invalid token: access token is invalid") =>
  json(401, { statusCode: 401, message, error: "Unauthorized" });

export const bearer = (value: string | null | undefined) => value?.replace(/^Bearer\s+/i, "");

export function createEndpoints(state: FakeState, config: EndpointConfig) {
  const { stats } = state;
  const { clientId, clientSecret, pause } = config;

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
      expires_in: state.ttl.seconds,
      refresh_token: state.grantRefresh(key),
      scope: install.scope ?? DEFAULT_SCOPE,
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
      expires_in: state.ttl.seconds,
      scope: company?.scope ?? DEFAULT_SCOPE,
      locationId,
      userId: company?.userId ?? "user_fake",
      appId: clientId.split("-")[0],
      ...(config.locationRefreshTokens && { refresh_token: state.grantRefresh(key) }),
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

  return { token, locationToken, installedLocations };
}
