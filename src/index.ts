export { createVoiceAIClient } from "./client/client.js";
export type { VoiceAIClient } from "./client/voice-ai-client.js";
export { defineAction, type ActionRequestOf } from "./client/define-action.js";
export type { TokenSource, VoiceAIClientOptions } from "./client/options.js";
export type { TokenContext, TokenProvider } from "./pipeline/token-provider.js";
export type { Logger, LogLevel } from "./logging/logger.js";
export type { RetryEvent } from "./pipeline/retry.js";
export type { ResponseEvent } from "./pipeline/observe.js";
export type { RateLimitInfo } from "./rate-limit/headers.js";
export type { FailureKind } from "./pipeline/retry-policy.js";
export type {
  ApiVersion,
  APIPromise,
  CallOptions,
  MethodParams,
  MethodResult,
  OperationId,
  Page,
  RawPaths,
  RequiredBodyLocation,
  RequiredLocation,
  WithResponse,
  WithBodyLocation,
  WithLocation,
  OptionalWithLocation,
} from "./client/call-types.js";
export type { RawClient, RawInit, RawPathsWith, RawResponse } from "./client/raw-types.js";
export type * from "../generated/models.js";
export type * from "../generated/client-methods.js";
export {
  APIConnectionError,
  APIError,
  APITimeoutError,
  APIUserAbortError,
  AuthenticationError,
  BadRequestError,
  ConfigurationError,
  InternalServerError,
  InvalidRequestError,
  InvalidResponseError,
  NotFoundError,
  PermissionDeniedError,
  QuotaExhaustedError,
  RateLimitError,
  UnprocessableEntityError,
  VoiceAIError,
  type RequestInfo,
} from "./errors/index.js";
export type { components, operations, paths } from "../generated/schema.js";
