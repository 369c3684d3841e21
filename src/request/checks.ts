/**
 * The checks every option and argument goes through, each throwing the error class it is given
 * (ConfigurationError for client options, InvalidRequestError for a call's) with a message that
 * names what was wrong and never quotes more than a short piece of it.
 */
import { apiVersions, type ApiVersion } from "../../generated/operations.js";
import { shorten, type ConfigurationError, type InvalidRequestError } from "../errors/index.js";

type ErrorClass = typeof ConfigurationError | typeof InvalidRequestError;

/** Refuses keys that are not options: a typo (`retries`) must not be silently ignored. */
export function checkKeys(value: object, known: ReadonlySet<string>, what: string, Err: ErrorClass) {
  for (const key of Object.keys(value)) {
    if (!known.has(key)) throw new Err(`unknown ${what} "${shorten(key, 60)}"`);
  }
}

/** Headers the HTTP layer sets itself: fetch refuses some, and a wrong one would corrupt the exchange. */
const CONNECTION_HEADERS =
  /^(connection|content-length|expect|host|keep-alive|proxy-connection|te|trailer|transfer-encoding|upgrade)$/;

/**
 * Header names and values the Headers API takes as they are (no CR, LF, NUL), none the HTTP
 * layer owns, no Authorization, and only a `Version` the API has.
 */
export function checkHeaders(headers: unknown, name: string, Err: ErrorClass): Record<string, string> {
  if (headers === undefined) return {};
  if (typeof headers !== "object" || headers === null) throw new Err(`${name} must be an object`);
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers)) {
    const lower = key.toLowerCase();
    if (!/^[!#$%&'*+.^_`|~\w-]+$/.test(key))
      throw new Err(`${name}: "${shorten(key, 60)}" is not a header name`);
    if (CONNECTION_HEADERS.test(lower))
      throw new Err(`${name}: ${key} is set by the HTTP layer, not by a request`);
    if (lower === "authorization") {
      throw new Err(`${name} must not set Authorization: pass the token as \`token\``);
    }
    if (typeof value !== "string" || !/^[^\r\n\0]*$/.test(value) || /[^\x00-\xff]/.test(value)) {
      throw new Err(`${name}.${key} must be a string without CR, LF, NUL or characters above U+00FF`);
    }
    if (lower === "version") checkVersion(value, Err);
    out[key] = value;
  }
  return out;
}

export function checkVersion(version: unknown, Err: ErrorClass): ApiVersion {
  if (!(apiVersions as readonly unknown[]).includes(version)) {
    throw new Err(`version must be one of ${apiVersions.join(", ")}, got ${describe(version)}`);
  }
  return version as ApiVersion;
}

/** A non-empty string. */
export function checkText(name: string, value: unknown, Err: ErrorClass): string {
  if (typeof value !== "string" || !value.trim()) throw new Err(`${name} must be a non-empty string`);
  return value;
}

/** An integer >= min (and <= max), or undefined when not given. */
export function checkCount<T>(name: string, value: T, min: number, Err: ErrorClass, max?: number): T {
  const n = value as number;
  if (value !== undefined && !(Number.isSafeInteger(n) && n >= min && n <= (max ?? n))) {
    const upTo = max === undefined ? "" : ` and <= ${max}`;
    throw new Err(`${name} must be an integer >= ${min}${upTo}, got ${describe(value)}`);
  }
  return value;
}

/** The longest delay a timer takes (a longer one would fire at once). */
export const MAX_TIMER_MS = 2 ** 31 - 1;
/** A duration in ms that a timer can wait for, or undefined when not given. */
export const checkMs = <T>(name: string, value: T, Err: ErrorClass) =>
  checkCount(name, value, 1, Err, MAX_TIMER_MS);

/** A value for a message: short, never throwing (BigInt, symbols, cycles). */
export function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(shorten(value, 60));
  if (typeof value === "bigint") return `${value}n (a BigInt)`;
  if (typeof value === "object" && value !== null) return Array.isArray(value) ? "an array" : "an object";
  return String(value);
}
