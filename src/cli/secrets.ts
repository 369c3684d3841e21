/**
 * The last guard against printing a secret: every line the CLI writes to stderr (messages,
 * progress, debug logs, `--json` errors) passes through `redact`, which replaces each secret the
 * CLI was given, and its URL-encoded, base64 and base64url forms, with `[redacted]`. The library
 * already keeps them out of its errors; this covers what the CLI itself might echo.
 */
export class Secrets {
  readonly #forms = new Set<string>();

  /** Remembers a secret (a token, a client secret, a store key); short values are ignored. */
  add(value: string | undefined): void {
    if (value === undefined || value.length < 6) return;
    const bytes = Buffer.from(value, "utf8");
    for (const form of [
      value,
      encodeURIComponent(value),
      bytes.toString("base64"),
      bytes.toString("base64").replace(/=+$/, ""),
      bytes.toString("base64url"),
      JSON.stringify(value).slice(1, -1),
    ])
      if (form.length >= 6) this.#forms.add(form);
  }

  redact(text: string): string {
    let out = text;
    // Longest first, so that a form containing another is replaced whole.
    for (const form of [...this.#forms].sort((a, b) => b.length - a.length))
      out = out.split(form).join("[redacted]");
    return out;
  }
}
