import { VoiceAIError } from "../errors/index.js";

/**
 * Redis did not answer in time, or answered with an error. Thrown by the token store, and by
 * rate-limited calls when the store was created with `onStoreError: "fail"`.
 */
export class StoreUnavailableError extends VoiceAIError {
  override name = "StoreUnavailableError";
}

/** A fenced write was refused: the lock it was made under expired (and may be held by another). */
export class StoreLockLostError extends VoiceAIError {
  override name = "StoreLockLostError";
}

/** `lock()` could not take the lock within its `waitMs`. */
export class StoreLockTimeoutError extends VoiceAIError {
  override name = "StoreLockTimeoutError";
}

/** The store was closed (`store.close()`): nothing more goes through it. */
export class StoreClosedError extends VoiceAIError {
  override name = "StoreClosedError";
}
