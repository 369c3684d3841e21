/**
 * Renders generated/webhooks.ts from the spec's top-level `webhooks`: per event (by its name,
 * e.g. `VoiceAiCallEnd`) the operationId, the payload schema, the scopes the app needs
 * (`x-scopes`) and the name of the handler option that receives it (`x-sdk-handler`); and the
 * JSON schemas those payloads use (the components.schemas they reach, compacted like
 * generated/validation.ts). The `highlevel-voice-ai/webhooks` entry checks event bodies against
 * them: a small table of its own, so that entry does not carry every schema of the API.
 */
import { compact } from "./validation-table.js";
import {
  asArray,
  isObject,
  schemaRefName,
  type Json,
  type JsonObject,
  type OpenAPIDocument,
} from "./spec-json.js";

export interface WebhookTableEntry {
  operationId: string;
  /** Key of the payload's schema in components.schemas. */
  schema: string;
  scopes: string[];
  handler: string;
}

export interface WebhookTable {
  events: Record<string, WebhookTableEntry>;
  schemas: Record<string, Json>;
}

export function buildWebhookTable(doc: OpenAPIDocument): WebhookTable {
  const declared =
    isObject(doc.components) && isObject(doc.components["schemas"]) ? doc.components["schemas"] : {};
  const events: Record<string, WebhookTableEntry> = {};
  for (const [name, item] of Object.entries(isObject(doc["webhooks"]) ? doc["webhooks"] : {})) {
    const op = isObject(item) ? item["post"] : undefined;
    if (!isObject(op)) throw new Error(`webhooks.${name}: only POST webhooks are supported`);
    const body = isObject(op["requestBody"]) ? op["requestBody"]["content"] : undefined;
    const media = isObject(body) ? body["application/json"] : undefined;
    const schema = schemaRefName(isObject(media) ? media["schema"] : undefined);
    if (!schema || !isObject(declared[schema]))
      throw new Error(`webhooks.${name}: the JSON body must be a $ref to components.schemas`);
    const scopes = asArray(op["x-scopes"]);
    if (scopes.length === 0 || !scopes.every((s) => typeof s === "string"))
      throw new Error(`webhooks.${name}: x-scopes must list the scopes the event needs`);
    const handler = op["x-sdk-handler"];
    if (typeof handler !== "string" || !/^on[A-Z][A-Za-z]*$/.test(handler))
      throw new Error(`webhooks.${name}: x-sdk-handler must name the handler option (onSomething)`);
    if (typeof op["operationId"] !== "string") throw new Error(`webhooks.${name}: no operationId`);
    events[name] = { operationId: op["operationId"], schema, scopes: scopes as string[], handler };
  }
  // Every schema a payload reaches, through $ref and discriminator mappings.
  const schemas: Record<string, Json> = {};
  const pending = Object.values(events).map((e) => e.schema);
  while (pending.length > 0) {
    const key = pending.pop()!;
    if (key in schemas) continue;
    const compacted = compact(declared[key]!, key);
    schemas[key] = compacted;
    pending.push(...referencedNames(compacted));
  }
  const sorted = Object.fromEntries(
    Object.keys(schemas)
      .sort()
      .map((key) => [key, schemas[key]!]),
  );
  return { events, schemas: sorted };
}

function referencedNames(node: Json): string[] {
  if (Array.isArray(node)) return node.flatMap(referencedNames);
  if (!isObject(node)) return [];
  const found: string[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (key === "$ref" && typeof value === "string") found.push(value);
    else if (key === "discriminator" && isObject(value) && isObject(value["mapping"]))
      found.push(...Object.values(value["mapping"]).filter((v): v is string => typeof v === "string"));
    else found.push(...referencedNames(value));
  }
  return found;
}

export function renderWebhookTable(table: WebhookTable): string {
  return `import type { JsonSchema } from "../src/validate/table.js";

/**
 * The spec's webhooks by event name: the payload's schema (a key of \`webhookSchemas\`), the
 * scopes the app needs to receive the event, and the handler option that receives it.
 */
export const webhookEvents = ${JSON.stringify(table.events)} as const;

/** The JSON schemas the webhook payloads use (\`$ref\` names one of them). */
export const webhookSchemas: Readonly<Record<string, JsonSchema>> = ${JSON.stringify(table.schemas)};
`;
}
