/**
 * Step 1 of the flow: the consent-page URL, and a signed, expiring, single-use `state` that ties
 * the callback to the browser that started it (CSRF protection).
 */
import { InvalidRequestError } from "../errors/index.js";
import { fromBase64, toBase64Url as b64url, utf8 } from "./encoding.js";
import { OAuthStateError } from "./errors.js";

const HOSTS = {
  standard: "https://marketplace.gohighlevel.com",
  whiteLabel: "https://marketplace.leadconnectorhq.com",
};

export interface AuthorizeUrlOptions {
  /** The scopes to request, e.g. `["voice-ai-agents.write", "voice-ai-dashboard.readonly"]`. */
  scopes: readonly string[];
  /** From `oauth.issueState()`; also keep it in a cookie and check both with `verifyState`. */
  state: string;
  /** Use the white-label host (marketplace.leadconnectorhq.com). */
  whiteLabel?: boolean | undefined;
  /** `self`: the sign-in page (shown without a session) opens in the same tab. */
  loginWindowOpenMode?: "self" | undefined;
}

export function authorizeUrl(clientId: string, redirectUri: string, options: AuthorizeUrlOptions): string {
  const { scopes, state, whiteLabel, loginWindowOpenMode } = options ?? {};
  if (!Array.isArray(scopes) || scopes.length === 0 || scopes.length > 100) {
    throw new InvalidRequestError("scopes must be a non-empty array of scope names");
  }
  for (const scope of scopes) {
    if (typeof scope !== "string" || !/^[\w./-]{1,100}$/.test(scope)) {
      throw new InvalidRequestError(
        `scope ${JSON.stringify(String(scope).slice(0, 40))} is not a scope name`,
      );
    }
  }
  if (typeof state !== "string" || !/^[\w.~-]{16,1024}$/.test(state)) {
    throw new InvalidRequestError("state must be 16-1024 URL-safe characters: use oauth.issueState()");
  }
  if (loginWindowOpenMode !== undefined && loginWindowOpenMode !== "self") {
    throw new InvalidRequestError('loginWindowOpenMode must be "self" or left out');
  }
  const url = new URL("/v2/oauth/chooselocation", whiteLabel ? HOSTS.whiteLabel : HOSTS.standard);
  url.searchParams.set("response_type", "code");
  url.searchParams.set("redirect_uri", redirectUri);
  url.searchParams.set("client_id", clientId);
  url.searchParams.set("scope", [...new Set(scopes)].join(" "));
  url.searchParams.set("state", state);
  if (loginWindowOpenMode) url.searchParams.set("loginWindowOpenMode", loginWindowOpenMode);
  // Spaces as %20, as in HighLevel's examples, rather than URLSearchParams' "+".
  return url.href.replace(/\+/g, "%20");
}

export interface VerifyStateOptions {
  /** The state kept for this browser (a cookie): the one received must be the same. */
  expected: string | undefined;
  /** How old a state may be (default 10 minutes). */
  maxAgeMs?: number | undefined;
}

const MAX_USED = 10_000;

/** Issues and checks states, signed with HMAC-SHA256 under a key derived from `secret`. */
export function createStateSigner(secret: string, now: () => number) {
  let key: Promise<CryptoKey> | undefined;
  const hmacKey = () =>
    (key ??= (async () => {
      const material = await crypto.subtle.importKey("raw", utf8(secret), "HKDF", false, ["deriveKey"]);
      return crypto.subtle.deriveKey(
        { name: "HKDF", hash: "SHA-256", salt: new Uint8Array(0), info: utf8("oauth-state") },
        material,
        { name: "HMAC", hash: "SHA-256", length: 256 },
        false,
        ["sign", "verify"],
      );
    })());
  /** Nonces of verified states, until they expire: a state works once. */
  const used = new Map<string, number>();

  async function issue(data?: string): Promise<string> {
    if (data !== undefined && (typeof data !== "string" || data.length > 512)) {
      throw new InvalidRequestError("state data must be a string of at most 512 characters");
    }
    const body = [
      now().toString(36),
      b64url(crypto.getRandomValues(new Uint8Array(16))),
      b64url(utf8(data ?? "")),
    ].join(".");
    const mac = await crypto.subtle.sign("HMAC", await hmacKey(), utf8(body));
    return `${body}.${b64url(new Uint8Array(mac))}`;
  }

  async function verify(
    received: unknown,
    options: VerifyStateOptions,
  ): Promise<{ data: string | undefined }> {
    const fail = (why: string): never => {
      throw new OAuthStateError(`The OAuth state is not valid: ${why}`);
    };
    const maxAgeMs = options?.maxAgeMs ?? 600_000;
    if (typeof received !== "string" || received.length > 2048) return fail("missing or malformed");
    if (typeof options?.expected !== "string" || !equal(received, options.expected)) {
      return fail("it is not the state issued to this browser");
    }
    const parts = received.split(".");
    if (parts.length !== 4) return fail("malformed");
    const [issuedAt, nonce, data, mac] = parts as [string, string, string, string];
    const signature = fromBase64(mac);
    if (!signature) return fail("malformed");
    const signed = utf8(`${issuedAt}.${nonce}.${data}`);
    if (!(await crypto.subtle.verify("HMAC", await hmacKey(), signature, signed)))
      return fail("bad signature");
    const age = now() - parseInt(issuedAt, 36);
    if (!(age >= -60_000 && age <= maxAgeMs)) return fail("expired");
    for (const [seen, until] of used) if (until < now()) used.delete(seen);
    if (used.has(nonce)) return fail("already used");
    used.set(nonce, now() + maxAgeMs);
    if (used.size > MAX_USED) used.delete(used.keys().next().value!);
    const text = new TextDecoder().decode(fromBase64(data) ?? new Uint8Array(0));
    return { data: text === "" ? undefined : text };
  }

  return { issue, verify };
}

/** Compares without an early exit, so timing does not tell how much matched. */
function equal(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++)
    diff |= (a.charCodeAt(i) | 0) ^ (b.charCodeAt(i) | 0);
  return diff === 0;
}
