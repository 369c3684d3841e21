/**
 * Where the CLI writes. stdout carries data only (JSON, NDJSON, CSV), written with backpressure;
 * stderr carries notes, progress and errors, each line passed through the secrets' redaction.
 * On a terminal one status line is redrawn in place under the notes; `--quiet` drops notes and
 * progress, `--json` turns every stderr line into one JSON object.
 */
import { write, type CliIo } from "./io.js";
import type { Described } from "./describe-error.js";
import type { Secrets } from "./secrets.js";

export interface OutputMode {
  json: boolean;
  quiet: boolean;
}

const CLEAR_LINE = "\r\x1b[2K";

export class Output {
  #status = "";

  constructor(
    private readonly io: CliIo,
    private readonly secrets: Secrets,
    readonly mode: OutputMode,
  ) {}

  /** stderr is a terminal and the user wants progress: redraw a status line. */
  get live(): boolean {
    return this.io.stderr.isTTY === true && !this.mode.json && !this.mode.quiet;
  }

  /** The terminal's width; 80 when it does not say (a pseudo-terminal may report 0). */
  get columns(): number {
    const columns = this.io.stderr.columns ?? 0;
    return columns > 0 ? Math.max(20, columns) : 80;
  }

  /** Data on stdout. */
  data(text: string): Promise<void> {
    return write(this.io.stdout, text);
  }

  /** One JSON value on stdout: indented on a terminal, one line otherwise and with --json. */
  value(value: unknown): Promise<void> {
    if (value === undefined) return Promise.resolve();
    const pretty = this.io.stdout.isTTY === true && !this.mode.json;
    return this.data(`${JSON.stringify(value, null, pretty ? 2 : undefined)}\n`);
  }

  /** A line for the person running the command (not with --quiet). */
  note(message: string, fields: Record<string, unknown> = {}): void {
    if (this.mode.quiet) return;
    this.#line(this.mode.json ? JSON.stringify({ type: "note", message, ...fields }) : message);
  }

  /** A line that must be seen even with --quiet: a skipped location, how to resume. */
  notice(message: string, fields: Record<string, unknown> = {}): void {
    this.#line(this.mode.json ? JSON.stringify({ type: "notice", message, ...fields }) : message);
  }

  /** A progress event: the status line on a terminal, a plain line otherwise (see progress.ts). */
  progress(plain: string, event: Record<string, unknown>): void {
    if (this.mode.quiet) return;
    if (this.mode.json) this.#line(JSON.stringify({ type: "progress", ...event }));
    else if (this.live) this.status(plain);
    else this.#line(plain);
  }

  /** Redraws the terminal's status line (only when live). */
  status(text: string): void {
    if (!this.live) return;
    const line = this.secrets.redact(text).replace(/[\r\n]/g, " ");
    this.#status = line.length >= this.columns ? `${line.slice(0, this.columns - 2)}…` : line;
    this.io.stderr.write(CLEAR_LINE + this.#status);
  }

  /** Removes the status line, e.g. before exiting. */
  clearStatus(): void {
    if (this.#status === "") return;
    this.#status = "";
    this.io.stderr.write(CLEAR_LINE);
  }

  /** An error: always printed, also with --quiet. */
  error(described: Described): void {
    if (this.mode.json) {
      const { message, exitCode, hint, kind, status, requestId } = described;
      this.#line(
        JSON.stringify({ type: "error", error: { message, exitCode, kind, hint, status, requestId } }),
      );
      return;
    }
    this.#line(
      `error: ${described.message}${described.requestId ? ` (request id ${described.requestId})` : ""}`,
    );
    if (described.hint) this.#line(`  ${described.hint}`);
  }

  #line(text: string): void {
    const redacted = this.secrets.redact(text);
    if (this.#status !== "") this.io.stderr.write(CLEAR_LINE);
    this.io.stderr.write(`${redacted}\n`);
    if (this.#status !== "") this.io.stderr.write(this.#status);
  }
}
