/**
 * What one request costs through the client against raw fetch (and bare openapi-fetch), on a
 * local server that answers at once: the one implementation `npm run bench:package` (the built
 * package, bare node) and `npm run bench:burst` (src/, through tsx) share. The measuring runs in a
 * child process (per-request-worker.mjs); the server is another (bench/support/server-process.ts).
 * Sequential and N in flight; the variants alternate batch by batch (rotating order) after 1000
 * warm-up requests each; a figure is the median over rounds of the µs per request of a batch.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { median } from "./stats.js";

export type Variant = "fetch" | "openapi-fetch" | "openapi-fetch-timeout" | "client" | "client-limiter";

export interface PerRequestOptions {
  port: number;
  variants: readonly Variant[];
  rounds: number;
  perRound: number;
  /** In-flight counts to measure, e.g. [1, 16]. */
  concurrency: readonly number[];
  /** "dist": the built package by self-reference, bare node; "src": src/index.ts through tsx. */
  source: "dist" | "src";
  /** Stops the measuring (what was measured is kept). */
  signal?: AbortSignal;
  /** Run under `node --cpu-prof` into this directory, one variant ("profile" mode). */
  profile?: { variant: Variant; dir: string };
}

/** Per mode ("sequential", "16 concurrent"), per variant: µs per request of each batch. */
export type PerRequestResults = Map<string, Map<Variant, number[]>>;

export const WORKER = fileURLToPath(new URL("./per-request-worker.mjs", import.meta.url));
const SRC_ENTRY = fileURLToPath(new URL("../../src/index.ts", import.meta.url));

export function measurePerRequest(options: PerRequestOptions): Promise<PerRequestResults> {
  const { source, profile, signal } = options;
  const config = {
    mode: profile ? "profile" : "bench",
    module: source === "dist" ? "highlevel-voice-ai" : SRC_ENTRY,
    port: options.port,
    variants: options.variants,
    rounds: options.rounds,
    perRound: options.perRound,
    concurrency: options.concurrency,
    profile: profile?.variant,
  };
  const args = [
    ...(source === "src" ? ["--import", "tsx"] : []),
    ...(profile ? ["--cpu-prof", `--cpu-prof-dir=${profile.dir}`] : []),
    WORKER,
    JSON.stringify(config),
  ];
  const results: PerRequestResults = new Map();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
    const stop = () => child.kill();
    signal?.addEventListener("abort", stop, { once: true });
    let pending = "";
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      const lines = (pending + chunk).split("\n");
      pending = lines.pop()!;
      for (const line of lines) {
        const { mode, variant, us } = JSON.parse(line) as { mode: string; variant: Variant; us: number };
        if (!results.has(mode)) results.set(mode, new Map());
        const perVariant = results.get(mode)!;
        perVariant.set(variant, [...(perVariant.get(variant) ?? []), us]);
      }
    });
    child.once("error", reject);
    child.once("close", (code) => {
      signal?.removeEventListener("abort", stop);
      if (code === 0 || signal?.aborted) resolve(results);
      else reject(new Error(`the per-request worker exited with ${code}:\n${stderr}`));
    });
  });
}

/** The median µs per request of each variant, per mode. */
export function mediansOf(results: PerRequestResults): Map<string, Map<Variant, number>> {
  return new Map(
    [...results].map(([mode, perVariant]) => [
      mode,
      new Map([...perVariant].map(([variant, us]) => [variant, median(us)])),
    ]),
  );
}
