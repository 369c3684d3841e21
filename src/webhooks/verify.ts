/**
 * Checks that a webhook call comes from HighLevel (signature over the raw body), is for this app,
 * fresh and not seen before, and returns it as a typed event.
 */
import { ConfigurationError } from "../errors/index.js";
import { fromBase64, utf8 } from "../oauth/encoding.js";
import { WebhookVerificationError, type WebhookRejection } from "./errors.js";
import { eventName, type WebhookEvent } from "./events.js";
import { LEGACY_RSA_PUBLIC_KEY, ed25519Key, rsaKey } from "./keys.js";
import { parseEvent } from "./parse.js";
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
  /**
   * This app's ID: an event naming another app is refused (`wrong_app`), and so is an app event
   * (INSTALL, UNINSTALL, PLAN_CHANGE, whose schemas list `appId`) naming none (`missing_app_id`).
   * Other events (VoiceAiCallEnd lists no `appId`) are checked when they carry one.
   */
  appId?: string | undefined;
  /** How far `timestamp` may be from now (default 5 minutes). */
  toleranceMs?: number | undefined;
  /**
   * Refuse events without a `timestamp` / a `webhookId` (default false: HighLevel's event
   * schemas list neither, so requiring them could refuse every real event).
   */
  requireTimestamp?: boolean | undefined;
  requireWebhookId?: boolean | undefined;
  /** Where seen `webhookId`s are kept (default: one in-memory guard per process); share one across processes. */
  replayGuard?: ReplayGuard | undefined;
  /** How long to wait for the replay guard's answer (default 5 s); no answer refuses the call. */
  replayTimeoutMs?: number | undefined;
  now?: (() => number) | undefined;
}

const MAX_BODY_BYTES = 1_048_576;
/** The app events whose schemas list `appId`. */
const APP_EVENTS = new Set(["INSTALL", "UNINSTALL", "PLAN_CHANGE"]);

/**
 * The verified event. Its `webhookId` (when it has one) is recorded in the replay guard: if your
 * processing of it then fails and the sender should retry, `forget` it (the handler does that).
 */
export async function verifyWebhook(options: VerifyWebhookOptions): Promise<WebhookEvent> {
  const { headers, publicKey, toleranceMs = 300_000 } = options ?? ({} as VerifyWebhookOptions);
  checkVerifyOptions(options);
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
  const event = parseEvent(payload, signature);
  if (options.appId !== undefined) {
    if (event.appId === undefined && APP_EVENTS.has(eventName(event)))
      reject("missing_app_id", `the ${eventName(event)} event names no app`);
    if (event.appId !== undefined && event.appId !== options.appId)
      reject("wrong_app", "the event is for another app");
  }
  if (event.timestamp !== undefined) {
    const at = Date.parse(event.timestamp);
    const now = options.now?.() ?? Date.now();
    if (Number.isNaN(at)) reject("malformed", "timestamp is not a date");
    if (Math.abs(now - at) > toleranceMs)
      reject("stale", `timestamp is more than ${toleranceMs} ms from now`);
  } else if (options.requireTimestamp) reject("missing_timestamp", "the event has no timestamp");
  if (event.webhookId !== undefined) {
    const guard = options.replayGuard ?? defaultReplayGuard;
    const timeoutMs = options.replayTimeoutMs ?? DEFAULT_REPLAY_TIMEOUT_MS;
    // Kept for twice the window: a replay within the window is caught here, a later one by the timestamp.
    if (!(await askFirstSeen(guard, event.webhookId, 2 * toleranceMs, timeoutMs)))
      reject("replayed", "this webhookId was seen before");
  } else if (options.requireWebhookId) reject("missing_webhook_id", "the event has no webhookId");
  return event;
}

/** The options' checks, before any call: a key, a guard with `firstSeen`, an app ID, booleans. */
export function checkVerifyOptions(options: Partial<VerifyWebhookOptions> | undefined): void {
  const publicKey = options?.publicKey;
  if (typeof publicKey !== "string" && !(publicKey instanceof CryptoKey)) {
    throw new ConfigurationError("publicKey is required: the app's Ed25519 webhook key from the Marketplace");
  }
  checkReplayOptions(options?.replayGuard, options?.replayTimeoutMs);
  const appId = options?.appId;
  if (appId !== undefined && (typeof appId !== "string" || !/^[\w.-]{1,128}$/.test(appId)))
    throw new ConfigurationError("appId must be a non-empty ID");
  for (const name of ["allowLegacyRsa", "requireTimestamp", "requireWebhookId"] as const) {
    const value = options?.[name];
    if (value !== undefined && typeof value !== "boolean")
      throw new ConfigurationError(`${name} must be true or false`);
  }
  const tolerance = options?.toleranceMs;
  if (tolerance !== undefined && (!Number.isInteger(tolerance) || tolerance < 1 || tolerance > 86_400_000))
    throw new ConfigurationError("toleranceMs must be an integer from 1 to 86400000");
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
