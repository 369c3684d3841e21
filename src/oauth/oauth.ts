/**
 * createOAuth: a HighLevel Marketplace app's side of OAuth — the consent URL, the code exchange,
 * a valid token per Location for every API call (a TokenProvider), installed Locations and the
 * install webhooks.
 */
import { InvalidRequestError, InvalidResponseError } from "../errors/index.js";
import type { TokenContext, TokenProvider } from "../pipeline/token-provider.js";
import {
  authorizeUrl,
  createStateSigner,
  type AuthorizeUrlOptions,
  type VerifyStateOptions,
} from "./authorize.js";
import { createOAuthHttp } from "./http.js";
import { createCompanyIndex } from "./company-index.js";
import { installedLocationsApi, type InstalledLocationsApi } from "./installed-locations.js";
import { listLocations, type ListLocationsOptions } from "./installed-list.js";
import { createLocationIndex } from "./location-index.js";
import { createCoverage } from "./location-coverage.js";
import { resolveOAuthOptions, type OAuthOptions } from "./options.js";
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
import { createTokenManager, type TokenManager } from "./token-manager.js";
import { checkToken, lifetimeMs } from "./token-values.js";
import { redacted } from "./token-store.js";
import type { WebhookEvent } from "../webhooks/events.js";
import type { WebhookOutcome } from "../webhooks/outcome.js";
import { applyWebhook } from "./webhook-actions.js";

export interface ExchangeCodeOptions {
  /** Ask for a Location or a Company token (by default the server decides). */
  userType?: UserType | undefined;
  signal?: AbortSignal | undefined;
}

export interface OAuth extends TokenProvider {
  /** Step 1: where to send the installing admin (`/v2/oauth/chooselocation`). */
  authorizeUrl(options: AuthorizeUrlOptions): string;
  /** A signed, expiring, single-use `state`; keep it in a cookie too. `data` comes back from verifyState. */
  issueState(data?: string): Promise<string>;
  /** Throws OAuthStateError unless `state` is the one issued to this browser (`expected`), fresh and unused. */
  verifyState(state: unknown, options: VerifyStateOptions): Promise<{ data: string | undefined }>;
  /** Step 2: the code from the redirect for tokens, stored. Returns the installation, without tokens. */
  exchangeCode(code: string, options?: ExchangeCodeOptions): Promise<Installation>;
  /** A valid access token for the call's Location: refreshed or minted first if it must be. */
  getToken(ctx: TokenContext): Promise<string>;
  /** The server answered 401 to `token`: the next getToken renews it. */
  invalidate(ctx: TokenContext, token: string): void;
  /** A valid access token of an agency install (for agency-level APIs). */
  getCompanyToken(companyId: string, options?: { signal?: AbortSignal | undefined }): Promise<string>;
  /** What is stored for a Location or agency, without tokens. */
  installation(who: { locationId: string } | { companyId: string }): Promise<Installation | undefined>;
  /** The agency's Locations and the app's install state on each (paginated; `.listAll`). */
  installedLocations: InstalledLocationsApi;
  /**
   * Every Location the app holds an installation for (the store's, then those its agency installs
   * report), each once: e.g. the `locations` of a sync.
   */
  locations(options?: ListLocationsOptions): AsyncIterableIterator<string>;
  /** Applies a verified INSTALL / UNINSTALL event to the store. */
  handleWebhook(event: WebhookEvent): Promise<WebhookOutcome>;
  /** The app ID used for installed Locations and webhook checks. */
  readonly appId: string;
}

export function createOAuth(options: OAuthOptions): OAuth {
  const config = resolveOAuthOptions(options);
  const { store, now } = config;
  const http = createOAuthHttp(config);
  const companies = createCompanyIndex(store, config.lock);
  const locations = createLocationIndex(store, config.lock);
  // The listing asks for agency tokens, which the token manager (created next) gives out.
  const installedLocations = installedLocationsApi(http, config.appId, (companyId, signal) =>
    tokens.tokenFor("Company", companyId, signal),
  );
  const coverage = createCoverage({ store, companies, installedLocations, now });
  const tokens: TokenManager = createTokenManager({ ...config, http, coverage });
  const state = createStateSigner(config.stateSecret, now);

  async function exchangeCode(code: string, exchange: ExchangeCodeOptions = {}): Promise<Installation> {
    if (typeof code !== "string" || !/^[\x21-\x7e]{1,4096}$/.test(code)) {
      throw new InvalidRequestError("code must be the non-empty `code` query parameter of the redirect");
    }
    const { userType, signal } = exchange;
    if (userType !== undefined && userType !== "Location" && userType !== "Company") {
      throw new InvalidRequestError('userType must be "Location" or "Company"');
    }
    const started = now();
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
    await withStoreLock(store, key, config.lock, (fence) =>
      store.set(key, serialize(record), fence === undefined ? undefined : { fence }),
    );
    if (kind === "Location") await locations.add([id]);
    // Each approved Location is recorded as covered by the agency: its token is minted on first use.
    if (kind === "Company") {
      await companies.add(id);
      for (const locationId of record.approvedLocations ?? []) {
        const locationKey = keyFor("Location", checkId("locationId", locationId));
        const existing = parseRecord(await store.get(locationKey));
        if (existing?.refreshToken && !existing.revoked && !existing.mintedFromCompany) continue;
        await store.set(
          locationKey,
          serialize({ v: 1, userType: "Location", locationId, companyId: id, mintedFromCompany: true }),
        );
      }
      await locations.add(record.approvedLocations ?? []);
    }
    return publicView(record);
  }

  function locationOf(ctx: TokenContext): string {
    if (ctx?.locationId === undefined) {
      throw new InvalidRequestError(
        "The call names no locationId, so no installation's token can be chosen: pass locationId",
      );
    }
    return checkId("locationId", ctx.locationId);
  }

  const oauth: OAuth = {
    appId: config.appId,
    authorizeUrl: (opts) => authorizeUrl(config.clientId, config.redirectUri, opts),
    issueState: (data) => state.issue(data),
    verifyState: (received, opts) => state.verify(received, opts),
    exchangeCode,
    getToken: async (ctx) => tokens.tokenFor("Location", locationOf(ctx), ctx?.signal),
    invalidate(_ctx, token) {
      if (typeof token === "string" && token) tokens.invalidate(token);
    },
    getCompanyToken: async (companyId, opts) =>
      tokens.tokenFor("Company", checkId("companyId", companyId), opts?.signal),
    async installation(who) {
      if (!who || typeof who !== "object")
        throw new InvalidRequestError("installation needs { locationId } or { companyId }");
      const [kind, id] =
        "locationId" in who ? (["Location", who.locationId] as const) : (["Company", who.companyId] as const);
      const record = parseRecord(await store.get(keyFor(kind, checkId(`${kind.toLowerCase()}Id`, id))));
      return record && publicView(record);
    },
    installedLocations,
    locations: (options) => listLocations({ store, locations, companies, installedLocations }, options),
    handleWebhook: (event) => applyWebhook(event, store, tokens, { companies, locations }),
  };
  // The object closes over the client secret: it prints as a label, never as its contents.
  return Object.freeze(redacted(oauth, "HighLevelOAuth"));
}
