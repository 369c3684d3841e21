/**
 * Reads a VoiceAiCallEnd body: checked against the spec's schema (generated/webhooks.ts) for what
 * its generated type promises — types, enums, required fields, the parameters of each
 * `actionType` — plus what the handler needs: an `id` and a `locationId` usable as keys. Fields
 * the schema does not list are kept; lengths, patterns and formats are not judged.
 */
import type { VoiceAiCallEndEvent } from "../../generated/models.js";
import { webhookEvents, webhookSchemas } from "../../generated/webhooks.js";
import { violationsOf } from "../validate/schema.js";
import type { SchemaContext } from "../validate/schema-context.js";
import { WebhookPayloadError, type PayloadViolation } from "./errors.js";
import type { CallEndEvent, WebhookEventBase } from "./events.js";

const CONTEXT: SchemaContext = { schemas: webhookSchemas, rejectUnknown: false, typesOnly: true };
const SCHEMA = { $ref: webhookEvents.VoiceAiCallEnd.schema };
/** A key for a store or a replay guard: visible ASCII, bounded. */
const KEY = /^[\x21-\x7e]{1,256}$/;

export function parseCallEnd(payload: Record<string, unknown>, base: WebhookEventBase): CallEndEvent {
  // Paths from the root come out as ".id": named as the body's own fields instead.
  const violations = violationsOf(CONTEXT, SCHEMA, payload, "").map(({ path, rule }) => ({
    path: path.replace(/^\./, ""),
    rule,
  }));
  const key = (name: "id" | "locationId", found: PayloadViolation[]): string => {
    const value = payload[name];
    if (value === undefined) found.push({ path: name, rule: "required" });
    else if (typeof value === "string" && !KEY.test(value))
      found.push({ path: name, rule: "must be 1 to 256 visible ASCII characters" });
    return typeof value === "string" ? value : "";
  };
  const needed: PayloadViolation[] = [];
  const id = key("id", needed);
  const locationId = key("locationId", needed);
  if (needed.length || violations.length)
    throw new WebhookPayloadError("VoiceAiCallEnd", [...needed, ...violations]);
  // Checked above against the schema the type is generated from.
  const body: VoiceAiCallEndEvent = payload;
  return { ...body, ...base, type: "VoiceAiCallEnd", id, locationId };
}
