/**
 * `highlevel-voice-ai/types`: the spec's types and the client's named types, without any
 * runtime code.
 */
export type { components, operations, paths } from "../generated/schema.js";
export type * from "../generated/models.js";
export type * from "../generated/client-methods.js";
