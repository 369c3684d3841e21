/**
 * A local stand-in for HighLevel's rate limits, shared by the multi-process tests and
 * `npm run bench:cluster`: GET /voice-ai/agents/{id}?locationId=L is served unless the location's
 * sliding window of `intervalMs` already holds `max` served requests; then 429 with X-RateLimit-*
 * headers (Remaining 0, so the client waits one interval). It records what it served, and when.
 * `force429` makes chosen ids answer 429 with Retry-After once. POST /oauth/token rotates a
 * refresh token and counts refreshes; a reused refresh token is refused (invalid_grant).
 */
import http from "node:http";
import { createSlidingWindows } from "./sliding-window.js";

export interface Arrival {
  at: number;
  id: string;
  location: string;
  status: number;
}

export interface WindowServer {
  url: string;
  max: number;
  intervalMs: number;
  arrivals: Arrival[];
  /** How often each id was served with a 200. */
  served: Map<string, number>;
  /** id -> Retry-After seconds, answered once. */
  force429: Map<string, number>;
  refreshes: number;
  invalidGrants: number;
  /** The refresh token the server accepts next. */
  refreshToken: string;
  /** Most served requests found in any span of intervalMs, per location. */
  busiestWindow(location: string): number;
  reset(): void;
  close(): Promise<void>;
}

export function startWindowServer(max: number, intervalMs: number): Promise<WindowServer> {
  const windows = createSlidingWindows(max, intervalMs);
  let generation = 0;
  const state: WindowServer = {
    url: "",
    max,
    intervalMs,
    arrivals: [],
    served: new Map(),
    force429: new Map(),
    refreshes: 0,
    invalidGrants: 0,
    refreshToken: "rt-0",
    busiestWindow(location) {
      const times = state.arrivals
        .filter((a) => a.location === location && a.status === 200)
        .map((a) => a.at);
      let best = 0;
      for (let i = 0, j = 0; i < times.length; i++) {
        while (times[i]! - times[j]! >= intervalMs) j++;
        best = Math.max(best, i - j + 1);
      }
      return best;
    },
    reset() {
      windows.clear();
      state.arrivals = [];
      state.served = new Map();
      state.force429.clear();
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };

  const send = (
    res: http.ServerResponse,
    status: number,
    body: unknown,
    headers: http.OutgoingHttpHeaders = {},
  ) => {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      ...headers,
      "content-type": "application/json",
      "content-length": Buffer.byteLength(text),
    });
    res.end(text);
  };

  const server = http.createServer((req, res) => {
    const at = performance.timeOrigin + performance.now();
    const url = new URL(req.url ?? "/", "http://x");
    if (req.method === "POST" && url.pathname === "/oauth/token") {
      let body = "";
      req.on("data", (chunk) => (body += chunk));
      req.on("end", () => {
        const sent = new URLSearchParams(body).get("refresh_token");
        if (sent !== state.refreshToken) {
          state.invalidGrants++;
          return send(res, 400, { error: "invalid_grant" });
        }
        state.refreshes++;
        generation++;
        state.refreshToken = `rt-${generation}`;
        // A slow token endpoint: the window in which other processes would refresh too.
        setTimeout(
          () => send(res, 200, { access_token: `at-${generation}`, refresh_token: state.refreshToken }),
          100,
        );
      });
      return;
    }
    const match = /^\/voice-ai\/agents\/([^/]+)$/.exec(url.pathname);
    if (req.method !== "GET" || !match) return send(res, 404, { message: "Not found" });
    const id = decodeURIComponent(match[1]!);
    const location = url.searchParams.get("locationId") ?? "";
    const forced = state.force429.get(id);
    const { allowed, remaining } = windows.take(location, performance.now(), forced !== undefined);
    const headers: http.OutgoingHttpHeaders = {
      "X-RateLimit-Max": String(max),
      "X-RateLimit-Remaining": String(remaining),
      "X-RateLimit-Interval-Milliseconds": String(intervalMs),
      "X-RateLimit-Limit-Daily": "200000",
      "X-RateLimit-Daily-Remaining": "150000",
    };
    const status = allowed ? 200 : 429;
    state.arrivals.push({ at, id, location, status });
    if (forced !== undefined) {
      state.force429.delete(id);
      return send(res, 429, { message: "Too Many Requests" }, { ...headers, "Retry-After": String(forced) });
    }
    if (!allowed) return send(res, 429, { message: "Too Many Requests" }, headers);
    state.served.set(id, (state.served.get(id) ?? 0) + 1);
    send(res, 200, { id, locationId: location, agentName: `Agent ${id}`, actions: [] }, headers);
  });
  server.keepAliveTimeout = 60_000;
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen({ port: 0, host: "127.0.0.1", backlog: 4096 }, () => {
      state.url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
      resolve(state);
    });
  });
}
