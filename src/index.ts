export { createVoiceAIClient, type VoiceAIClient } from "./client.js";
export { defineAction, type ActionRequestOf } from "./define-action.js";
export type { TokenSource, VoiceAIClientOptions } from "./options.js";
export type { TokenContext, TokenProvider } from "./token-provider.js";
export type { Logger, LogLevel } from "./logger.js";
export type { RetryEvent } from "./pipeline/retry.js";
export type { ResponseEvent } from "./pipeline/observe.js";
export type { RateLimitInfo } from "./rate-limit.js";
export type { FailureKind } from "./retry-policy.js";
export type {
  ApiVersion,
  CallOptions,
  MethodParams,
  MethodResult,
  OperationId,
  Page,
  RawClient,
  RawInit,
  RawPaths,
  RawPathsWith,
  RawResponse,
  RequiredBodyLocation,
  RequiredLocation,
  WithBodyLocation,
  WithLocation,
  OptionalWithLocation,
} from "./types.js";
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
} from "./errors.js";
export type { components, operations, paths } from "../generated/schema.js";
