/**
 * Starts Prism (@stoplight/prism-cli) as a mock server of an OpenAPI document on 127.0.0.1,
 * waits until it answers HTTP, and stops it again. Used by the contract tests
 * (test/contract.test.ts), the independent check that the client and the spec agree.
 *
 * The mock answers every operation with the static examples of the document (`Prefer:
 * example=<name>` picks one, `Prefer: code=<status>` picks a status) and validates every
 * request against the document: a request that violates it gets a 4xx, and every violation,
 * of the request or of Prism's own answer, is listed in the `sl-violations` response header.
 *
 * Prism is never left behind: `stop()` ends it (SIGTERM, then SIGKILL), and so does this
 * process exiting, being interrupted or terminated, or crashing; if this process is killed
 * outright, Prism notices its parent is gone and exits by itself (scripts/prism-watchdog.cjs).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { createInterface } from "node:readline";

export interface PrismOptions {
  /** Path of the OpenAPI document to mock. */
  spec: string;
  /** Port to listen on. Default: a free port chosen by the OS (Prism listens on port 0 and reports the real one). */
  port?: number;
  /**
   * Prism's `--errors`: when Prism's own answer violates the document, answer 500 instead of
   * only listing the violation in `sl-violations`. Request violations get a 4xx either way.
   * Default false.
   */
  errors?: boolean;
  /** How long Prism may take to answer HTTP (default 30 000 ms). */
  startTimeoutMs?: number;
  /** Told every line Prism prints. Whatever this says, the latest lines are kept for `output()`. */
  onOutput?: (line: string) => void;
}

export interface PrismServer {
  /** `http://127.0.0.1:<port>`. */
  readonly baseUrl: string;
  readonly pid: number;
  /** Milliseconds from spawning Prism until it answered its first HTTP request. */
  readonly startupMs: number;
  /** The latest lines Prism printed (at most 500): its log of requests and violations. */
  output(): string;
  /** SIGTERM, then SIGKILL after `graceMs` (default 3000); resolves once Prism has exited. Safe to call twice. */
  stop(graceMs?: number): Promise<void>;
}

const HOST = "127.0.0.1";
const MAX_LINES = 500;
// What node_modules/.bin/prism links to; run with this Node directly (no shell, no npx, one process).
const prismCli = createRequire(import.meta.url).resolve("@stoplight/prism-cli/dist/index.js");
const watchdog = path.join(import.meta.dirname, "prism-watchdog.cjs");

/** Spawns Prism and resolves once it answers HTTP; rejects, with Prism's output, if it exits or times out first. */
export async function startPrism(options: PrismOptions): Promise<PrismServer> {
  const { spec, port = 0, errors = false, startTimeoutMs = 30_000, onOutput } = options;
  const startedAt = performance.now();
  const args = ["--require", watchdog, prismCli, "mock", spec, "-h", HOST, "-p", String(port)];
  if (errors) args.push("--errors");
  const child = spawn(process.execPath, args, {
    // The IPC channel carries no messages: it only lets the watchdog see this process go away.
    stdio: ["ignore", "pipe", "pipe", "ipc"],
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" },
  });
  track(child);

  const lines: string[] = [];
  const output = () => lines.join("\n");
  let announced: ((url: string) => void) | undefined;
  const listening = new Promise<string>((resolve) => (announced = resolve));
  for (const stream of [child.stdout!, child.stderr!]) {
    createInterface({ input: stream, crlfDelay: Infinity }).on("line", (raw) => {
      const line = raw.replace(/\x1b\[[0-9;]*m/g, "");
      lines.push(line);
      if (lines.length > MAX_LINES) lines.shift();
      onOutput?.(line);
      const url = /Prism is listening on (http:\/\/\S+)/.exec(line)?.[1];
      if (url) announced?.(url.replace(/\/+$/, ""));
    });
  }

  const exited = new Promise<string>((resolve) => {
    child.once("close", (code, signal) => resolve(`Prism exited (${signal ?? `code ${code}`})`));
    child.once("error", (error) => resolve(`Prism could not be started: ${error.message}`));
  });

  let stopping: Promise<void> | undefined;
  const stop = (graceMs = 3000) =>
    (stopping ??= (async () => {
      if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
        await exited;
        clearTimeout(timer);
      }
      untrack(child);
    })());

  const giveUp = new AbortController();
  const timedOut = new Promise<string>((resolve) => {
    const timer = setTimeout(
      () => resolve(`Prism did not answer within ${startTimeoutMs} ms`),
      startTimeoutMs,
    );
    giveUp.signal.addEventListener("abort", () => clearTimeout(timer));
  });
  const orFailure = <T>(promise: Promise<T>) =>
    Promise.race([promise, exited.then(fail), timedOut.then(fail)]);
  let baseUrl: string;
  try {
    baseUrl = await orFailure(listening);
    // Listening is announced once the socket is bound; wait for a real HTTP answer all the same.
    await orFailure(answersHttp(baseUrl, giveUp.signal));
  } catch (error) {
    await stop();
    const hint = port !== 0 && child.exitCode !== null ? ` (is port ${port} free?)` : "";
    throw new Error(
      `${(error as Error).message}${hint}\n--- Prism output (${spec}) ---\n${output() || "(none)"}`,
    );
  } finally {
    giveUp.abort();
  }

  return {
    baseUrl,
    pid: child.pid!,
    startupMs: Math.round(performance.now() - startedAt),
    output,
    stop,
  };
}

function fail(reason: string): never {
  throw new Error(reason);
}

/** Polls until the server answers any HTTP response (Prism answers `/` with 404: no such path). */
async function answersHttp(baseUrl: string, giveUp: AbortSignal): Promise<void> {
  while (!giveUp.aborted) {
    try {
      const response = await fetch(`${baseUrl}/`, {
        signal: AbortSignal.any([giveUp, AbortSignal.timeout(1000)]),
      });
      await response.arrayBuffer();
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

// ------------------------------------------------------------ no orphans
const running = new Set<ChildProcess>();
let hooked = false;

function track(child: ChildProcess) {
  running.add(child);
  child.once("exit", () => running.delete(child));
  if (hooked) return;
  hooked = true;
  // Only synchronous work is possible here: SIGKILL, Prism has nothing to save.
  process.on("exit", () => killAll("SIGKILL"));
  // Observes a crash without changing it: the process still dies of the error afterwards.
  process.on("uncaughtExceptionMonitor", () => killAll("SIGKILL"));
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    const onSignal = () => {
      killAll("SIGTERM");
      // Nobody else handles the signal: die of it, as Node does without a handler.
      if (process.listenerCount(signal) === 1) {
        process.removeListener(signal, onSignal);
        process.kill(process.pid, signal);
      }
    };
    process.on(signal, onSignal);
  }
}

function untrack(child: ChildProcess) {
  running.delete(child);
}

function killAll(signal: NodeJS.Signals) {
  for (const child of running) {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  }
}
