/**
 * Keeps the tokens a client has used, so that no error it throws can carry one: a custom fetch or
 * a token provider may put the request, or the token, into what it throws, and a server may echo
 * it in an error body or a header. The auth stage makes each attempt's token the most recent one
 * again before its answer is scrubbed, so a call's token is never shown however many others were
 * used meanwhile. An echo need not be verbatim: a form comes back percent-encoded, Basic as base64.
 */
export interface Redactor {
  add(secret: string): void;
  /** A copy of `error` with every known token replaced, through its `cause` chain. */
  scrub(error: unknown): unknown;
  /** `text` with every known token replaced. */
  text(text: string): string;
}

/** The most recent tokens remembered (the call in flight makes its own the most recent). */
const REMEMBERED = 256;
const MASK = "[redacted]";

export function createRedactor(): Redactor {
  /** Each secret, with the forms it may come back in. */
  const secrets = new Map<string, string[]>();
  const text = (value: string) => {
    for (const forms of secrets.values()) for (const form of forms) value = value.split(form).join(MASK);
    return value;
  };
  /** A copy of `error` with `text` applied to what it shows, through its `cause` chain. */
  const scrub = (error: unknown, depth = 0): unknown => {
    if (!(error instanceof Error)) return text(typeof error === "string" ? error : typeof error);
    // Only what is known to be plain text is kept: a name, a message, a code, a stack.
    const Kind = [TypeError, SyntaxError, RangeError].find((kind) => error instanceof kind) ?? Error;
    const copy = new Kind(text(error.message));
    copy.name = text(error.name);
    copy.stack = text(error.stack ?? "");
    const { code, cause } = error as Error & { code?: unknown };
    if (typeof code === "string" || typeof code === "number") {
      Object.assign(copy, { code: typeof code === "string" ? text(code) : code });
    }
    if (cause !== undefined && depth < 4) copy.cause = scrub(cause, depth + 1);
    return copy;
  };
  return {
    add(secret) {
      // Used again: the most recent, the last to be forgotten.
      secrets.delete(secret);
      secrets.set(secret, formsOf(secret));
      if (secrets.size > REMEMBERED) secrets.delete(secrets.keys().next().value!);
    },
    scrub,
    text,
  };
}

/**
 * A secret as sent, percent-encoded as in a URL or a form (+ for a space), and as base64 of any
 * text that holds it (a Basic header holds `id:secret`): at each of the three alignments, the
 * characters that depend on the secret alone. Secrets are header-safe Latin-1, which btoa takes.
 */
function formsOf(secret: string): string[] {
  const forms = [secret, encodeURIComponent(secret), (new URLSearchParams({ s: secret }) + "").slice(2)];
  for (let k = 0; k < 3; k++) {
    // From the first character not shared with what precedes, to the last not shared with what follows.
    const part = btoa("\0".repeat(k) + secret).slice(k && k + 1, ((k + secret.length) / 3) << 2);
    if (part[7]) forms.push(part); // 8 characters or more: never a short, common run
  }
  return forms;
}
