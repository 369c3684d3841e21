/**
 * What a new agent gets for every setting the request leaves out: the spec's `default`s (read
 * from the generated table, so a changed default in the spec changes the fake), and for the
 * settings the server generates, values shaped like HighLevel's.
 */
import { validationTable } from "../../generated/validation.js";
import type { JsonSchema } from "../validate/table.js";
import type { Random } from "./random.js";
import type { Agent, LocationState } from "./store.js";

const { schemas } = validationTable;
const resolve = (s: JsonSchema): JsonSchema => (s.$ref !== undefined ? (schemas[s.$ref] ?? s) : s);

/** The defaults of an object schema's properties; an object property without one gets its own properties' defaults. */
export function defaultsOf(schema: JsonSchema): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, property] of Object.entries(resolve(schema).properties ?? {})) {
    if (property.default !== undefined) out[name] = structuredClone(property.default);
    else if (resolve(property).properties) {
      const nested = defaultsOf(property);
      if (Object.keys(nested).length > 0) out[name] = nested;
    }
  }
  return out;
}

const agentDefaults = defaultsOf({ $ref: "PatchAgentRequest" });

/** A new agent: the request's settings over the spec's defaults and the generated ones. */
export function newAgent(
  location: LocationState,
  id: string,
  voiceId: string,
  random: Random,
  settings: Record<string, unknown>,
): Agent {
  const businessName = typeof settings.businessName === "string" ? settings.businessName : location.name;
  return {
    id,
    locationId: location.id,
    agentName: `My Agent ${random.int(100, 999)}`,
    businessName,
    welcomeMessage: `Hi, thank you for calling ${businessName}. How can I help you today?`,
    agentPrompt: `You are the friendly receptionist of ${businessName}. Answer questions briefly and politely.`,
    voiceId,
    timezone: location.timezone,
    ...structuredClone(agentDefaults),
    ...structuredClone(settings),
  } as Agent;
}
