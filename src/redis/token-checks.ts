/**
 * What the Redis token store takes, checked before anything is sent (its replies are checked by
 * replies.ts, as the limiter's are).
 */
import { InvalidRequestError } from "../errors/index.js";

const MAX_KEY_LENGTH = 512;
/** The longest lock ttl and wait taken (createOAuth refuses a longer lockTtlMs at creation). */
export const MAX_TTL_MS = 3_600_000;

export function checkKey(key: unknown): string {
  if (typeof key !== "string" || !key || key.length > MAX_KEY_LENGTH || /[\r\n\0]/.test(key)) {
    throw new InvalidRequestError(
      `token store key must be a non-empty string of at most ${MAX_KEY_LENGTH} characters without CR, LF or NUL`,
    );
  }
  return key;
}

export function checkMs(name: string, value: unknown, min: number, max: number): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    throw new InvalidRequestError(`${name} must be an integer from ${min} to ${max}`);
  }
  return value;
}
