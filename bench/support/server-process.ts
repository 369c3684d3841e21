/**
 * The limit server (bench/support/limit-server.ts) in a child process, so that its clock and event
 * loop are not those of the client being measured, like a real server's. The parent talks to it
 * over IPC with the same calls as in-process; the child exits when the parent disconnects or dies.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { BenchServer, ServerConfig, ServerStats } from "./limit-server.js";
import { sleep } from "./stats.js";

export type Rpc =
  { id: number; op: "configure"; config: ServerConfig } | { id: number; op: "stats" | "stop" };
type Message = Rpc extends infer R ? (R extends Rpc ? Omit<R, "id"> : never) : never;

const CHILD = fileURLToPath(new URL("./limit-server-child.ts", import.meta.url));

/** Starts the server in a child process (`node --import tsx`) configured with `initial`. */
export async function startServerProcess(initial: ServerConfig): Promise<BenchServer> {
  const child = spawn(process.execPath, ["--import", "tsx", CHILD, JSON.stringify(initial)], {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let seq = 0;
  const failAll = (error: Error) => {
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };
  child.on("message", (message: { id: number; result: unknown }) => {
    pending.get(message.id)?.resolve(message.result);
    pending.delete(message.id);
  });
  child.once("exit", (code, signal) => failAll(new Error(`server process exited (${code ?? signal})`)));
  /** Sends `message`, or, without one (id 0), waits for the port the child announces unasked. */
  const rpc = <T>(id: number, message?: Message) =>
    new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      if (message) child.send({ ...message, id });
    });
  const startTimer = setTimeout(() => failAll(new Error("server process did not start in 20 s")), 20_000);
  let port: number;
  try {
    port = await rpc<number>(0);
  } catch (error) {
    if (child.exitCode === null) child.kill("SIGKILL");
    throw error;
  } finally {
    clearTimeout(startTimer);
  }
  return {
    port,
    configure: (config) => rpc<void>(++seq, { op: "configure", config }),
    stats: () => rpc<ServerStats>(++seq, { op: "stats" }),
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((done) => child.once("exit", () => done()));
      await Promise.race([rpc(++seq, { op: "stop" }).catch(() => {}), sleep(3000)]);
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await Promise.race([exited, sleep(3000)]);
    },
  };
}
