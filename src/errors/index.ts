/**
 * Every error the client throws is a VoiceAIError. Those about a response carry its status, and
 * each status class narrows `status` (`NotFoundError['status']` is `404`). A caller's own abort is
 * not a connection failure, so catching APIConnectionError never catches it.
 */
export { ConfigurationError, InvalidRequestError, VoiceAIError } from "./base.js";
export { requestIdOf, shorten } from "./text.js";
export {
  APIConnectionError,
  APITimeoutError,
  APIUserAbortError,
  InvalidResponseError,
  QuotaExhaustedError,
  RequestFailure,
  type RequestInfo,
} from "./request-failure.js";
export {
  APIError,
  apiErrorFor,
  AuthenticationError,
  BadRequestError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
  type ResponseFacts,
} from "./api-error.js";
