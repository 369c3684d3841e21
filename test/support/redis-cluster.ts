/**
 * A real local Redis Cluster for tests: three masters (`redis-server --cluster-enabled yes`) on
 * free 127.0.0.1 ports, joined by `redis-cli --cluster create`, stopped (and their files removed)
 * by stop(), which the test calls also when it fails.
 */
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { ensureRedisServer } from "./redis-server.js";

const run = promisify(execFile);

export interface RedisCluster {
  ports: number[];
  stop(): Promise<void>;
}

function listenable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

/** A free port whose cluster bus port (port + 10000) is free too. */
async function freeClusterPort(taken: number[]): Promise<number> {
  for (let tries = 0; tries < 200; tries++) {
    const port = 20_000 + Math.floor(Math.random() * 30_000);
    if (taken.includes(port)) continue;
    if ((await listenable(port)) && (await listenable(port + 10_000))) return port;
  }
  throw new Error("no free port pair for a cluster node");
}

async function cli(port: number, ...args: string[]): Promise<string> {
  const { stdout } = await run("redis-cli", ["-h", "127.0.0.1", "-p", String(port), ...args], {
    timeout: 30_000,
  });
  return stdout;
}

async function until(what: string, check: () => Promise<boolean>, ms = 20_000) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`redis cluster: ${what} within ${ms} ms`);
}

export async function startRedisCluster(): Promise<RedisCluster> {
  const binary = ensureRedisServer();
  const cliBinary = path.join(path.dirname(binary), "redis-cli");
  if (!existsSync(cliBinary) && !existsSync("/usr/bin/redis-cli")) throw new Error("redis-cli is missing");
  const dir = mkdtempSync(path.join(os.tmpdir(), "voice-ai-redis-cluster-"));
  const children: ChildProcess[] = [];
  const ports: number[] = [];
  const stop = async () => {
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            child.once("exit", () => resolve());
            child.kill("SIGKILL");
          }),
      ),
    );
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (let i = 0; i < 3; i++) {
      const port = await freeClusterPort(ports);
      ports.push(port);
      const nodeDir = path.join(dir, String(port));
      rmSync(nodeDir, { recursive: true, force: true });
      await run("mkdir", ["-p", nodeDir]);
      const args = ["--port", String(port), "--bind", "127.0.0.1", "--cluster-enabled", "yes"];
      args.push("--cluster-config-file", "nodes.conf", "--dir", nodeDir, "--save", "", "--appendonly", "no");
      args.push("--daemonize", "no", "--loglevel", "warning");
      children.push(spawn(binary, args, { stdio: "ignore" }));
    }
    for (const port of ports)
      await until(`node ${port} answering`, async () => (await cli(port, "PING")).includes("PONG"));
    await run(
      "redis-cli",
      [
        "--cluster",
        "create",
        ...ports.map((p) => `127.0.0.1:${p}`),
        "--cluster-replicas",
        "0",
        "--cluster-yes",
      ],
      { timeout: 60_000 },
    );
    for (const port of ports) {
      await until(`node ${port} in a healthy cluster`, async () =>
        (await cli(port, "CLUSTER", "INFO")).includes("cluster_state:ok"),
      );
    }
    return { ports, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
