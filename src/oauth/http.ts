/**
 * Sends the three OAuth operations (openapi-fetch over the types of openapi/oauth.yaml) and turns
 * every failure into a typed error that carries no secret. All requests go through `send`: routing
 * them through the client's request pipeline later changes that one function.
 */
import createClient from "openapi-fetch";
import type { components, paths } from "../../generated/oauth-schema.js";
import {
  APIConnectionError,
  APITimeoutError,
  APIUserAbortError,
  BadRequestError,
  InvalidResponseError,
  apiErrorFor,
  type RequestInfo,
} from "../errors.js";

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
  const client = createClient<paths>({ baseUrl: config.baseUrl, redirect: "manual" });

  /** One request, bounded by the timeout and the caller's signal. The one place requests leave. */
  async function send(request: Request, signal: AbortSignal | undefined): Promise<Response> {
    const timeout = AbortSignal.timeout(config.timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    return config.fetch(new Request(request, { signal: combined }));
  }

  /** Runs one operation; `secrets` are scrubbed from anything that ends up in an error. */
  async function run<T>(
    operationId: string,
    secrets: string[],
    signal: AbortSignal | undefined,
    call: (
      fetch: (r: Request) => Promise<Response>,
    ) => Promise<{ data?: T; error?: unknown; response: Response }>,
  ): Promise<T> {
    let info: RequestInfo = { operationId, method: "", url: "" };
    const fetch = (request: Request) => {
      info = { operationId, method: request.method, url: request.url.replace(/[?#].*/, "") };
      return send(request, signal);
    };
    let result: { data?: T; error?: unknown; response: Response };
    try {
      result = await call(fetch);
    } catch (error) {
      if (signal?.aborted) throw new APIUserAbortError(info, "Aborted by the caller");
      if (isTimeout(error)) throw new APITimeoutError(info, `Timed out after ${config.timeoutMs} ms`);
      // The message of a JSON SyntaxError quotes the body, which may hold a token: not kept.
      if (error instanceof SyntaxError) throw new InvalidResponseError(info, 200, "the body is not JSON", "");
      throw new APIConnectionError(info, "Connection failed", scrub(error, secrets));
    }
    const { data, error, response } = result;
    const { status, headers } = response;
    if (status >= 200 && status < 300) {
      if (!/json/i.test(headers.get("content-type") ?? "") || data === undefined || data === null) {
        throw new InvalidResponseError(info, status, "expected a JSON body", "");
      }
      return data;
    }
    const body = redactValue(error, secrets);
    throw apiErrorFor({ ...info, status, headers, body, rateLimit: undefined }, undefined);
  }

  return {
    /** `POST /oauth/token`: a code or a refresh token for an access token. */
    token(form: TokenForm, signal: AbortSignal | undefined): Promise<TokenResponse> {
      const secrets = [form.client_secret, form.code, form.refresh_token].filter(isString);
      return run("getAccessToken", secrets, signal, (fetch) =>
        client.POST("/oauth/token", {
          body: form,
          headers: { "Content-Type": FORM, Accept: "application/json" },
          fetch,
        }),
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
        }),
      );
    },
  };
}

export type OAuthHttp = ReturnType<typeof createOAuthHttp>;

const isString = (value: unknown): value is string => typeof value === "string" && value.length > 0;
const isTimeout = (error: unknown) => error instanceof Error && error.name === "TimeoutError";

function redactText(text: string, secrets: string[]): string {
  for (const secret of secrets) text = text.split(secret).join("[redacted]");
  return text;
}

/** A server that echoes a secret back in an error body does not get it into the error. */
function redactValue(value: unknown, secrets: string[]): unknown {
  if (value === undefined) return undefined;
  const text = JSON.stringify(value);
  return text === undefined ? undefined : (JSON.parse(redactText(text, secrets)) as unknown);
}

/** A copy of a fetch failure with only its name, code and redacted message, down its causes. */
function scrub(error: unknown, secrets: string[], depth = 0): unknown {
  if (!(error instanceof Error)) return redactText(String(error), secrets);
  const copy = new Error(redactText(error.message, secrets));
  copy.name = error.name;
  copy.stack = redactText(error.stack ?? "", secrets);
  const { code, cause } = error as Error & { code?: unknown };
  if (typeof code === "string") Object.assign(copy, { code });
  if (cause !== undefined && depth < 4) copy.cause = scrub(cause, secrets, depth + 1);
  return copy;
}
