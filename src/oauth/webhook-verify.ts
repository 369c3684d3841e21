/**
 * Checks that a webhook call comes from HighLevel (signature over the raw body), is fresh and was
 * not seen before, and returns it as a typed event.
 */
import { ConfigurationError } from "../errors/index.js";
import { fromBase64, utf8 } from "./encoding.js";
import { WebhookVerificationError, type WebhookRejection } from "./errors.js";
import { LEGACY_RSA_PUBLIC_KEY, ed25519Key, rsaKey } from "./webhook-keys.js";
import { parseEvent, type WebhookEvent } from "./webhook-events.js";
import {
  DEFAULT_REPLAY_TIMEOUT_MS,
  askFirstSeen,
  checkReplayOptions,
  defaultReplayGuard,
  type ReplayGuard,
} from "./replay-guard.js";

export type HeaderBag = Headers | Record<string, string | string[] | undefined>;

export interface VerifyWebhookOptions {
  /** The request body exactly as received: verify before any JSON parsing. */
  rawBody: string | Uint8Array | ArrayBuffer;
  headers: HeaderBag;
  /** The app's Ed25519 webhook key from the Marketplace (PEM, base64 or hex), for `x-ghl-signature`. */
  publicKey: string | CryptoKey;
  /** Accept the legacy RSA `x-wh-signature` (HighLevel's published key) when no Ed25519 one is sent. */
  allowLegacyRsa?: boolean | undefined;
  /** Another RSA key (PEM) for the legacy header, e.g. after a rotation. */
  legacyRsaPublicKey?: string | undefined;
  /** Reject events whose `appId` is another app's. */
  appId?: string | undefined;
  /** How far `timestamp` may be from now (default 5 minutes). */
  toleranceMs?: number | undefined;
  /** Where seen `webhookId`s are kept (default: one in-memory guard per process); share one across processes. */
  replayGuard?: ReplayGuard | undefined;
  /** How long to wait for the replay guard's answer (default 5 s); no answer refuses the call. */
  replayTimeoutMs?: number | undefined;
  now?: (() => number) | undefined;
}

const MAX_BODY_BYTES = 1_048_576;

export async function verifyWebhook(options: VerifyWebhookOptions): Promise<WebhookEvent> {
  const { headers, publicKey, toleranceMs = 300_000 } = options ?? ({} as VerifyWebhookOptions);
  if (typeof publicKey !== "string" && !(publicKey instanceof CryptoKey)) {
    throw new ConfigurationError("publicKey is required: the app's Ed25519 webhook key from the Marketplace");
  }
  checkReplayOptions(options.replayGuard, options.replayTimeoutMs);
  const reject = (reason: WebhookRejection, message: string): never => {
    throw new WebhookVerificationError(reason, message);
  };
  const body =
    bytesOf(options.rawBody) ?? reject("malformed", "rawBody must be the raw body (string or bytes)");
  if (body.length > MAX_BODY_BYTES) reject("malformed", "the body is larger than 1 MiB");

  const ed25519 = header(headers, "x-ghl-signature");
  const legacy = header(headers, "x-wh-signature");
  let signature: "ed25519" | "rsa";
  if (ed25519 !== undefined) {
    const sig = fromBase64(ed25519);
    const ok =
      sig?.length === 64 && (await crypto.subtle.verify("Ed25519", await ed25519Key(publicKey), sig, body));
    if (!ok) reject("bad_signature", "the x-ghl-signature does not match the body");
    signature = "ed25519";
  } else if (legacy !== undefined) {
    if (!options.allowLegacyRsa)
      reject("legacy_signature_disabled", "only the legacy x-wh-signature was sent");
    const sig = fromBase64(legacy);
    const key = await rsaKey(options.legacyRsaPublicKey ?? LEGACY_RSA_PUBLIC_KEY);
    const ok =
      sig !== undefined &&
      sig.length > 0 &&
      (await crypto.subtle.verify("RSASSA-PKCS1-v1_5", key, sig, body));
    if (!ok) reject("bad_signature", "the x-wh-signature does not match the body");
    signature = "rsa";
  } else {
    return reject("missing_signature", "no x-ghl-signature header");
  }

  let payload: unknown;
  try {
    payload = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(body));
  } catch {
    return reject("malformed", "the body is not JSON");
  }
  const event = parseEvent(payload, signature) ?? reject("malformed", "the body is not an event object");
  if (options.appId !== undefined && event.appId !== undefined && event.appId !== options.appId) {
    reject("wrong_app", "the event is for another app");
  }
  if (event.timestamp !== undefined) {
    const at = Date.parse(event.timestamp);
    const now = options.now?.() ?? Date.now();
    if (Number.isNaN(at)) reject("malformed", "timestamp is not a date");
    if (Math.abs(now - at) > toleranceMs)
      reject("stale", `timestamp is more than ${toleranceMs} ms from now`);
  }
  if (event.webhookId !== undefined) {
    const guard = options.replayGuard ?? defaultReplayGuard;
    const timeoutMs = options.replayTimeoutMs ?? DEFAULT_REPLAY_TIMEOUT_MS;
    // Kept for twice the window: a replay within the window is caught here, a later one by the timestamp.
    if (!(await askFirstSeen(guard, event.webhookId, 2 * toleranceMs, timeoutMs)))
      reject("replayed", "this webhookId was seen before");
  }
  return event;
}

function bytesOf(raw: unknown): Uint8Array<ArrayBuffer> | undefined {
  if (typeof raw === "string") return utf8(raw);
  if (raw instanceof ArrayBuffer) return new Uint8Array(raw);
  if (raw instanceof Uint8Array) return new Uint8Array(raw);
  return undefined;
}

function header(headers: HeaderBag, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  if (!headers || typeof headers !== "object") return undefined;
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== name) continue;
    return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}
