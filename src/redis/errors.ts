import { VoiceAIError } from "../errors/index.js";

/**
 * Redis did not answer in time, or answered with an error. Thrown by the token store, and by
 * rate-limited calls when the store was created with `onStoreError: "fail"`.
 */
export class StoreUnavailableError extends VoiceAIError {
  static override readonly brand: string = "StoreUnavailableError";
}

/** A fenced write was refused: the lock it was made under expired (and may be held by another). */
export class StoreLockLostError extends VoiceAIError {
  static override readonly brand: string = "StoreLockLostError";
}

/** `lock()` could not take the lock within its `waitMs`. */
export class StoreLockTimeoutError extends VoiceAIError {
  static override readonly brand: string = "StoreLockTimeoutError";
}

/** The store was closed (`store.close()`): nothing more goes through it. */
export class StoreClosedError extends VoiceAIError {
  static override readonly brand: string = "StoreClosedError";
}
