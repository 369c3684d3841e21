/** Starts sync-worker processes and watches what they print (bounded in time; killed on the way out). */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { SyncWorkerConfig } from "./sync-worker.js";

const SCRIPT = fileURLToPath(new URL("./sync-worker.ts", import.meta.url));

export interface SyncWorker {
  child: ChildProcess;
  /** Resolves once a printed line passes `test` (rejects if the worker exits first). */
  until(test: (line: string) => boolean): Promise<string>;
  /** The last line once it exited, parsed (its progress), or undefined if it printed none (killed). */
  exited: Promise<{
    code: number | null;
    signal: string | null;
    progress: Record<string, unknown> | undefined;
  }>;
  /** The logs it wrote to its output file. */
  logs(): { id: string; locationId: string }[];
  /** Starts a worker that waits for it (`waitForGo`). */
  go(): void;
}

export function startSyncWorker(config: SyncWorkerConfig, timeoutMs: number): SyncWorker {
  const child = spawn(process.execPath, ["--import", "tsx", SCRIPT], {
    env: { ...process.env, SYNC_WORKER_CONFIG: JSON.stringify(config) },
    stdio: [config.waitForGo ? "pipe" : "ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  const watchers: (() => void)[] = [];
  child.stdout!.on("data", (chunk: Buffer) => {
    out += chunk.toString();
    for (const w of [...watchers]) w();
  });
  child.stderr!.on("data", (chunk: Buffer) => void (err += chunk.toString()));
  const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
  const exited = new Promise<{
    code: number | null;
    signal: string | null;
    progress: Record<string, unknown> | undefined;
  }>((resolve) => {
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      for (const w of [...watchers]) w();
      let progress: Record<string, unknown> | undefined;
      try {
        progress = JSON.parse(out.trim().split("\n").pop() ?? "") as Record<string, unknown>;
      } catch {
        if (code !== null && code !== 0) progress = { error: err.slice(-2000) };
      }
      resolve({ code, signal, progress });
    });
  });
  return {
    child,
    until: (test) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const line = out.split("\n").find(test);
          if (line !== undefined) {
            watchers.splice(watchers.indexOf(check), 1);
            resolve(line);
          } else if (child.exitCode !== null || child.signalCode !== null) {
            watchers.splice(watchers.indexOf(check), 1);
            reject(new Error(`the worker exited first; stderr: ${err.slice(-1000)}`));
          }
        };
        watchers.push(check);
        check();
      }),
    exited,
    go: () => void child.stdin!.end("go\n"),
    logs: () =>
      (existsSync(config.out) ? readFileSync(config.out, "utf8") : "")
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line) as { id: string; locationId: string }),
  };
}

/** Kills what is still running (also when a test failed). */
export function stopAll(workers: SyncWorker[]): void {
  for (const w of workers) {
    if (w.child.exitCode === null && w.child.signalCode === null) {
      w.child.kill("SIGCONT");
      w.child.kill("SIGKILL");
    }
  }
}
