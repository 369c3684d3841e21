/** Points in time as the runs take them (Date, epoch ms, ISO string), checked and made epoch ms. */
import { InvalidRequestError } from "../errors/index.js";
import { describe } from "../request/checks.js";
import type { TimeInput } from "./types.js";

/** An ISO 8601 date or date-time (what Date.parse reads the same everywhere). */
const ISO = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/** Epoch ms of `value`, or `fallback` when it is undefined. */
export function toEpochMs(name: string, value: TimeInput | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  let ms: number;
  if (value instanceof Date) ms = value.getTime();
  else if (typeof value === "number") ms = value;
  else if (typeof value === "string" && ISO.test(value)) ms = Date.parse(value);
  else {
    throw new InvalidRequestError(
      `${name} must be a Date, epoch milliseconds or an ISO 8601 date-time, got ${describe(value)}`,
    );
  }
  if (!Number.isSafeInteger(ms) || ms < 0) {
    throw new InvalidRequestError(`${name} must be a valid time at or after 1970, got ${describe(value)}`);
  }
  return ms;
}
