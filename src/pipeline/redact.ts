/**
 * Keeps the tokens a client has used, so that no error it throws can carry one: a custom fetch or
 * a token provider may put the request, or the token, into what it throws, and a server may echo
 * it in an error body. The auth stage also scrubs each attempt's own token from what comes back,
 * so a call's token is never shown however many others were used meanwhile.
 */
import { Failure } from "./failure.js";

export interface Redactor {
  add(secret: string): void;
  /** A copy of `error` with every known token replaced, through its `cause` chain. */
  scrub(error: unknown): unknown;
  /** `text` with every known token replaced. */
  text(text: string): string;
}

/** The most recent tokens remembered (the call in flight scrubs its own in any case). */
const REMEMBERED = 256;
const MASK = "[redacted]";

export function createRedactor(): Redactor {
  const secrets = new Set<string>();
  const text = (value: string) => {
    for (const secret of secrets) value = value.split(secret).join(MASK);
    return value;
  };
  return {
    add(secret) {
      // Used again: the most recent, the last to be forgotten.
      secrets.delete(secret);
      secrets.add(secret);
      if (secrets.size > REMEMBERED) secrets.delete(secrets.values().next().value!);
    },
    scrub: (error) => scrubWith(error, text),
    text,
  };
}

/** `redact` for one secret. */
export const without = (secret: string) => (text: string) => text.split(secret).join(MASK);

/** A copy of a Failure whose cause went through `redact`; anything else as it is. */
export function scrubFailure(error: unknown, redact: (text: string) => string): unknown {
  if (!(error instanceof Failure) || error.details.cause === undefined) return error;
  const cause = scrubWith(error.details.cause, redact);
  return new Failure(error.kind, error.reason, { ...error.details, cause });
}

/** A copy of `error` with `redact` applied to what it shows, through its `cause` chain. */
export function scrubWith(error: unknown, redact: (text: string) => string, depth = 0): unknown {
  if (!(error instanceof Error)) return redact(typeof error === "string" ? error : String(typeof error));
  // Only what is known to be plain text is kept: a name, a message, a code, a stack.
  const Kind = [TypeError, SyntaxError, RangeError].find((kind) => error instanceof kind) ?? Error;
  const copy = new Kind(redact(error.message));
  copy.name = redact(error.name);
  copy.stack = redact(error.stack ?? "");
  const { code, cause } = error as Error & { code?: unknown };
  if (typeof code === "string" || typeof code === "number") {
    Object.assign(copy, { code: typeof code === "string" ? redact(code) : code });
  }
  if (cause !== undefined && depth < 4) copy.cause = scrubWith(cause, redact, depth + 1);
  return copy;
}
