/**
 * A local stand-in for HighLevel's burst limit, scaled down, for `npm run bench:burst` and the
 * per-request benchmarks: GET /voice-ai/agents/{n}?locationId=L answers 200 with the agent unless
 * the location's window already served `max` requests in `intervalMs` (sliding, like
 * test/support/window-server.ts, or fixed); then 429, with Retry-After in whole seconds when asked.
 * Every answer carries HighLevel's X-RateLimit-* headers (Max, Remaining, Interval-Milliseconds,
 * Limit-Daily, Daily-Remaining) unless `rateLimitHeaders` is false. Only served requests count
 * against a window. It records which ids it served and how often (an id never served is lost, one
 * served twice duplicated), how early each 429 came, and, when stamping, each served arrival.
 * Not limiting, it answers everything and its headers announce a quota that is never reached.
 */
import http from "node:http";
import { createSlidingWindows } from "../../test/support/sliding-window.js";

export const TOKEN = "bench";
export const PREFIX = "/voice-ai/agents/";
const DAILY_LIMIT = 200_000;
const UNLIMITED = 1_000_000_000;

export interface ServerConfig {
  /** false: never 429. */
  limit: boolean;
  max: number;
  intervalMs: number;
  window: "sliding" | "fixed";
  retryAfter: "none" | "seconds";
  /** Add X-Bench-Arrival (epoch ms the request arrived) and record arrivals: burst runs only. */
  stamp: boolean;
  /** Send the X-RateLimit-* headers (HighLevel always does); default true. */
  rateLimitHeaders?: boolean;
}

export interface ServerStats {
  requests: number;
  ok: number;
  rejected: number;
  /** [agentId, times served with a 2xx]. */
  served: [string, number][];
  /** For each 429: how many ms too early the request arrived. */
  early: number[];
  /** Epoch ms of each served request's arrival, in order (when stamping). */
  arrivals: number[];
}

/** The server, in this process or another (bench/support/server-process.ts): the same calls. */
export interface BenchServer {
  port: number;
  configure(config: ServerConfig): Promise<void>;
  stats(): Promise<ServerStats>;
  stop(): Promise<void>;
}

export const notLimiting = (max: number, intervalMs: number, rateLimitHeaders = true): ServerConfig => ({
  limit: false,
  max,
  intervalMs,
  window: "sliding",
  retryAfter: "none",
  stamp: false,
  rateLimitHeaders,
});

function freshState(config: ServerConfig) {
  return {
    sliding: createSlidingWindows(config.max, config.intervalMs),
    /** Fixed window: index of the current window and its count, per location; windows start at `origin`. */
    fixed: new Map<string, { window: number; count: number }>(),
    origin: performance.now(),
    daily: new Map<string, number>(),
    served: new Map<string, number>(),
    requests: 0,
    ok: 0,
    rejected: 0,
    early: [] as number[],
    arrivals: [] as number[],
  };
}

function send(res: http.ServerResponse, status: number, body: string, headers: http.OutgoingHttpHeaders) {
  res.writeHead(status, {
    ...headers,
    "content-type": "application/json",
    "content-length": Buffer.byteLength(body),
  });
  res.end(body);
}

export function startLimitServer(initial: ServerConfig): Promise<BenchServer> {
  let config = initial;
  let state = freshState(config);

  /** Whether the location's window takes a request arriving at `t`, and what is left of it. */
  const admit = (location: string, t: number) => {
    if (!config.limit) return { allowed: true, remaining: UNLIMITED - state.ok - 1, waitMs: 0 };
    if (config.window === "sliding") return state.sliding.take(location, t);
    const { max, intervalMs } = config;
    const window = Math.floor((t - state.origin) / intervalMs);
    let entry = state.fixed.get(location);
    if (!entry || entry.window !== window) state.fixed.set(location, (entry = { window, count: 0 }));
    const allowed = entry.count < max;
    if (allowed) entry.count++;
    const waitMs = allowed ? 0 : state.origin + (window + 1) * intervalMs - t;
    return { allowed, remaining: max - entry.count, waitMs };
  };

  const server = http.createServer((req, res) => {
    const t = performance.now();
    const url = req.url ?? "";
    const q = url.indexOf("?");
    const path = q < 0 ? url : url.slice(0, q);
    if (req.method !== "GET" || !path.startsWith(PREFIX) || path.length === PREFIX.length) {
      return send(res, 404, '{"statusCode":404,"message":"Not found"}', {});
    }
    if (req.headers.authorization !== `Bearer ${TOKEN}`) {
      return send(res, 401, '{"statusCode":401,"message":"Invalid token"}', {});
    }
    const id = decodeURIComponent(path.slice(PREFIX.length));
    const location = new URLSearchParams(q < 0 ? "" : url.slice(q + 1)).get("locationId") ?? "";
    state.requests++;
    const { allowed, remaining, waitMs } = admit(location, t);
    const used = (state.daily.get(location) ?? 0) + (allowed ? 1 : 0);
    state.daily.set(location, used);
    const daily = config.limit ? DAILY_LIMIT : UNLIMITED;
    const headers: http.OutgoingHttpHeaders =
      config.rateLimitHeaders === false
        ? {}
        : {
            "X-RateLimit-Max": String(config.limit ? config.max : UNLIMITED),
            "X-RateLimit-Remaining": String(remaining),
            "X-RateLimit-Interval-Milliseconds": String(config.limit ? config.intervalMs : 10_000),
            "X-RateLimit-Limit-Daily": String(daily),
            "X-RateLimit-Daily-Remaining": String(daily - used),
          };
    if (config.stamp) headers["X-Bench-Arrival"] = (performance.timeOrigin + t).toFixed(3);
    if (!allowed) {
      state.rejected++;
      state.early.push(waitMs);
      if (config.retryAfter === "seconds")
        headers["Retry-After"] = String(Math.max(1, Math.ceil(waitMs / 1000)));
      return send(res, 429, '{"statusCode":429,"message":"Too Many Requests"}', headers);
    }
    state.ok++;
    state.served.set(id, (state.served.get(id) ?? 0) + 1);
    if (config.stamp) state.arrivals.push(performance.timeOrigin + t);
    const agent = { id, locationId: location, agentName: `Agent ${id}`, actions: [] };
    send(res, 200, JSON.stringify(agent), headers);
  });
  server.keepAliveTimeout = 60_000;

  return new Promise((resolve, reject) => {
    server.once("error", reject);
    // A deep backlog: the "off" burst runs open a connection per request, all at once.
    server.listen({ port: 0, host: "127.0.0.1", backlog: 4096 }, () => {
      resolve({
        port: (server.address() as { port: number }).port,
        configure: async (next) => {
          config = next;
          state = freshState(config);
        },
        stats: async () => {
          const { requests, ok, rejected, early, arrivals } = state;
          return { requests, ok, rejected, served: [...state.served], early, arrivals };
        },
        stop: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
