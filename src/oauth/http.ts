/**
 * Sends the three OAuth operations (openapi-fetch over the types of openapi/oauth.yaml) and turns
 * every failure into a typed error that carries no secret. All requests go through `send`: routing
 * them through the client's request pipeline later changes that one function.
 */
import createClient from "openapi-fetch";
import type { components, paths } from "../../generated/oauth-schema.js";
import {
  APIConnectionError,
  APIError,
  APITimeoutError,
  BadRequestError,
  InvalidResponseError,
  RateLimitError,
  VoiceAIError,
  apiErrorFor,
  type RequestInfo,
} from "../errors/index.js";
import { createBarePipeline } from "../pipeline/index.js";
import { createRedactor, type Redactor } from "../pipeline/redact.js";
import type { Call } from "../pipeline/types.js";

export type TokenResponse = components["schemas"]["AccessTokenResponse"];
export type LocationTokenResponse = components["schemas"]["LocationTokenResponse"];
export type InstalledLocationsPage = components["schemas"]["InstalledLocationsPage"];
export type InstalledLocationsQuery = paths["/oauth/installedLocations"]["get"]["parameters"]["query"];
type TokenForm = components["schemas"]["AccessTokenRequest"];

const VERSION = "2021-07-28";
const FORM = "application/x-www-form-urlencoded";

export interface OAuthHttpConfig {
  baseUrl: string;
  fetch: (request: Request) => Promise<Response>;
  timeoutMs: number;
}

/** The server refused a grant (400 `Invalid grant: ...`): the code or refresh token is invalid, expired or used. */
export function isInvalidGrant(error: unknown): boolean {
  return error instanceof BadRequestError && /invalid.?grant/i.test(JSON.stringify(error.body ?? ""));
}

export function createOAuthHttp(config: OAuthHttpConfig) {
  const client = createClient<paths>({ baseUrl: config.baseUrl });
  const redactor = createRedactor();
  // The client's own pipeline, less rate limits and credentials: retries (a POST only when the
  // server cannot have acted on it: a refresh token is never sent twice after a 5xx or a reset),
  // timeouts, redirects that keep the Authorization header home, typed errors.
  const send = createBarePipeline({
    origin: new URL(config.baseUrl).origin,
    fetch: (url, init) => config.fetch(new Request(url, init)),
    redactor,
    onRetry: () => {},
  });

  /** Runs one operation; `secrets` are scrubbed from anything that ends up in an error. */
  async function run<T>(
    operationId: string,
    secrets: string[],
    signal: AbortSignal | undefined,
    call: (fetch: (r: Request) => Promise<Response>) => Promise<unknown>,
    deadline?: number,
  ): Promise<T> {
    secrets.forEach((secret) => redactor.add(secret));
    let info: RequestInfo = { operationId, method: "", url: "" };
    let data: unknown;
    const fetch = async (request: Request) => {
      info = { operationId, method: request.method, url: request.url.replace(/[?#].*/, "") };
      const body = request.body ? await request.arrayBuffer() : undefined;
      const startedAt = performance.now();
      const reply = await send(
        { method: request.method, url: request.url, headers: request.headers, body },
        { ...CALL, operationId, signal, timeoutMs: config.timeoutMs, startedAt, deadline },
      );
      data = reply.data;
      return new Response(null, { status: reply.status, headers: reply.headers });
    };
    try {
      await call(fetch);
    } catch (error) {
      throw withoutSecrets(error, info, redactor, deadline !== undefined);
    }
    return data as T;
  }

  return {
    /**
     * `POST /oauth/token`: a code or a refresh token for an access token. `deadline`
     * (performance.now()): no attempt or retry wait goes past it (the store lock's end).
     */
    token(form: TokenForm, signal: AbortSignal | undefined, deadline?: number): Promise<TokenResponse> {
      const secrets = [form.client_secret, form.code, form.refresh_token].filter(isString);
      return run(
        "getAccessToken",
        secrets,
        signal,
        (fetch) =>
          client.POST("/oauth/token", {
            body: form,
            headers: { "Content-Type": FORM, Accept: "application/json" },
            fetch,
            parseAs: "stream",
          }),
        deadline,
      );
    },
    /** `POST /oauth/locationToken`: a Location token minted with the agency's token. */
    locationToken(
      companyToken: string,
      body: { companyId: string; locationId: string },
      signal: AbortSignal | undefined,
    ): Promise<LocationTokenResponse> {
      return run("getLocationAccessToken", [companyToken], signal, (fetch) =>
        client.POST("/oauth/locationToken", {
          body,
          params: { header: { Version: VERSION } },
          headers: {
            "Content-Type": FORM,
            Accept: "application/json",
            Authorization: `Bearer ${companyToken}`,
          },
          fetch,
          parseAs: "stream",
        }),
      );
    },
    /** `GET /oauth/installedLocations`: one page of the agency's Locations. */
    installedLocations(
      companyToken: string,
      query: InstalledLocationsQuery,
      signal: AbortSignal | undefined,
    ): Promise<InstalledLocationsPage> {
      return run("getInstalledLocations", [companyToken], signal, (fetch) =>
        client.GET("/oauth/installedLocations", {
          params: { query, header: { Version: VERSION } },
          headers: { Accept: "application/json", Authorization: `Bearer ${companyToken}` },
          fetch,
          parseAs: "stream",
        }),
      );
    },
  };
}

export type OAuthHttp = ReturnType<typeof createOAuthHttp>;

const isString = (value: unknown): value is string => typeof value === "string" && value.length > 0;

/** The settings of every OAuth call; each call adds its operation, signal, timeout and start. */
const CALL: Omit<Call, "operationId" | "signal" | "timeoutMs" | "startedAt"> = {
  locationId: undefined,
  maxRetries: 2,
  deadline: undefined,
  version: VERSION,
  expect: "object",
  maxResponseBytes: 1 << 20,
  attempt: 1,
};

/**
 * The pipeline's typed error, without what a server may have echoed back: an error body has its
 * secrets redacted, and a token response that is not usable JSON keeps no snippet of itself.
 */
function withoutSecrets(error: unknown, info: RequestInfo, redactor: Redactor, locked: boolean): unknown {
  if (error instanceof APIError) {
    const retryAfter = error instanceof RateLimitError ? error.retryAfterMs : undefined;
    const body = redactValue(error.body, redactor);
    return apiErrorFor(
      { ...info, status: error.status, headers: error.headers, body, rateLimit: undefined },
      retryAfter,
    );
  }
  if (error instanceof InvalidResponseError) {
    return new InvalidResponseError(info, error.status, "the body is not the JSON object expected", "");
  }
  // The only deadline is the store lock's: say so, rather than name a totalTimeoutMs nobody set.
  if (error instanceof APITimeoutError && locked && error.message.includes("totalTimeoutMs")) {
    return new APITimeoutError(
      info,
      "Timed out: the refresh must end while its store lock (lockTtlMs) is held",
    );
  }
  if (error instanceof VoiceAIError) return error;
  // openapi-fetch failed before sending (a body it could not serialize): no request left.
  return new APIConnectionError(info, "The request could not be built", redactor.scrub(error));
}

/** A server that echoes a secret back in an error body does not get it into the error. */
function redactValue(value: unknown, redactor: Redactor): unknown {
  const text = value === undefined ? undefined : JSON.stringify(value);
  return text === undefined ? undefined : (JSON.parse(redactor.text(text)) as unknown);
}
