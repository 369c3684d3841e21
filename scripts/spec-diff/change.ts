/** What spec:diff reports: one change to one operation or webhook, breaking or not for a client user. */

/** The rule a change falls under; tests and `--json` consumers match on it. */
export type Rule =
  | "operation-removed"
  | "operation-added"
  | "operation-id-changed"
  | "webhook-removed"
  | "webhook-added"
  | "parameter-removed"
  | "parameter-added"
  | "parameter-required"
  | "parameter-optional"
  | "parameter-style-changed"
  | "body-removed"
  | "body-added"
  | "body-required"
  | "body-optional"
  | "media-type-removed"
  | "media-type-added"
  | "field-removed"
  | "field-added"
  | "field-required"
  | "field-optional"
  | "type-changed"
  | "format-changed"
  | "enum-value-removed"
  | "enum-value-added"
  | "variant-removed"
  | "variant-added"
  | "limit-narrowed"
  | "limit-widened"
  | "pattern-changed"
  | "additional-properties-changed"
  | "conditional-changed"
  | "default-changed"
  | "success-status-removed"
  | "success-status-added"
  | "response-added"
  | "response-removed"
  | "header-removed"
  | "header-added"
  | "deprecated"
  | "description-changed";

export interface Change {
  rule: Rule;
  breaking: boolean;
  /** Where in the operation: "query parameter page", "request body (application/json) › agentName". */
  where: string;
  /** What changed, in words: "maxLength 100 → 50". */
  detail: string;
}

export interface OperationChanges {
  method: string;
  path: string;
  operationId: string | undefined;
  changes: Change[];
}

export interface WebhookChanges {
  /** The key under `webhooks` ("VoiceAiCallEnd"). */
  name: string;
  method: string;
  operationId: string | undefined;
  changes: Change[];
}

/**
 * Who produces the value, which decides what breaks: "request" — the user of the client (an API
 * request; a webhook receiver's answer); "response" — the server (an API response; a webhook's
 * payload and headers, which the user receives).
 */
export type Direction = "request" | "response";

export const show = (value: unknown): string =>
  value === undefined ? "none" : typeof value === "string" ? JSON.stringify(value) : JSON.stringify(value);
