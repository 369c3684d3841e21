/**
 * createOAuth: a HighLevel Marketplace app's side of OAuth — the consent URL, the code exchange,
 * a valid token per Location for every API call (a TokenProvider), installed Locations and the
 * install webhooks.
 */
import { InvalidRequestError } from "../errors/index.js";
import type { TokenContext, TokenProvider } from "../pipeline/token-provider.js";
import {
  authorizeUrl,
  createStateSigner,
  type AuthorizeUrlOptions,
  type VerifyStateOptions,
} from "./authorize.js";
import { createCodeExchange, type ExchangeCodeOptions } from "./code-exchange.js";
import { createOAuthHttp } from "./http.js";
import { createCompanyIndex } from "./company-index.js";
import { installedLocationsApi, type InstalledLocationsApi } from "./installed-locations.js";
import { listLocations, type ListLocationsOptions } from "./installed-list.js";
import { createLocationIndex } from "./location-index.js";
import { createLifecycle, DEFAULT_CLOSE_TIMEOUT_MS } from "./lifecycle.js";
import { createCoverage } from "./location-coverage.js";
import { resolveOAuthOptions, type OAuthOptions } from "./options.js";
import { checkId, keyFor, parseRecord, publicView, type Installation } from "./records.js";
import { createTokenCache } from "./token-cache.js";
import { createTokenManager, type TokenManager } from "./token-manager.js";
import { redacted } from "./token-store.js";
import type { WebhookEvent } from "../webhooks/events.js";
import type { WebhookOutcome } from "../webhooks/outcome.js";
import { applyWebhook } from "./webhook-actions.js";

export type { ExchangeCodeOptions };

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
  /**
   * For a process that stops, before it closes the store: token renewals, code exchanges and
   * webhook writes in flight run to their end (waited for up to `timeoutMs`, default 30 s), those
   * still waiting for a store lock end, and none starts any more (OAuthClosedError). A refresh
   * whose answer was not stored could leave the installation to be authorized again. Tokens
   * still valid are handed out as before. Calling it again waits for the same end.
   */
  close(options?: { timeoutMs?: number | undefined }): Promise<void>;
  /** The app ID used for installed Locations and webhook checks. */
  readonly appId: string;
}

export function createOAuth(options: OAuthOptions): OAuth {
  const config = resolveOAuthOptions(options);
  const { now, log } = config;
  const cache = createTokenCache(config.refreshSkewMs, now, log);
  // Every read and write goes through the cache: a valid token needs no store, a replaced one is dropped.
  const store = cache.through(config.store);
  const lifecycle = createLifecycle(log);
  const http = createOAuthHttp(config);
  const companies = createCompanyIndex(store, config.lock);
  const locations = createLocationIndex(store);
  // The listing asks for agency tokens, which the token manager (created next) gives out.
  const installedLocations = installedLocationsApi(http, config.appId, (companyId, signal) =>
    tokens.tokenFor("Company", companyId, signal),
  );
  const coverage = createCoverage({ store, companies, installedLocations, now });
  const tokens: TokenManager = createTokenManager({ ...config, store, cache, http, coverage, lifecycle });
  const state = createStateSigner(config.stateSecret, now);
  const exchange = createCodeExchange(config, http, store, companies, locations);

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
    exchangeCode: (code, opts) => lifecycle.track("code exchange", () => exchange(code, opts)),
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
    handleWebhook: (event) =>
      lifecycle.track("webhook write", () => applyWebhook(event, store, tokens, { companies, locations })),
    close(opts) {
      const timeoutMs = opts?.timeoutMs ?? DEFAULT_CLOSE_TIMEOUT_MS;
      if (!Number.isInteger(timeoutMs) || timeoutMs < 0 || timeoutMs > 2 ** 31 - 1) {
        return Promise.reject(
          new InvalidRequestError("close timeoutMs must be an integer from 0 to 2147483647"),
        );
      }
      return lifecycle.close(timeoutMs);
    },
  };
  // The object closes over the client secret: it prints as a label, never as its contents.
  return Object.freeze(redacted(oauth, "HighLevelOAuth"));
}
