/**
 * Running the CLI in tests: as a child process (node + tsx's loader on src/cli/main.ts, exactly
 * what `npx highlevel-voice-ai` runs, from source), or in-process through run() with captured
 * streams that may claim to be a terminal. The environment is clean: no GHL_* of the machine leaks in.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { EventEmitter } from "node:events";
import { createRequire } from "node:module";
import path from "node:path";
import { PassThrough, Readable } from "node:stream";
import { pathToFileURL } from "node:url";
import { commandRegistry } from "../../src/cli/registry.js";
import { run } from "../../src/cli/run.js";

export const root = path.resolve(import.meta.dirname, "../..");
export const MAIN = path.join(root, "src/cli/main.ts");
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve("tsx/esm")).href;

export interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface Spawned {
  child: ChildProcess;
  finished: Promise<Finished>;
  stdout(): string;
  stderr(): string;
  /** Resolves once stderr (or stdout) matches `pattern`; rejects after `timeoutMs`. */
  waitFor(pattern: RegExp, stream?: "stderr" | "stdout", timeoutMs?: number): Promise<void>;
}

export const baseEnv = (): NodeJS.ProcessEnv => ({
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  LANG: "C.UTF-8",
});

export function spawnCli(
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string; input?: string; timeoutMs?: number } = {},
): Spawned {
  const child = spawn(process.execPath, ["--import", TSX_LOADER, MAIN, ...args], {
    cwd: options.cwd ?? root,
    env: { ...baseEnv(), ...options.env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  const watchers: (() => void)[] = [];
  child
    .stdout!.setEncoding("utf8")
    .on("data", (chunk: string) => ((out += chunk), watchers.forEach((w) => w())));
  child
    .stderr!.setEncoding("utf8")
    .on("data", (chunk: string) => ((err += chunk), watchers.forEach((w) => w())));
  child.stdin!.end(options.input ?? "");
  const killer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 60_000);
  const finished = new Promise<Finished>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(killer);
      resolve({ code, signal, stdout: out, stderr: err });
    });
  });
  return {
    child,
    finished,
    stdout: () => out,
    stderr: () => err,
    waitFor(pattern, stream = "stderr", timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (pattern.test(stream === "stderr" ? err : out)) {
            clearTimeout(timer);
            resolve();
          }
        };
        const timer = setTimeout(
          () => reject(new Error(`timed out waiting for ${pattern}; stderr: ${err}`)),
          timeoutMs,
        );
        watchers.push(check);
        check();
        void finished.then(() =>
          setTimeout(() => (check(), reject(new Error(`exited before ${pattern}; stderr: ${err}`))), 50),
        );
      });
    },
  };
}

export async function runCli(
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string; input?: string; timeoutMs?: number } = {},
): Promise<Finished> {
  return spawnCli(args, options).finished;
}

/** A stream that says it is a terminal of `columns` columns. */
export function fakeTerminal(
  columns = 80,
): PassThrough & { isTTY: boolean; columns: number; text(): string } {
  let text = "";
  const stream = Object.assign(new PassThrough(), { isTTY: true, columns, text: (): string => text });
  stream.setEncoding("utf8").on("data", (chunk: string) => (text += chunk));
  return stream;
}

export interface InProcess {
  code: number;
  stdout: string;
  stderr: string;
}

/** run() in this process: for the many argument and file cases that need no child. */
export async function runInProcess(
  args: readonly string[],
  options: {
    env?: Record<string, string>;
    cwd?: string;
    input?: string;
    tty?: boolean;
    signals?: EventEmitter;
  } = {},
): Promise<InProcess> {
  const capture = () => {
    const stream = Object.assign(new PassThrough(), { isTTY: options.tty === true, columns: 80 });
    let text = "";
    stream.setEncoding("utf8").on("data", (chunk: string) => (text += chunk));
    return { stream, text: () => text };
  };
  const stdout = capture();
  const stderr = capture();
  const stdin = Object.assign(
    Readable.from(options.input === undefined ? [] : [Buffer.from(options.input)]),
    {
      isTTY: options.input === undefined && options.tty === true,
    },
  );
  const code = await run(
    args,
    {
      stdout: stdout.stream,
      stderr: stderr.stream,
      stdin,
      env: options.env ?? {},
      cwd: options.cwd ?? root,
      signals: options.signals ?? new EventEmitter(),
    },
    { registry: commandRegistry(), version: "0.0.0-test" },
  );
  await new Promise((resolve) => setImmediate(resolve));
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}
