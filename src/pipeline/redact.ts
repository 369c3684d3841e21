/**
 * Keeps the tokens a client has used, so that no error it throws can carry one: a custom fetch or
 * a token provider may put the request, or the token, into what it throws.
 */
export interface Redactor {
  add(secret: string): void;
  /** A copy of `error` with every known token replaced, through its `cause` chain. */
  scrub(error: unknown): unknown;
}

const REMEMBERED = 64;

export function createRedactor(): Redactor {
  const secrets = new Set<string>();
  const redact = (text: string) => {
    for (const secret of secrets) text = text.split(secret).join("[redacted]");
    return text;
  };
  const scrub = (error: unknown, depth: number): unknown => {
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
    if (cause !== undefined && depth < 4) copy.cause = scrub(cause, depth + 1);
    return copy;
  };
  return {
    add(secret) {
      if (secrets.has(secret)) return;
      secrets.add(secret);
      if (secrets.size > REMEMBERED) secrets.delete(secrets.values().next().value!);
    },
    scrub: (error) => scrub(error, 0),
  };
}
