/** The typed forms of app webhook events (INSTALL, UNINSTALL, anything else). */

interface EventBase {
  /** Which header's signature was checked. */
  signature: "ed25519" | "rsa";
  appId: string | undefined;
  /** ISO 8601, when the payload carries one (checked against the replay window). */
  timestamp: string | undefined;
  /** When the payload carries one (checked for duplicates). */
  webhookId: string | undefined;
}

/** The app was installed on a Location (with `locationId`) or on an agency (without). */
export interface InstallEvent extends EventBase {
  type: "INSTALL";
  companyId: string | undefined;
  locationId: string | undefined;
  userId: string | undefined;
  planId: string | undefined;
  companyName: string | undefined;
  isWhitelabelCompany: boolean | undefined;
  whitelabelDetails: { domain?: string; logoUrl?: string } | undefined;
  trial: { onTrial?: boolean; trialDuration?: number; trialStartDate?: string } | undefined;
}

/** The app was removed from a Location (`locationId`) or from an agency (`companyId` only). */
export interface UninstallEvent extends EventBase {
  type: "UNINSTALL";
  companyId: string | undefined;
  locationId: string | undefined;
}

/** Any other event type: passed through, its payload unchecked. */
export interface OtherWebhookEvent extends EventBase {
  type: "OTHER";
  /** The payload's own `type`, e.g. "PLAN_CHANGE". */
  eventType: string;
  payload: unknown;
}

export type WebhookEvent = InstallEvent | UninstallEvent | OtherWebhookEvent;

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** The event, or undefined when the payload is not an event (not an object, no string `type`, bad field types). */
export function parseEvent(payload: unknown, signature: "ed25519" | "rsa"): WebhookEvent | undefined {
  if (!isObject(payload) || typeof payload.type !== "string") return undefined;
  const bad = Symbol("bad");
  const str = (name: string): string | undefined => {
    const value = payload[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== "string") throw bad;
    return value;
  };
  try {
    const base: EventBase = {
      signature,
      appId: str("appId"),
      timestamp: str("timestamp"),
      webhookId: str("webhookId"),
    };
    if (payload.type === "INSTALL") {
      const whitelabel = payload.whitelabelDetails;
      const trial = payload.trial;
      const flag = payload.isWhitelabelCompany;
      if (flag !== undefined && typeof flag !== "boolean") throw bad;
      if (whitelabel !== undefined && !isObject(whitelabel)) throw bad;
      if (trial !== undefined && !isObject(trial)) throw bad;
      return {
        ...base,
        type: "INSTALL",
        companyId: str("companyId"),
        locationId: str("locationId"),
        userId: str("userId"),
        planId: str("planId"),
        companyName: str("companyName"),
        isWhitelabelCompany: flag,
        whitelabelDetails: whitelabel as InstallEvent["whitelabelDetails"],
        trial: trial as InstallEvent["trial"],
      };
    }
    if (payload.type === "UNINSTALL") {
      return { ...base, type: "UNINSTALL", companyId: str("companyId"), locationId: str("locationId") };
    }
    return { ...base, type: "OTHER", eventType: payload.type, payload };
  } catch (error) {
    if (error === bad) return undefined;
    throw error;
  }
}
