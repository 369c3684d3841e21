/**
 * A child process for the OAuth timing tests: a fixture script run with tsx, its stdout read line
 * by line, killed by the test (and always within `limitMs`, also when the test fails).
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");
const running = new Set<ChildProcess>();

export interface Child {
  process: ChildProcess;
  /** Resolves with the first line that starts with `prefix` (rejects if the child exits first). */
  line(prefix: string): Promise<string>;
  /** Every line so far. */
  lines(): string[];
  /** Exit code, or the signal that ended it. */
  exited: Promise<number | NodeJS.Signals | null>;
  signal(signal: NodeJS.Signals): void;
}

export function startChild(fixture: string, env: Record<string, string>, limitMs = 60_000): Child {
  const child = spawn(process.execPath, ["--import", "tsx", path.join("test/fixtures", fixture)], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  running.add(child);
  let out = "";
  let err = "";
  const waiting: { prefix: string; resolve: (line: string) => void }[] = [];
  const check = () => {
    for (const w of [...waiting]) {
      const found = out.split("\n").find((line) => line.startsWith(w.prefix));
      if (found !== undefined) {
        waiting.splice(waiting.indexOf(w), 1);
        w.resolve(found);
      }
    }
  };
  child.stdout!.on("data", (chunk: Buffer) => {
    out += chunk.toString();
    check();
  });
  child.stderr!.on("data", (chunk: Buffer) => (err += chunk.toString()));
  const killer = setTimeout(() => child.kill("SIGKILL"), limitMs);
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) =>
    child.once("exit", (code, signal) => {
      clearTimeout(killer);
      running.delete(child);
      resolve(code ?? signal);
    }),
  );
  return {
    process: child,
    line: (prefix) =>
      new Promise<string>((resolve, reject) => {
        waiting.push({ prefix, resolve });
        check();
        void exited.then((how) =>
          reject(
            new Error(`${fixture} ended (${String(how)}) before "${prefix}": ${out}\n${err.slice(-2000)}`),
          ),
        );
      }),
    lines: () => out.split("\n").filter(Boolean),
    exited,
    signal: (signal) => child.kill(signal),
  };
}

/** Kills what a failed test left running. */
export function killChildren(): void {
  for (const child of running) child.kill("SIGKILL");
}
