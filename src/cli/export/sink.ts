/**
 * Where exported call logs go, one record at a time, each handed to the operating system before
 * the next log is asked for (that request is the library's acknowledgement, which moves the
 * checkpoint): a file written with writeSync, or stdout with the write's callback awaited. So a
 * log the checkpoint counts as delivered is in the file, even if the process is killed right after.
 */
import { closeSync, fstatSync, openSync, writeSync } from "node:fs";
import type { Writable } from "node:stream";
import { callLogColumns, csvHeader, csvRow } from "./csv.js";

export type Format = "ndjson" | "csv" | "json";
export const FORMATS: readonly Format[] = ["ndjson", "csv", "json"];

export interface Sink {
  write(text: string): Promise<void>;
  /** Bytes already in the target when it was opened (0 for stdout and new files). */
  readonly startSize: number;
  close(): void;
}

/** `mode`: "new" refuses an existing file, "append" continues one, "overwrite" truncates it. */
export function fileSink(file: string, mode: "new" | "append" | "overwrite"): Sink {
  const fd = openSync(file, mode === "new" ? "wx" : mode === "append" ? "a" : "w", 0o644);
  const startSize = fstatSync(fd).size;
  let open = true;
  return {
    startSize,
    async write(text) {
      const bytes = Buffer.from(text, "utf8");
      for (let at = 0; at < bytes.length;) at += writeSync(fd, bytes, at);
    },
    close() {
      if (open) closeSync(fd);
      open = false;
    },
  };
}

export function streamSink(stream: Writable): Sink {
  return {
    startSize: 0,
    write: (text) =>
      new Promise((resolve, reject) => {
        stream.write(text, (error) => (error ? reject(error) : resolve()));
      }),
    close() {},
  };
}

/** A format's framing around the records: CSV's header, JSON's brackets. */
export class RecordWriter {
  readonly #columns = callLogColumns();
  #count = 0;

  constructor(
    private readonly sink: Sink,
    private readonly format: Format,
  ) {}

  get count(): number {
    return this.#count;
  }

  async begin(): Promise<void> {
    if (this.format === "csv" && this.sink.startSize === 0) await this.sink.write(csvHeader(this.#columns));
    if (this.format === "json") await this.sink.write("[");
  }

  async record(log: object): Promise<void> {
    const text =
      this.format === "csv"
        ? csvRow(this.#columns, log)
        : this.format === "json"
          ? `${this.#count === 0 ? "\n" : ",\n"}${JSON.stringify(log)}`
          : `${JSON.stringify(log)}\n`;
    await this.sink.write(text);
    this.#count++;
  }

  /** Also after an interruption: a JSON file is left a complete array of what was written. */
  async end(): Promise<void> {
    if (this.format === "json") await this.sink.write(this.#count === 0 ? "]\n" : "\n]\n");
  }
}
