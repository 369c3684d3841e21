/** The root of every error the package throws, and the two raised before anything is sent. */
export class VoiceAIError extends Error {
  override name = "VoiceAIError";
}

/** The client was created with options it cannot work with, or a token source failed. Nothing was sent. */
export class ConfigurationError extends VoiceAIError {
  override name = "ConfigurationError";
}

/** A call's arguments are incomplete or invalid. Nothing was sent. */
export class InvalidRequestError extends VoiceAIError {
  override name = "InvalidRequestError";
}
