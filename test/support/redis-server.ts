/**
 * A real redis-server for the tests: started on a free 127.0.0.1 port without persistence, in its
 * own temp dir, and stopped by the test (also when it fails). When the binary is missing it is
 * installed with apt-get where that is possible (root); otherwise set-up stops with one line
 * saying what to install. Never a skip.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

const INSTALL_HINT =
  "redis-server is missing: install it (Debian/Ubuntu: apt-get install -y redis-server) and run npm test again";

function findBinary(): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter).concat("/usr/bin", "/usr/sbin")) {
    const candidate = path.join(dir, "redis-server");
    if (dir && existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** The redis-server binary, installed with apt-get first if missing and possible. */
export function ensureRedisServer(): string {
  const found = findBinary();
  if (found) return found;
  if (process.getuid?.() === 0 && existsSync("/usr/bin/apt-get")) {
    const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
    execFileSync("apt-get", ["update"], { stdio: "ignore", env, timeout: 300_000 });
    execFileSync("apt-get", ["install", "-y", "--no-install-recommends", "redis-server"], {
      stdio: "ignore",
      env,
      timeout: 300_000,
    });
    const installed = findBinary();
    if (installed) return installed;
  }
  throw new Error(INSTALL_HINT);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** True once `port` answers PING with PONG. */
function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once("error", () => done(false));
    socket.once("connect", () => socket.write("PING\r\n"));
    socket.once("data", (data) => done(data.toString().startsWith("+PONG")));
  });
}

export interface RedisServer {
  port: number;
  url: string;
  /** Kills the server at once (SIGKILL), as a crash would. */
  kill(): Promise<void>;
  /** Starts it again on the same port, empty. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export async function startRedisServer(): Promise<RedisServer> {
  const binary = ensureRedisServer();
  const dir = mkdtempSync(path.join(os.tmpdir(), "voice-ai-redis-"));
  let port = await freePort();
  let child: ChildProcess | undefined;

  async function launch(): Promise<void> {
    const args = ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"];
    args.push("--dir", dir, "--daemonize", "no", "--loglevel", "warning");
    const proc = spawn(binary, args, { stdio: "ignore" });
    child = proc;
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      if (proc.exitCode !== null) break;
      if (await ping(port)) return;
      await new Promise((r) => setTimeout(r, 25));
    }
    proc.kill("SIGKILL");
    throw new Error(`redis-server did not start on 127.0.0.1:${port}`);
  }

  async function kill() {
    const proc = child;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise((r) => proc.once("exit", r));
    proc.kill("SIGKILL");
    await exited;
  }

  try {
    await launch();
  } catch {
    // The port was taken between the probe and the start: one more try on another.
    port = await freePort();
    await launch();
  }
  return {
    get port() {
      return port;
    },
    get url() {
      return `redis://127.0.0.1:${port}`;
    },
    kill,
    restart: launch,
    async stop() {
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
