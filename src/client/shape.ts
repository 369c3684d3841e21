/**
 * Checks, once per client, that the object built from the operation table has every method the
 * generated interfaces declare, so that the client's public type is verified rather than forced
 * with a cast. A failure is a bug of the generator or the client, never of the caller.
 */
import { operations } from "../../generated/operations.js";
import type { VoiceAIClient } from "./voice-ai-client.js";

const RAW_METHODS = ["GET", "PUT", "POST", "DELETE", "PATCH", "request"];

/** Per operation its method (with `listAll`/`listPages` for page-based lists), and `raw`'s. */
export function assertClient(client: object): asserts client is VoiceAIClient {
  const expected: [string, string][] = RAW_METHODS.map((name) => ["raw", name]);
  for (const { group, name, ...spec } of Object.values(operations))
    for (const method of "items" in spec ? [name, "listAll", "listPages"] : [name])
      expected.push([group, method]);
  for (const [owner, method] of expected)
    if (
      typeof (client as Record<string, Record<string, unknown> | undefined>)[owner]?.[method] !== "function"
    )
      throw new Error(`highlevel-voice-ai bug: the client has no ${owner}.${method}`);
}
