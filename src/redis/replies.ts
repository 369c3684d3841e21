/**
 * Checks of what Redis answered. A reply the code does not expect (a script of another version
 * under the same name, a proxy or a fake client in between, a bug) is a store failure like a
 * timeout: StoreUnavailableError, so that the limiter falls back and a token call fails typed,
 * never a TypeError thrown from a timer (which ends a default Node process). Messages name the
 * script and the reply's shape, never its content (a token record may be in it).
 */
import { StoreUnavailableError } from "./errors.js";

/** Longest delay a timer takes (setTimeout fires at once past it): no reply may ask for more. */
export const MAX_REPLY_MS = 2 ** 31 - 1;

function shapeOf(reply: unknown): string {
  if (reply === null || reply === undefined) return "nil";
  if (Array.isArray(reply)) return `an array of ${reply.length}`;
  if (typeof reply === "string") return `a string of ${reply.length} characters`;
  return `a ${typeof reply}`;
}

/** The error for a reply of `script` that is not what it returns. */
export function unexpectedReply(script: string, reply: unknown, why: string): StoreUnavailableError {
  return new StoreUnavailableError(
    `Redis answered the ${script} script with an unexpected reply (${shapeOf(reply)}: ${why})`,
  );
}

/** An integer, as clients give them (a number, or a string with `stringNumbers`); NaN otherwise. */
function integerOf(value: unknown): number {
  const n =
    typeof value === "number"
      ? value
      : typeof value === "string" && /^-?\d{1,16}$/.test(value)
        ? +value
        : NaN;
  return Number.isSafeInteger(n) ? n : NaN;
}

/** The reply as integers: an array of `min` to `max` of them, or StoreUnavailableError. */
export function integersReply(script: string, reply: unknown, min: number, max = min): number[] {
  if (!Array.isArray(reply) || reply.length < min || reply.length > max) {
    throw unexpectedReply(script, reply, `expected ${min === max ? min : `${min} to ${max}`} integers`);
  }
  const out = reply.map(integerOf);
  if (out.some(Number.isNaN)) throw unexpectedReply(script, reply, "expected integers only");
  return out;
}

/** One integer among `allowed`, or StoreUnavailableError. */
export function integerReply(script: string, reply: unknown, allowed: readonly number[]): number {
  const n = integerOf(reply);
  if (!allowed.includes(n)) throw unexpectedReply(script, reply, `expected one of ${allowed.join(", ")}`);
  return n;
}

/** A string, or undefined for nil; StoreUnavailableError for anything else. */
export function stringOrNilReply(script: string, reply: unknown): string | undefined {
  if (reply === null || reply === undefined) return undefined;
  if (typeof reply !== "string") throw unexpectedReply(script, reply, "expected a string or nil");
  return reply;
}

/** Throws StoreUnavailableError for `reply` unless `ok`. */
export function expectReply(ok: boolean, script: string, reply: unknown, why: string): void {
  if (!ok) throw unexpectedReply(script, reply, why);
}

/** LOCK's reply (token-scripts.ts): [1, fence >= 1] when taken, else [0, ms until it expires (-1: never)]. */
export function lockReply(reply: unknown): [taken: number, n: number] {
  const [taken, n] = integersReply("lock", reply, 2) as [number, number];
  expectReply(taken === 1 ? n >= 1 : taken === 0 && n >= -1, "lock", reply, "expected {1, fence} or {0, ms}");
  return [taken, n];
}
