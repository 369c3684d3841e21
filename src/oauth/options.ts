/** createOAuth's options, checked before anything is sent. */
import { ConfigurationError } from "../errors/index.js";
import type { Log } from "../logging/logger.js";
import { createMemoryTokenStore, type TokenStore } from "./token-store.js";

export interface OAuthOptions {
  /** The app's client ID (Marketplace → app → Advanced settings → Auth). */
  clientId: string;
  /** The app's client secret. Kept on the server; never in an error, log or serialized object. */
  clientSecret: string;
  /** The redirect URL registered for the app, where the consent page sends the code. */
  redirectUri: string;
  /** The API (default https://services.leadconnectorhq.com); tests point it at a local fake. */
  baseUrl?: string | undefined;
  /** Where installations are kept (default: in memory, lost on restart). */
  store?: TokenStore | undefined;
  fetch?: ((request: Request) => Promise<Response>) | undefined;
  /** The app's ID, for installed-locations and webhook checks (default: clientId up to its first "-"). */
  appId?: string | undefined;
  /** Renew an access token when less than this is left of its life (default 5 minutes). */
  refreshSkewMs?: number | undefined;
  /** Timeout of one request to the OAuth endpoints (default 20 s). */
  timeoutMs?: number | undefined;
  /** How long a store lock lives if its holder dies (default 90 s), and how long to wait for one (default 90 s). */
  lockTtlMs?: number | undefined;
  lockWaitMs?: number | undefined;
  /** Where warnings go (a lock waited for long, a renewal that failed, short-lived tokens); default console. */
  logger?: OAuthLogger | undefined;
  /** Key for signing `state` (default: derived from the client secret). */
  stateSecret?: string | undefined;
  /** The clock (epoch ms); for tests. */
  now?: (() => number) | undefined;
}

/** Any object with a warn method: console, pino, winston. A logger that throws changes nothing. */
export interface OAuthLogger {
  warn(message: string): void;
}

export interface ResolvedOAuthOptions {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  baseUrl: string;
  store: TokenStore;
  fetch: (request: Request) => Promise<Response>;
  appId: string;
  refreshSkewMs: number;
  timeoutMs: number;
  lock: { ttlMs: number; waitMs: number };
  stateSecret: string;
  now: () => number;
  log: Log;
}

/** The longest duration createOAuth takes (24 h); a store may take shorter locks (maxLockTtlMs). */
const MAX_MS = 86_400_000;

export function resolveOAuthOptions(options: OAuthOptions): ResolvedOAuthOptions {
  const fail = (message: string): never => {
    throw new ConfigurationError(message);
  };
  if (!options || typeof options !== "object") return fail("createOAuth needs its options");
  const text = (name: keyof OAuthOptions, value: unknown, pattern: RegExp) => {
    if (typeof value !== "string" || !pattern.test(value))
      fail(`${name} is required: a non-empty string without spaces`);
    return value as string;
  };
  const clientId = text("clientId", options.clientId, /^[\x21-\x7e]{1,256}$/);
  // Never quoted back: it is a secret.
  const clientSecret = text("clientSecret", options.clientSecret, /^[\x21-\x7e]{1,1024}$/);
  const redirectUri = text("redirectUri", options.redirectUri, /^\S{1,2048}$/);
  let redirect: URL;
  try {
    redirect = new URL(redirectUri);
  } catch {
    return fail("redirectUri must be an absolute URL");
  }
  if (redirect.protocol !== "https:" && !(redirect.protocol === "http:" && isLoopback(redirect.hostname))) {
    fail("redirectUri must use https (http only for loopback hosts)");
  }
  let api: URL;
  try {
    api = new URL(options.baseUrl ?? "https://services.leadconnectorhq.com");
  } catch {
    return fail("baseUrl is not a valid URL");
  }
  if (api.username || api.password) fail("baseUrl must not contain credentials");
  if (api.protocol !== "https:" && !(api.protocol === "http:" && isLoopback(api.hostname))) {
    fail("baseUrl must use https (http only for loopback hosts)");
  }
  const count = (name: keyof OAuthOptions, value: unknown, fallback: number, min: number) => {
    if (value === undefined) return fallback;
    if (!Number.isInteger(value) || (value as number) < min || (value as number) > MAX_MS) {
      fail(`${name} must be an integer between ${min} and ${MAX_MS}, got ${JSON.stringify(value)}`);
    }
    return value as number;
  };
  const store = options.store ?? createMemoryTokenStore();
  for (const method of ["get", "set", "delete"] as const) {
    if (typeof store[method] !== "function") fail(`store.${method} must be a function`);
  }
  if (options.fetch !== undefined && typeof options.fetch !== "function") fail("fetch must be a function");
  if (options.now !== undefined && typeof options.now !== "function") fail("now must be a function");
  const appId = options.appId ?? clientId.split("-")[0]!;
  if (typeof appId !== "string" || !/^[\w.-]{1,128}$/.test(appId)) fail("appId must be a non-empty ID");
  const stateSecret = options.stateSecret ?? clientSecret;
  if (typeof stateSecret !== "string" || stateSecret.length < 16) {
    fail("stateSecret must be a string of at least 16 characters");
  }
  const timeoutMs = count("timeoutMs", options.timeoutMs, 20_000, 1);
  const lock = {
    ttlMs: count("lockTtlMs", options.lockTtlMs, 90_000, 1),
    waitMs: count("lockWaitMs", options.lockWaitMs, 90_000, 0),
  };
  // A store that cannot hold a lock this long would refuse every renewal later: refused now.
  const storeMax = store.maxLockTtlMs;
  for (const [name, value] of [
    ["lockTtlMs", lock.ttlMs],
    ["lockWaitMs", lock.waitMs],
  ] as const) {
    if (typeof storeMax === "number" && value > storeMax) {
      fail(
        `${name} is ${value} ms: the store takes locks of at most ${storeMax} ms ` +
          `(createOAuth itself accepts up to ${MAX_MS} ms)`,
      );
    }
  }
  const logger = options.logger ?? console;
  if (typeof logger?.warn !== "function") fail("logger must have a warn method");
  const log: Log = {
    warn(message) {
      try {
        logger.warn(`[highlevel-voice-ai] ${message}`);
      } catch {
        // a broken logger must not change the outcome of a call
      }
    },
  };
  return {
    clientId,
    clientSecret,
    redirectUri: redirect.href,
    baseUrl: (api.origin + api.pathname).replace(/\/+$/, ""),
    store,
    fetch: options.fetch ?? ((request) => globalThis.fetch(request)),
    appId,
    refreshSkewMs: count("refreshSkewMs", options.refreshSkewMs, 300_000, 0),
    timeoutMs,
    lock,
    stateSecret,
    now: options.now ?? Date.now,
    log,
  };
}

const isLoopback = (host: string) => /^(localhost|127\.[\d.]+|\[::1\])$/.test(host);
