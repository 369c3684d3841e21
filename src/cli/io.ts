/**
 * What the CLI talks to: its streams, environment and working directory. main.ts passes the
 * process's; tests pass their own (a fake terminal, captured output).
 */
import type { Readable, Writable } from "node:stream";

/** A writable stream that may be a terminal (`process.stdout` / `process.stderr`). */
export type OutStream = Writable & { isTTY?: boolean; columns?: number };

export interface CliIo {
  stdout: OutStream;
  stderr: OutStream;
  stdin: Readable & { isTTY?: boolean };
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  /** Where SIGINT / SIGTERM come from (the process); tests may pass an EventEmitter. */
  signals?: SignalSource | undefined;
}

export interface SignalSource {
  on(signal: "SIGINT" | "SIGTERM", listener: () => void): unknown;
  off(signal: "SIGINT" | "SIGTERM", listener: () => void): unknown;
}

/** Writes all of `text`, waiting for the stream to drain when its buffer is full. */
export function write(stream: Writable, text: string): Promise<void> {
  if (text === "") return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    stream.once("error", onError);
    const done = () => {
      stream.off("error", onError);
      resolve();
    };
    if (stream.write(text)) done();
    else stream.once("drain", done);
  });
}
