/** Connected clients of both libraries for in-process tests; each closed by `close()`. */
import { Redis } from "ioredis";
import { createClient } from "redis";
import type { RedisClientLike } from "../../src/redis/index.js";

export type Lib = "ioredis" | "redis";
export const LIBS: Lib[] = ["ioredis", "redis"];

export interface TestClient {
  client: RedisClientLike;
  /** The same client when it is ioredis, for raw commands in assertions. */
  ioredis?: Redis;
  close(): Promise<void>;
}

export async function connect(lib: Lib, port: number): Promise<TestClient> {
  if (lib === "ioredis") {
    const client = new Redis({ port, host: "127.0.0.1", retryStrategy: (n) => Math.min(n * 50, 200) });
    client.on("error", () => {});
    return { client, ioredis: client, close: async () => client.disconnect() };
  }
  const client = createClient({
    url: `redis://127.0.0.1:${port}`,
    socket: { reconnectStrategy: (n) => Math.min(n * 50, 200) },
  });
  client.on("error", () => {});
  await client.connect();
  return { client, close: async () => void client.destroy() };
}

/** An ioredis client for a port where no Redis listens: every command waits, then fails. */
export function deadClient(): TestClient {
  const client = new Redis({ port: 1, host: "127.0.0.1", retryStrategy: () => 1000, lazyConnect: false });
  client.on("error", () => {});
  return { client, close: async () => client.disconnect() };
}
