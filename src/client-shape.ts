/**
 * Checks, once per client, that the objects built from the operation table have every method
 * the generated interfaces declare, so that the client's public type is verified rather than
 * asserted with a cast. A failure is a bug of the generator or the client, never of the caller.
 */
import type { VoiceAIMethods } from "../generated/client-methods.js";
import { operations } from "../generated/operations.js";
import type { RawClient } from "./raw-types.js";

const RAW_METHODS = ["GET", "PUT", "POST", "DELETE", "PATCH", "request"];

function missing(what: string): never {
  throw new Error(`highlevel-voice-ai: the client has no ${what} (a bug: please report it)`);
}

/** `groups` has, per operation, its method, and `listAll`/`listPages` for page-based lists. */
export function assertMethods(groups: object): asserts groups is VoiceAIMethods<boolean> {
  for (const spec of Object.values(operations)) {
    const group = (groups as Record<string, Record<string, unknown> | undefined>)[spec.group];
    const names = "items" in spec ? [spec.name, "listAll", "listPages"] : [spec.name];
    for (const name of names)
      if (typeof group?.[name] !== "function") missing(`method ${spec.group}.${name}`);
  }
}

/** `raw` has the request methods of `RawClient`. */
export function assertRawClient(raw: object): asserts raw is RawClient {
  for (const name of RAW_METHODS)
    if (typeof (raw as Record<string, unknown>)[name] !== "function") missing(`raw.${name}`);
}
