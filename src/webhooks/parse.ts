/**
 * Reads a verified JSON body as a typed event. Every field a type promises is checked: a field of
 * the wrong type is a WebhookPayloadError naming it, never an event that is typed only in part.
 */
import { WebhookPayloadError, type PayloadViolation } from "./errors.js";
import { parseCallEnd } from "./call-end.js";
import type { WebhookEventBase, InstallEvent, WebhookEvent } from "./events.js";

type Json = Record<string, unknown>;
const KIND_RULE = {
  string: "must be a string",
  number: "must be a finite number",
  boolean: "must be true or false",
} as const;
const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

export function parseEvent(payload: unknown, signature: "ed25519" | "rsa"): WebhookEvent {
  if (!isObject(payload)) throw new WebhookPayloadError("webhook", [{ path: "", rule: "must be an object" }]);
  const type = payload.type;
  if (type !== undefined && typeof type !== "string")
    throw new WebhookPayloadError("webhook", [{ path: "type", rule: "must be a string" }]);
  const eventType = type ?? "VoiceAiCallEnd";
  const violations: PayloadViolation[] = [];
  /** A string field; null counts as absent (the app-event schemas mark nothing required). */
  const str = (name: string): string | undefined => {
    const value = payload[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value === "string") return value;
    violations.push({ path: name, rule: "must be a string" });
    return undefined;
  };
  /** An object field whose own fields, when present, must be of the kinds given. */
  const nested = (name: string, fields: Record<string, keyof typeof KIND_RULE>): Json | undefined => {
    const value = payload[name];
    if (value === undefined || value === null) return undefined;
    if (!isObject(value)) return void violations.push({ path: name, rule: "must be an object" });
    for (const [key, kind] of Object.entries(fields)) {
      const inner = value[key];
      const ok = kind === "number" ? Number.isFinite(inner) : typeof inner === kind;
      if (inner !== undefined && !ok) violations.push({ path: `${name}.${key}`, rule: KIND_RULE[kind] });
    }
    return value;
  };
  const base: WebhookEventBase = {
    signature,
    appId: str("appId"),
    timestamp: str("timestamp"),
    webhookId: str("webhookId"),
  };
  // A key of the replay guard (and of a Redis one): bounded, no control characters.
  if (base.webhookId !== undefined && !/^[^\x00-\x1f\x7f]{1,256}$/u.test(base.webhookId))
    violations.push({ path: "webhookId", rule: "must be 1 to 256 characters, none a control character" });
  const done = <T>(event: T): T => {
    if (violations.length) throw new WebhookPayloadError(eventType, violations);
    return event;
  };
  // The published VoiceAiCallEnd schema lists no `type`: a body without one is read as a call end.
  if (eventType === "VoiceAiCallEnd") {
    done(base);
    return parseCallEnd(payload, base);
  }
  if (eventType === "INSTALL") {
    const flag = payload.isWhitelabelCompany;
    if (flag !== undefined && flag !== null && typeof flag !== "boolean")
      violations.push({ path: "isWhitelabelCompany", rule: "must be true or false" });
    const whitelabelDetails = nested("whitelabelDetails", { domain: "string", logoUrl: "string" });
    const trial = nested("trial", { onTrial: "boolean", trialDuration: "number", trialStartDate: "string" });
    return done({
      ...base,
      type: "INSTALL",
      companyId: str("companyId"),
      locationId: str("locationId"),
      userId: str("userId"),
      planId: str("planId"),
      companyName: str("companyName"),
      isWhitelabelCompany: typeof flag === "boolean" ? flag : undefined,
      whitelabelDetails: whitelabelDetails as InstallEvent["whitelabelDetails"],
      trial: trial as InstallEvent["trial"],
    });
  }
  if (eventType === "UNINSTALL") {
    return done({ ...base, type: "UNINSTALL", companyId: str("companyId"), locationId: str("locationId") });
  }
  return done({ ...base, type: "OTHER", eventType, payload });
}
