/**
 * One burst run of `npm run bench:burst`: `requests` calls started at once through one client
 * against the limit server, and what happened to each, from both sides (see bench/burst.ts).
 */
import { createVoiceAIClient, type RateLimitInfo } from "../../src/index.js";
import {
  notLimiting,
  TOKEN,
  type BenchServer,
  type ServerConfig,
  type ServerStats,
} from "../support/limit-server.js";
import { epochNow, lostAndDuplicated } from "../support/stats.js";

export const LOCATION = "LOC";

export interface BurstSettings {
  max: number;
  intervalMs: number;
  requests: number;
}

export interface RunSpec {
  name: string;
  /** configured: the client knows the limits; learn: it learns them from the headers; off: rateLimit false. */
  client: "configured" | "learn" | "off";
  window: ServerConfig["window"];
  retryAfter: ServerConfig["retryAfter"];
}

export const RUN_SPECS: readonly RunSpec[] = [
  { name: "configured", client: "configured", window: "sliding", retryAfter: "none" },
  { name: "configured-ra", client: "configured", window: "sliding", retryAfter: "seconds" },
  { name: "configured-fixed", client: "configured", window: "fixed", retryAfter: "none" },
  { name: "learn", client: "learn", window: "sliding", retryAfter: "none" },
  { name: "learn-ra", client: "learn", window: "sliding", retryAfter: "seconds" },
  { name: "off", client: "off", window: "sliding", retryAfter: "none" },
  { name: "off-ra", client: "off", window: "sliding", retryAfter: "seconds" },
];
export const HEADLINE = "configured";

export interface RunResult {
  spec: RunSpec;
  totalMs: number;
  startEpoch: number;
  endEpoch: number;
  server: ServerStats;
  client429: number;
  /** Client-side 429s received more than one interval after the first rate-limit headers. */
  late429: number;
  surfaced: Map<string, number>;
  lost: number;
  duplicated: number;
  mismatched: number;
  retryDelays: number[];
  /** Server arrival minus client fetch call (epoch ms), per attempt; and for the first attempts of batch 1. */
  skew: number[];
  skewFirstBatch: number[];
  /** Fetch call to response headers, per attempt. */
  roundTrips: number[];
  firstHeadersMs: number | undefined;
  learned: RateLimitInfo | undefined;
  aborted: boolean;
}

export async function burstRun(
  spec: RunSpec,
  settings: BurstSettings,
  server: BenchServer,
  signal: AbortSignal,
): Promise<RunResult> {
  const { max, intervalMs, requests } = settings;
  await server.configure({
    limit: true,
    max,
    intervalMs,
    window: spec.window,
    retryAfter: spec.retryAfter,
    stamp: true,
  });
  const skew: number[] = [];
  const skewFirstBatch: number[] = [];
  const roundTrips: number[] = [];
  const retryDelays: number[] = [];
  let client429 = 0;
  let late429 = 0;
  let firstHeadersAt: number | undefined;
  let fetchCalls = 0;
  const client = createVoiceAIClient({
    baseUrl: `http://127.0.0.1:${server.port}`,
    token: TOKEN,
    locationId: LOCATION,
    ...(spec.client === "configured" && { rateLimit: { maxPerInterval: max, intervalMs } }),
    ...(spec.client === "off" && { rateLimit: false as const }),
    // Timestamps the moment the transport hands the request to fetch, to compare with the server's arrival.
    fetch: async (request) => {
      const nth = fetchCalls++;
      const sent = epochNow();
      const response = await fetch(request);
      roundTrips.push(epochNow() - sent);
      const arrival = Number(response.headers.get("x-bench-arrival"));
      if (arrival > 0) {
        skew.push(arrival - sent);
        if (nth < max) skewFirstBatch.push(arrival - sent);
      }
      return response;
    },
    onRetry: (event) => retryDelays.push(event.delayMs),
    onResponse: (event) => {
      const t = performance.now();
      if (event.rateLimit && firstHeadersAt === undefined) firstHeadersAt = t;
      if (event.status === 429) {
        client429++;
        if (firstHeadersAt !== undefined && t - firstHeadersAt > intervalMs) late429++;
      }
    },
  });

  const surfaced = new Map<string, number>();
  let mismatched = 0;
  const startEpoch = epochNow();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: requests }, (_, n) =>
      client.agents.get({ agentId: String(n) }, { signal }).then(
        (agent) => {
          if (agent.id !== String(n)) mismatched++;
        },
        (error: unknown) => {
          const name = error instanceof Error ? error.name : typeof error;
          surfaced.set(name, (surfaced.get(name) ?? 0) + 1);
        },
      ),
    ),
  );
  const totalMs = performance.now() - started;
  const endEpoch = epochNow();
  const stats = await server.stats();
  const { lost, duplicated } = lostAndDuplicated(
    new Map(stats.served),
    Array.from({ length: requests }, (_, n) => String(n)),
  );
  const firstHeadersMs = firstHeadersAt === undefined ? undefined : firstHeadersAt - started;
  return {
    ...{ spec, totalMs, startEpoch, endEpoch, server: stats, client429, late429, surfaced },
    ...{ lost, duplicated, mismatched, retryDelays, skew, skewFirstBatch, roundTrips, firstHeadersMs },
    learned: client.rateLimit(),
    aborted: signal.aborted,
  };
}

/**
 * Loads fetch (undici is loaded on first use: tens of ms), compiles the hot paths and opens `max`
 * keep-alive connections, so that the first run does not pay for what later ones get for free.
 */
export async function warmUp(settings: BurstSettings, server: BenchServer) {
  await server.configure(notLimiting(settings.max, settings.intervalMs));
  const client = createVoiceAIClient({
    baseUrl: `http://127.0.0.1:${server.port}`,
    token: TOKEN,
    locationId: LOCATION,
    rateLimit: false,
  });
  for (let round = 0; round < 5; round++) {
    await Promise.all(Array.from({ length: settings.max }, () => client.agents.get({ agentId: "warm-up" })));
  }
}
