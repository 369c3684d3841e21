/** Errors of the checkpoint stores and leases (VoiceAIErrors, like every error of the package). */
import { VoiceAIError } from "../errors/index.js";

/** A checkpoint store could not be read or written, or holds something that is no checkpoint. */
export class CheckpointStoreError extends VoiceAIError {
  static override readonly brand: string = "CheckpointStoreError";
}

/**
 * A write under a lease that is no longer the location's current one (it expired and another
 * worker took the location over), or a write without a lease while a worker holds one: refused,
 * so that a paused worker cannot write over its successor's checkpoint.
 */
export class LeaseLostError extends CheckpointStoreError {
  static override readonly brand: string = "LeaseLostError";
}
