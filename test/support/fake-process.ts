/**
 * The fake as its own process (src/testing/serve-cli.ts) and worker processes that use it, for the
 * multi-process tests. Each process is killed after its time limit and after the test, also on failure.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterEach } from "vitest";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const children = new Set<ChildProcess>();
afterEach(() => {
  for (const child of children) child.kill("SIGKILL");
  children.clear();
});

export interface Spawned {
  child: ChildProcess;
  /** Everything written to stdout and stderr so far. */
  output: () => string;
  /** Exit code (null when killed) once it exited. */
  exited: Promise<number | null>;
}

/** Runs `node --import tsx` with `args` in the repository, killed after `timeoutMs`. */
export function run(args: string[], timeoutMs: number, env: Record<string, string> = {}): Spawned {
  const child = spawn(process.execPath, ["--import", "tsx", ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.add(child);
  let out = "";
  child.stdout!.on("data", (chunk: Buffer) => (out += chunk));
  child.stderr!.on("data", (chunk: Buffer) => (out += chunk));
  const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => {
      clearTimeout(timer);
      children.delete(child);
      resolve(code);
    }),
  );
  return { child, output: () => out, exited };
}

/** Starts the fake's process with `flags`; resolves with its URL (its first line on stdout). */
export async function startFakeProcess(flags: string[], timeoutMs = 120_000) {
  const fake = run(["src/testing/serve-cli.ts", ...flags], timeoutMs);
  const url = await new Promise<string>((resolve, reject) => {
    const check = () => {
      const line = /^(http:\/\/127\.0\.0\.1:\d+)\n/.exec(fake.output());
      if (line) resolve(line[1]!);
    };
    fake.child.stdout!.on("data", check);
    void fake.exited.then(() => reject(new Error(`the fake exited: ${fake.output().slice(-300)}`)));
  });
  return { ...fake, url };
}
