/** The processes of the sync benchmarks: the fake, an exporter, and the orchestration's small helpers. */
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import type { FakeProcessConfig } from "./fake-process.js";

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

export interface FakeProcess {
  url: string;
  tokens: Record<string, string>;
  /** Sends one command and resolves with its JSON answer. */
  ask<T>(command: string): Promise<T>;
  close(): Promise<void>;
}

export async function startFakeProcess(config: FakeProcessConfig): Promise<FakeProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", here("./fake-process.ts")], {
    env: { ...process.env, FAKE_CONFIG: JSON.stringify(config) },
    stdio: ["pipe", "pipe", "inherit"],
  });
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const next = async () => {
    const { value, done } = await lines.next();
    if (done) throw new Error("the fake process exited");
    return JSON.parse(value) as unknown;
  };
  const { url, tokens } = (await next()) as { url: string; tokens: Record<string, string> };
  let queue: Promise<unknown> = Promise.resolve();
  return {
    url,
    tokens,
    ask<T>(command: string) {
      const answer = queue.then(() => {
        child.stdin!.write(`${command}\n`);
        return next() as Promise<T>;
      });
      queue = answer.catch(() => {});
      return answer;
    },
    close: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.stdin!.end();
        setTimeout(() => child.kill("SIGKILL"), 5_000).unref();
      }),
  };
}

/**
 * Runs a file as a process with JSON config (through tsx unless `plain`: JavaScript that imports
 * no TypeScript); resolves with its last output line, parsed.
 */
export function runProcess<T>(
  file: string,
  env: Record<string, string>,
  timeoutMs: number,
  plain = false,
): Promise<T> {
  const child = spawn(process.execPath, [...(plain ? [] : ["--import", "tsx"]), here(file)], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  child.stdout!.on("data", (chunk: Buffer) => void (out += chunk.toString()));
  const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
  return new Promise((resolve, reject) => {
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      try {
        resolve(JSON.parse(out.trim().split("\n").pop()!) as T);
      } catch {
        reject(new Error(`${file} ended (${code ?? signal}) without a result: ${out.slice(-500)}`));
      }
    });
  });
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** Ids handed over against the ids the fake holds: how many came twice, how many never. */
export function tally(got: Iterable<string>, expected: Iterable<string>) {
  const want = new Set(expected);
  const counts = new Map<string, number>();
  let total = 0;
  for (const id of got) {
    counts.set(id, (counts.get(id) ?? 0) + 1);
    total++;
  }
  let missing = 0;
  for (const id of want) if (!counts.has(id)) missing++;
  const unexpected = [...counts.keys()].filter((id) => !want.has(id)).length;
  return { total, duplicates: total - counts.size, missing, unexpected };
}
