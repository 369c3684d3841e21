/** Starts cluster-worker processes, releases them at once, and collects their results (bounded in time). */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { WorkerConfig, WorkerResult } from "./cluster-worker.js";

const SCRIPT = fileURLToPath(new URL("./cluster-worker.ts", import.meta.url));

export interface Worker {
  child: ChildProcess;
  /** Resolves when the worker printed `line`. */
  saw(line: string): Promise<void>;
  go(): void;
  result: Promise<WorkerResult>;
}

export function spawnWorker(config: WorkerConfig, timeoutMs: number): Worker {
  // The config goes through a file: a long list of calls does not fit in the environment.
  const dir = mkdtempSync(path.join(os.tmpdir(), "voice-ai-worker-"));
  const file = path.join(dir, "config.json");
  writeFileSync(file, JSON.stringify(config));
  const child = spawn(process.execPath, ["--import", "tsx", SCRIPT], {
    env: { ...process.env, WORKER_CONFIG_FILE: file },
    stdio: ["pipe", "pipe", "inherit"],
  });
  let out = "";
  const watchers: { line: string; resolve: () => void }[] = [];
  child.stdout!.on("data", (chunk: Buffer) => {
    out += chunk.toString();
    for (const w of watchers) if (out.split("\n").includes(w.line)) w.resolve();
  });
  const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
  const result = new Promise<WorkerResult>((resolve, reject) => {
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      rmSync(dir, { recursive: true, force: true });
      const last = out.trim().split("\n").pop() ?? "";
      try {
        const parsed = JSON.parse(last) as WorkerResult & { fatal?: string };
        if (parsed.fatal) return reject(new Error(`worker failed: ${parsed.fatal}`));
        resolve(parsed);
      } catch {
        reject(new Error(`worker exited (${code ?? signal}) without a result: ${out.slice(-300)}`));
      }
    });
  });
  result.catch(() => {});
  return {
    child,
    saw: (line) =>
      new Promise<void>((resolve, reject) => {
        if (out.split("\n").includes(line)) return resolve();
        watchers.push({ line, resolve });
        child.once("exit", () => reject(new Error(`worker exited before printing ${line}`)));
      }),
    go: () => child.stdin!.end("go\n"),
    result,
  };
}

/** Runs the workers together: all ready, then all go; every one killed after `timeoutMs`. */
export async function runWorkers(
  configs: WorkerConfig[],
  timeoutMs: number,
  onGo?: () => void,
): Promise<WorkerResult[]> {
  const workers = configs.map((c) => spawnWorker(c, timeoutMs));
  try {
    await Promise.all(workers.map((w) => w.saw("READY")));
    for (const w of workers) w.go();
    onGo?.();
    return await Promise.all(workers.map((w) => w.result));
  } finally {
    for (const w of workers)
      if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill("SIGKILL");
  }
}
