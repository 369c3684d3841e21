/**
 * `highlevel-voice-ai/validate`: opt-in checking of requests against the spec before they are
 * sent, with the same validators as the fake of `highlevel-voice-ai/testing`.
 */
export { withValidation, RequestValidationError } from "./client.js";
export { validateRequest, formatViolations, type RequestParts, type RequestCheckOptions } from "./request.js";
export type { Violation } from "./schema-context.js";
