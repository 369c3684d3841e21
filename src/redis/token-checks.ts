/**
 * What the Redis token store takes and what it accepts back. Input is checked before anything is
 * sent; a reply of another shape than its script returns (a proxy, a module, a misconfigured
 * Redis) is a StoreUnavailableError, never a TypeError later or a record taken for missing.
 */
import { InvalidRequestError } from "../errors/index.js";
import { StoreUnavailableError } from "./errors.js";

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

const unexpected = (script: string, reply: unknown) =>
  new StoreUnavailableError(
    `Redis gave the ${script} script an unexpected reply (${Array.isArray(reply) ? "an array" : typeof reply})`,
  );

/** A whole number, as the scripts return them (node-redis and ioredis give numbers). */
const integer = (value: unknown) =>
  typeof value === "number" && Number.isSafeInteger(value) ? value : undefined;

/** The stored value: a string, or nil (no record). */
export function recordReply(reply: unknown): string | undefined {
  if (typeof reply === "string") return reply;
  if (reply === null || reply === undefined) return undefined;
  throw unexpected("token-get", reply);
}

/** 1 (written) or 0 (refused). */
export function writtenReply(reply: unknown): boolean {
  if (reply === 1 || reply === 0) return reply === 1;
  throw unexpected("token-set", reply);
}

/** {1, fence} when taken, {0, ms until the lock expires (-1: none)} when held by another. */
export function lockReply(reply: unknown): [taken: boolean, n: number] {
  const [taken, n] = Array.isArray(reply) && reply.length === 2 ? reply.map(integer) : [];
  if ((taken === 1 && n! > 0) || (taken === 0 && n! >= -1)) return [taken === 1, n!];
  throw unexpected("lock", reply);
}
