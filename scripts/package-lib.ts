/**
 * Helpers shared by scripts/check-package.ts, scripts/check-snippets.ts, scripts/bench-package.ts
 * and scripts/node-matrix.ts: running commands without blocking the event loop (a local server may
 * be answering the child), installing the packed package into a temp project, and a loopback mock
 * of the few routes they call.
 */
import { spawn } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";

export const root = path.resolve(import.meta.dirname, "..");
export const bin = (name: string) => path.join(root, "node_modules", ".bin", name);

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/**
 * Runs a command asynchronously (the caller's event loop keeps serving) and collects its output.
 * Killed after `timeoutMs`. Never throws for a non-zero exit: check `code`.
 */
export function run(
  command: string,
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number; input?: string } = {},
): Promise<RunResult> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd ?? root,
      env: options.env ?? process.env,
      stdio: ["pipe", "pipe", "pipe"],
      signal: AbortSignal.timeout(options.timeoutMs ?? 300_000),
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", (error) => {
      if (error.name === "AbortError") {
        resolve({
          code: null,
          stdout,
          stderr: `${stderr}\n[killed after ${options.timeoutMs ?? 300_000} ms]`,
          ms: 0,
        });
      } else reject(error);
    });
    child.on("close", (code) => resolve({ code, stdout, stderr, ms: performance.now() - started }));
    // A child that exits before reading its input closes the pipe: that is not our failure.
    child.stdin.on("error", () => {});
    child.stdin.end(options.input ?? "");
  });
}

/** Lines of npm's stderr that are noise from this machine's user config, not from the command. */
export function withoutNpmNoise(text: string): string {
  return text
    .split("\n")
    .filter((line) => !/Unknown (user|env) config/.test(line))
    .join("\n")
    .trim();
}

export interface MockServer {
  port: number;
  baseUrl: string;
  /** Requests seen: method, URL and the headers the client must send. */
  seen: { method: string; url: string; authorization: string | undefined; version: string | undefined }[];
  close(): Promise<void>;
}

export const AGENT = { id: "a1", locationId: "L1", agentName: "Smoke test agent", actions: [] };

/**
 * A keep-alive HTTP server on 127.0.0.1 (free port) answering:
 * - GET /voice-ai/agents/a1?locationId=L1: 200 with AGENT as JSON;
 * - GET /bench: 200 with a small JSON body (any query);
 * - anything else: 404 with the API's error shape.
 */
export async function startMockServer(options: { record?: boolean } = {}): Promise<MockServer> {
  const seen: MockServer["seen"] = [];
  const agentBody = JSON.stringify(AGENT);
  const server = http.createServer((req, res) => {
    if (options.record !== false) {
      seen.push({
        method: req.method ?? "",
        url: req.url ?? "",
        authorization: req.headers.authorization,
        version: req.headers.version as string | undefined,
      });
    }
    const url = req.url ?? "";
    let status = 404;
    let body = JSON.stringify({ statusCode: 404, message: "Agent not found" });
    if (req.method === "GET" && url === "/voice-ai/agents/a1?locationId=L1") {
      status = 200;
      body = agentBody;
    } else if (req.method === "GET" && url.startsWith("/voice-ai/agents/bench?")) {
      status = 200;
      body = agentBody;
    }
    // Drain any request body before answering, so that keep-alive connections stay reusable.
    req.resume();
    req.on("end", () => {
      res.writeHead(status, {
        "content-type": "application/json",
        "content-length": Buffer.byteLength(body),
      });
      res.end(body);
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    baseUrl: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * `npm pack`s this repository into `dir` and installs the tarball there, in a fresh project, as a
 * user would (no lock file, no install scripts). Throws with npm's output when either fails.
 */
export async function installPackedPackage(dir: string): Promise<{ tarball: string; ms: number }> {
  const packed = await run("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", dir]);
  if (packed.code !== 0)
    throw new Error(`npm pack exited with ${packed.code}\n${withoutNpmNoise(packed.stderr)}`);
  const [info] = JSON.parse(packed.stdout) as { filename: string }[];
  if (!info) throw new Error("npm pack printed no package");
  const tarball = path.join(dir, info.filename);
  await writeFile(
    path.join(dir, "package.json"),
    JSON.stringify({ name: "consumer", private: true }, null, 2),
  );
  // The redis entry's client libraries are optional peers: the consumer installs the one it uses
  // (the examples of the README and guides/ use ioredis), at the version this repository tests with.
  const { devDependencies } = JSON.parse(await readFile(path.join(root, "package.json"), "utf8")) as {
    devDependencies: Record<string, string>;
  };
  const installed = await run(
    "npm",
    [
      "install",
      tarball,
      `ioredis@${devDependencies.ioredis}`,
      "--no-audit",
      "--no-fund",
      "--no-package-lock",
      "--ignore-scripts",
      "--prefer-offline",
    ],
    { cwd: dir, timeoutMs: 240_000 },
  );
  if (installed.code !== 0) {
    throw new Error(
      `npm install exited with ${installed.code}\n${withoutNpmNoise(installed.stdout)}\n${withoutNpmNoise(installed.stderr)}`,
    );
  }
  return { tarball, ms: installed.ms };
}
