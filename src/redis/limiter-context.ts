/** What the Redis limiter is built from: the store's context and the limits a client asks for. */
import type { ScriptRunner } from "./script-runner.js";

export interface Logger {
  warn(...args: unknown[]): void;
}

export interface RedisLimiterOptions {
  maxPerInterval?: number | undefined;
  intervalMs?: number | undefined;
  maxPerDay?: number | undefined;
  /** Requests in flight per location in this process. */
  maxConcurrency?: number | undefined;
  maxDailyWaitMs?: number | undefined;
  logger?: Logger | undefined;
}

export interface LimiterContext {
  runner: ScriptRunner;
  prefix: string;
  onStoreError: "fallback" | "fail";
  horizonMs: number;
  probeMs: number;
  logger: Logger;
}
