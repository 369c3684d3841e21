/**
 * `npm run bench:burst`: how the client's rate limiter and retries cope with a burst. Not a test: it
 * prints tables and exits 0 unless it had to abort.
 *
 * A node:http server on 127.0.0.1 (a separate process by default, so that its clock and event loop
 * are not the client's, like a real server; `--in-process` runs it in this one) enforces a burst
 * limit like HighLevel's, scaled down: `--max` requests (default 20) per `--interval-ms` (default
 * 500) per location, answering beyond it with 429. Every response carries HighLevel's headers
 * (X-RateLimit-Max, -Remaining, -Interval-Milliseconds, -Limit-Daily, -Daily-Remaining); a 429
 * carries Retry-After (whole seconds, RFC 9110) only in the "-ra" runs. Only requests that were
 * served count against the window. Each request is GET /voice-ai/agents/{n}?locationId=LOC with n
 * its number, and the server records which n it served with a 2xx, and how often: an n never
 * served is lost, one served twice is duplicated.
 *
 * Window: HighLevel documents "100 requests per 10 seconds" and sends no Reset header, which fits
 * a fixed window (a counter that expires) as well as a sliding one; we do not know which it uses.
 * The headline run uses the stricter sliding window (no span of intervalMs ever holds more than
 * max served requests), which a fixed window also accepts: a client that passes it passes both.
 *
 * Runs (`--runs`, comma-separated, "all" or "none"): each sends `--requests` (1000) calls at once
 * (Promise.all) through createVoiceAIClient({ baseUrl, token: "bench", locationId: "LOC" }):
 *   configured        the client knows the server's limits (rateLimit: { maxPerInterval, intervalMs }); headline
 *   configured-ra     the same, the server sending Retry-After
 *   configured-fixed  the same against a fixed window
 *   learn, learn-ra   the client starts with HighLevel's defaults (100 per 10 s) and must learn the
 *                     real window from the headers
 *   off, off-ra       rateLimit: false: retries only (maxRetries 2), for contrast
 * Default: configured,learn,off,off-ra (about 70 s with the per-request part; `--runs all` needs
 * `--timeout-s 240`: a set of runs that cannot finish in time is refused before it starts).
 * Before the runs, 5 x max requests through a client without limiter (server not limiting) load
 * fetch and open max keep-alive connections, so that the first run is not the only cold one;
 * `--no-warmup` skips that. The theoretical minimum of a run is
 * (ceil(requests / max) - 1) * intervalMs: the first max requests go at once, and each further batch
 * of max no earlier than one interval after the previous one, so the last batch leaves
 * (batches - 1) intervals after the first (its round trip, ~1 ms here, is not counted).
 *
 * Then the per-request cost of the client against raw fetch on the same server, not limiting
 * (its headers then announce a quota that is never reached): raw fetch, the client with
 * rateLimit: false, and with the default limiter given a huge quota. Sequential and 16 in flight,
 * `--cost-rounds` rounds (12) of `--cost-per-round` requests (250) per variant, the variants
 * interleaved (rotating order) round by round; each figure is the median over rounds.
 *
 * The whole script is bounded by `--timeout-s` (120): on expiry every call is aborted, what was
 * measured is printed, the server stopped, and the exit code is 2.
 *
 * Flags (env in parentheses): --max (BURST_MAX), --interval-ms (BURST_INTERVAL_MS), --requests
 * (BURST_REQUESTS), --runs (BURST_RUNS), --timeout-s (BURST_TIMEOUT_S), --cost-rounds,
 * --cost-per-round, --concurrency, --no-cost, --no-warmup, --in-process.
 *
 * Each run's table also shows where the time went, from the server's arrival stamps (epoch ms in
 * both processes): how early each 429 arrived, the gap between the transport's fetch call and the
 * server's arrival (skew: client queueing, connection setup), the round trip, and how far each
 * batch started beyond the previous one + interval.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { setMaxListeners } from "node:events";
import http from "node:http";
import os from "node:os";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { createVoiceAIClient, type RateLimitInfo } from "../src/index.js";

const DEFAULT_RUNS = "configured,learn,off,off-ra";

const { values } = parseArgs({
  options: {
    serve: { type: "boolean", default: false },
    "in-process": { type: "boolean", default: false },
    max: { type: "string", default: process.env.BURST_MAX ?? "20" },
    "interval-ms": { type: "string", default: process.env.BURST_INTERVAL_MS ?? "500" },
    requests: { type: "string", default: process.env.BURST_REQUESTS ?? "1000" },
    runs: { type: "string", default: process.env.BURST_RUNS ?? DEFAULT_RUNS },
    "timeout-s": { type: "string", default: process.env.BURST_TIMEOUT_S ?? "120" },
    cost: { type: "boolean", default: true },
    warmup: { type: "boolean", default: true },
    "cost-rounds": { type: "string", default: "12" },
    "cost-per-round": { type: "string", default: "250" },
    concurrency: { type: "string", default: "16" },
  },
  allowNegative: true,
});

function positiveInt(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer, got ${value}`);
  return n;
}

const MAX = positiveInt("max", values.max);
const INTERVAL_MS = positiveInt("interval-ms", values["interval-ms"]);
const REQUESTS = positiveInt("requests", values.requests);
const TIMEOUT_MS = positiveInt("timeout-s", values["timeout-s"]) * 1000;
const COST_ROUNDS = positiveInt("cost-rounds", values["cost-rounds"]);
const COST_PER_ROUND = positiveInt("cost-per-round", values["cost-per-round"]);
const CONCURRENCY = positiveInt("concurrency", values.concurrency);
const TOKEN = "bench";
const LOCATION = "LOC";
const DAILY_LIMIT = 200_000;
const PREFIX = "/voice-ai/agents/";
/** Theoretical minimum of a limited run. */
const MIN_MS = (Math.ceil(REQUESTS / MAX) - 1) * INTERVAL_MS;

/** Epoch ms with sub-ms resolution: comparable between this process and the server's. */
const epochNow = () => performance.timeOrigin + performance.now();

// ---------------------------------------------------------------------------------------------
// The server
// ---------------------------------------------------------------------------------------------

type WindowKind = "sliding" | "fixed";
type RetryAfterKind = "none" | "seconds";

interface ServerConfig {
  /** false: never 429, headers announce a quota that is never reached. */
  limit: boolean;
  max: number;
  intervalMs: number;
  window: WindowKind;
  retryAfter: RetryAfterKind;
  /** Add X-Bench-Arrival (epoch ms the request arrived) and record arrivals: burst runs only. */
  stamp: boolean;
}

/** The server for warm-up and per-request cost: answers everything, announcing a quota it never enforces. */
const NOT_LIMITING: ServerConfig = {
  limit: false,
  max: MAX,
  intervalMs: INTERVAL_MS,
  window: "sliding",
  retryAfter: "none",
  stamp: false,
};

interface ServerStats {
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

interface BenchServer {
  port: number;
  configure(config: ServerConfig): Promise<void>;
  stats(): Promise<ServerStats>;
  stop(): Promise<void>;
}

const UNLIMITED = 1_000_000_000;

function startServer(): Promise<BenchServer> {
  let config: ServerConfig = {
    limit: false,
    max: MAX,
    intervalMs: INTERVAL_MS,
    window: "sliding",
    retryAfter: "none",
    stamp: false,
  };
  const fresh = () => ({
    /** Sliding window: arrival times (performance.now) of the served requests still inside it, per location. */
    log: new Map<string, number[]>(),
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
  });
  let state = fresh();

  const json = (
    res: http.ServerResponse,
    status: number,
    body: string,
    headers: http.OutgoingHttpHeaders,
  ) => {
    res.writeHead(status, {
      ...headers,
      "content-type": "application/json",
      "content-length": Buffer.byteLength(body),
    });
    res.end(body);
  };

  const server = http.createServer((req, res) => {
    const t = performance.now();
    const url = req.url ?? "";
    const q = url.indexOf("?");
    const path = q < 0 ? url : url.slice(0, q);
    if (req.method !== "GET" || !path.startsWith(PREFIX) || path.length === PREFIX.length) {
      json(res, 404, '{"statusCode":404,"message":"Not found"}', {});
      return;
    }
    if (req.headers.authorization !== `Bearer ${TOKEN}`) {
      json(res, 401, '{"statusCode":401,"message":"Invalid token"}', {});
      return;
    }
    const id = decodeURIComponent(path.slice(PREFIX.length));
    const location = new URLSearchParams(q < 0 ? "" : url.slice(q + 1)).get("locationId") ?? "";
    state.requests++;

    let allowed = true;
    let remaining = UNLIMITED - state.ok - 1;
    let waitMs = 0;
    if (config.limit) {
      const { max, intervalMs } = config;
      if (config.window === "sliding") {
        let log = state.log.get(location);
        if (!log) state.log.set(location, (log = []));
        // The window is (t - intervalMs, t]: a request exactly intervalMs after another may go.
        while (log.length && t - log[0]! >= intervalMs) log.shift();
        if (log.length >= max) {
          allowed = false;
          waitMs = log[log.length - max]! + intervalMs - t;
        } else log.push(t);
        remaining = max - log.length;
      } else {
        const window = Math.floor((t - state.origin) / intervalMs);
        let entry = state.fixed.get(location);
        if (!entry || entry.window !== window) state.fixed.set(location, (entry = { window, count: 0 }));
        if (entry.count >= max) {
          allowed = false;
          waitMs = state.origin + (window + 1) * intervalMs - t;
        } else entry.count++;
        remaining = max - entry.count;
      }
    }
    const used = (state.daily.get(location) ?? 0) + (allowed ? 1 : 0);
    state.daily.set(location, used);
    const headers: http.OutgoingHttpHeaders = {
      "X-RateLimit-Max": String(config.limit ? config.max : UNLIMITED),
      "X-RateLimit-Remaining": String(remaining),
      "X-RateLimit-Interval-Milliseconds": String(config.limit ? config.intervalMs : 10_000),
      "X-RateLimit-Limit-Daily": String(config.limit ? DAILY_LIMIT : UNLIMITED),
      "X-RateLimit-Daily-Remaining": String((config.limit ? DAILY_LIMIT : UNLIMITED) - used),
    };
    if (config.stamp) headers["X-Bench-Arrival"] = (performance.timeOrigin + t).toFixed(3);
    if (!allowed) {
      state.rejected++;
      state.early.push(waitMs);
      if (config.retryAfter === "seconds")
        headers["Retry-After"] = String(Math.max(1, Math.ceil(waitMs / 1000)));
      json(res, 429, '{"statusCode":429,"message":"Too Many Requests"}', headers);
      return;
    }
    state.ok++;
    state.served.set(id, (state.served.get(id) ?? 0) + 1);
    if (config.stamp) state.arrivals.push(performance.timeOrigin + t);
    json(
      res,
      200,
      JSON.stringify({ id, locationId: location, agentName: `Agent ${id}`, actions: [] }),
      headers,
    );
  });
  server.keepAliveTimeout = 60_000;

  return new Promise((resolve, reject) => {
    server.once("error", reject);
    // A deep backlog: the "off" runs open a connection per request, all at once.
    server.listen({ port: 0, host: "127.0.0.1", backlog: 4096 }, () => {
      const address = server.address();
      resolve({
        port: typeof address === "object" && address ? address.port : 0,
        configure: async (next) => {
          config = next;
          state = fresh();
        },
        stats: async () => ({
          requests: state.requests,
          ok: state.ok,
          rejected: state.rejected,
          served: [...state.served],
          early: state.early,
          arrivals: state.arrivals,
        }),
        stop: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}

type ConfigureRpc = { id: number; op: "configure"; config: ServerConfig };
type OtherRpc = { id: number; op: "stats" | "stop" };
type Rpc = ConfigureRpc | OtherRpc;

/** `--serve`: the server process. It exits when the parent disconnects (or dies). */
async function serveChild() {
  const server = await startServer();
  process.on("disconnect", () => process.exit(0));
  process.on("message", async (message: Rpc) => {
    let result: unknown;
    if (message.op === "configure") result = await server.configure(message.config);
    else if (message.op === "stats") result = await server.stats();
    else result = await server.stop();
    process.send!({ id: message.id, result: result ?? null });
    if (message.op === "stop") process.exit(0);
  });
  process.send!({ id: 0, result: server.port });
}

/** Starts the server in a child process and talks to it over IPC. */
async function startServerProcess(): Promise<BenchServer> {
  const script = fileURLToPath(import.meta.url);
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", script, "--serve"], {
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
  /** Sends `message` (unless it is the start, id 0: the child announces its port unasked). */
  const rpc = <T>(id: number, message?: Omit<ConfigureRpc, "id"> | Omit<OtherRpc, "id">) =>
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
      await Promise.race([rpc(++seq, { op: "stop" }).catch(() => {}), delay(3000)]);
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await Promise.race([exited, delay(3000)]);
    },
  };
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------------
// Burst runs
// ---------------------------------------------------------------------------------------------

type ClientMode = "configured" | "learn" | "off";

interface RunSpec {
  name: string;
  client: ClientMode;
  window: WindowKind;
  retryAfter: RetryAfterKind;
}

const RUN_SPECS: RunSpec[] = [
  { name: "configured", client: "configured", window: "sliding", retryAfter: "none" },
  { name: "configured-ra", client: "configured", window: "sliding", retryAfter: "seconds" },
  { name: "configured-fixed", client: "configured", window: "fixed", retryAfter: "none" },
  { name: "learn", client: "learn", window: "sliding", retryAfter: "none" },
  { name: "learn-ra", client: "learn", window: "sliding", retryAfter: "seconds" },
  { name: "off", client: "off", window: "sliding", retryAfter: "none" },
  { name: "off-ra", client: "off", window: "sliding", retryAfter: "seconds" },
];
const HEADLINE = "configured";

interface RunResult {
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
  retries: number;
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

async function burstRun(spec: RunSpec, server: BenchServer, signal: AbortSignal): Promise<RunResult> {
  await server.configure({
    limit: true,
    max: MAX,
    intervalMs: INTERVAL_MS,
    window: spec.window,
    retryAfter: spec.retryAfter,
    stamp: true,
  });
  const baseUrl = `http://127.0.0.1:${server.port}`;
  const skew: number[] = [];
  const skewFirstBatch: number[] = [];
  const roundTrips: number[] = [];
  const retryDelays: number[] = [];
  let client429 = 0;
  let late429 = 0;
  let firstHeadersAt: number | undefined;
  let fetchCalls = 0;
  const client = createVoiceAIClient({
    baseUrl,
    token: TOKEN,
    locationId: LOCATION,
    ...(spec.client === "configured" && { rateLimit: { maxPerInterval: MAX, intervalMs: INTERVAL_MS } }),
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
        if (nth < MAX) skewFirstBatch.push(arrival - sent);
      }
      return response;
    },
    onRetry: (event) => retryDelays.push(event.delayMs),
    onResponse: (event) => {
      const t = performance.now();
      if (event.rateLimit && firstHeadersAt === undefined) firstHeadersAt = t;
      if (event.status === 429) {
        client429++;
        if (firstHeadersAt !== undefined && t - firstHeadersAt > INTERVAL_MS) late429++;
      }
    },
  });

  const surfaced = new Map<string, number>();
  let mismatched = 0;
  const startEpoch = epochNow();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: REQUESTS }, (_, n) =>
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
  const served = new Map(stats.served);
  let lost = 0;
  let duplicated = 0;
  for (let n = 0; n < REQUESTS; n++) {
    const times = served.get(String(n)) ?? 0;
    if (times === 0) lost++;
    else if (times > 1) duplicated++;
  }
  return {
    spec,
    totalMs,
    startEpoch,
    endEpoch,
    server: stats,
    client429,
    late429,
    surfaced,
    lost,
    duplicated,
    mismatched,
    retries: retryDelays.length,
    retryDelays,
    skew,
    skewFirstBatch,
    roundTrips,
    firstHeadersMs: firstHeadersAt === undefined ? undefined : firstHeadersAt - started,
    learned: client.rateLimit(),
    aborted: signal.aborted,
  };
}

/**
 * Loads fetch (undici is loaded on first use: tens of ms), compiles the hot paths and opens `MAX`
 * keep-alive connections, so that the first run does not pay for what later ones get for free.
 * `--no-warmup` shows that cost instead.
 */
async function warmUp(server: BenchServer) {
  await server.configure(NOT_LIMITING);
  const client = createVoiceAIClient({
    baseUrl: `http://127.0.0.1:${server.port}`,
    token: TOKEN,
    locationId: LOCATION,
    rateLimit: false,
  });
  for (let round = 0; round < 5; round++) {
    await Promise.all(Array.from({ length: MAX }, () => client.agents.get({ agentId: "warm-up" })));
  }
}

function quantile(xs: readonly number[], q: number): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.round(q * (s.length - 1))))]!;
}

const median = (xs: readonly number[]) => quantile(xs, 0.5);
const ms = (x: number, digits = 1) => (Number.isFinite(x) ? `${x.toFixed(digits)} ms` : "-");
const spread = (xs: readonly number[]) =>
  xs.length
    ? `min ${ms(quantile(xs, 0))}, median ${ms(median(xs))}, p99 ${ms(quantile(xs, 0.99))}, max ${ms(quantile(xs, 1))}`
    : "-";

function printRun(r: RunResult) {
  const { spec } = r;
  const ratio = r.totalMs / MIN_MS;
  const surfacedTotal = [...r.surfaced.values()].reduce((a, b) => a + b, 0);
  const limiter =
    spec.client === "configured"
      ? `rateLimit: { maxPerInterval: ${MAX}, intervalMs: ${INTERVAL_MS} }`
      : spec.client === "learn"
        ? "default rateLimit (100 per 10 000 ms), learns from the headers"
        : "rateLimit: false";
  console.log(
    `\n== ${spec.name}${spec.name === HEADLINE ? " (headline)" : ""}: ${limiter}; server: ${spec.window} window, ` +
      `${spec.retryAfter === "seconds" ? "Retry-After in whole seconds" : "no Retry-After"} ==`,
  );
  const isHeadline = spec.name === HEADLINE;
  const goal = (ok: boolean, text: string) =>
    isHeadline ? `${text}: ${r.aborted ? "aborted" : ok ? "ok" : "MISSED"}` : "";
  const rows: string[][] = [["measure", "value", "goal"]];
  rows.push(["total time", ms(r.totalMs, 0), ""]);
  rows.push(["theoretical minimum", ms(MIN_MS, 0), `(ceil(${REQUESTS}/${MAX}) - 1) x ${INTERVAL_MS} ms`]);
  rows.push(["ratio", `${ratio.toFixed(3)}x`, goal(ratio <= 1.05, "<= 1.05")]);
  rows.push([
    "429s sent by the server",
    `${r.server.rejected} (client saw ${r.client429}; ${r.late429} later than 1 interval after the first headers)`,
    "",
  ]);
  rows.push([
    "errors surfaced to the caller",
    surfacedTotal
      ? `${surfacedTotal} (${[...r.surfaced].map(([name, count]) => `${count} ${name}`).join(", ")})`
      : "0",
    goal(surfacedTotal === 0, "0"),
  ]);
  rows.push(["requests lost (never served OK)", String(r.lost), goal(r.lost === 0, "0")]);
  rows.push(["requests duplicated (served OK twice+)", String(r.duplicated), goal(r.duplicated === 0, "0")]);
  if (r.mismatched) rows.push(["responses for the wrong id", String(r.mismatched), ""]);
  rows.push(["retries (onRetry)", r.retries ? `${r.retries} (delay ${spread(r.retryDelays)})` : "0", ""]);
  rows.push(["server requests / served", `${r.server.requests} / ${r.server.ok}`, ""]);
  if (r.server.early.length) rows.push(["429s: how early they arrived", spread(r.server.early), ""]);
  rows.push(["skew: server arrival - fetch call", spread(r.skew), ""]);
  rows.push(["  ... first batch only", spread(r.skewFirstBatch), ""]);
  rows.push(["round trip: fetch call -> response", spread(r.roundTrips), ""]);
  // Where the time went, on the server's clock (epoch ms, comparable between the two processes).
  const a = r.server.arrivals;
  if (a.length && spec.client !== "off" && !r.aborted) {
    const first = a[0]!;
    const last = a[a.length - 1]!;
    rows.push(["time: start -> first served arrival", ms(first - r.startEpoch), ""]);
    rows.push([
      "time: first -> last served arrival",
      `${ms(last - first)} (minimum + ${ms(last - first - MIN_MS)})`,
      "",
    ]);
    rows.push(["time: last served arrival -> all resolved", ms(r.endEpoch - last), ""]);
    const slack: number[] = [];
    for (let k = 1; k * MAX < a.length; k++) slack.push(a[k * MAX]! - a[(k - 1) * MAX]! - INTERVAL_MS);
    rows.push(["batch start beyond previous + interval", spread(slack), ""]);
  }
  if (spec.client === "learn") {
    const l = r.learned;
    rows.push([
      "learned from the headers",
      l
        ? `max ${l.max} per ${l.intervalMs} ms, daily ${l.limitDaily} (first headers after ${ms(r.firstHeadersMs ?? NaN)})`
        : "nothing",
      "",
    ]);
  }
  if (r.aborted) rows.push(["ABORTED", "the hard timeout fired during this run", ""]);
  table(rows);
}

function printSummary(results: RunResult[]) {
  console.log(`\n== summary: ${REQUESTS} requests, server limit ${MAX} per ${INTERVAL_MS} ms ==`);
  const rows: string[][] = [["run", "total", "ratio", "429s", "surfaced", "lost", "dup", "retries"]];
  for (const r of results) {
    rows.push([
      r.spec.name,
      ms(r.totalMs, 0),
      `${(r.totalMs / MIN_MS).toFixed(3)}x`,
      String(r.server.rejected),
      String([...r.surfaced.values()].reduce((x, y) => x + y, 0)),
      String(r.lost),
      String(r.duplicated),
      String(r.retries),
    ]);
  }
  table(rows);
}

// ---------------------------------------------------------------------------------------------
// Per-request cost
// ---------------------------------------------------------------------------------------------

type Call = () => Promise<unknown>;
const COST_VARIANTS = [
  "raw fetch",
  "client, rateLimit: false",
  "client, default limiter, huge quota",
] as const;
type CostVariant = (typeof COST_VARIANTS)[number];

async function timeBatch(call: Call, count: number, concurrency: number): Promise<number> {
  const started = performance.now();
  if (concurrency === 1) {
    for (let i = 0; i < count; i++) await call();
  } else {
    let left = count;
    const worker = async () => {
      while (left-- > 0) await call();
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
  }
  return ((performance.now() - started) * 1000) / count;
}

async function costBench(server: BenchServer, signal: AbortSignal) {
  await server.configure(NOT_LIMITING);
  const baseUrl = `http://127.0.0.1:${server.port}`;
  const url = `${baseUrl}${PREFIX}bench?locationId=${LOCATION}`;
  const headers = { Authorization: `Bearer ${TOKEN}`, Version: "2021-04-15", Accept: "application/json" };
  const off = createVoiceAIClient({ baseUrl, token: TOKEN, locationId: LOCATION, rateLimit: false });
  const limited = createVoiceAIClient({
    baseUrl,
    token: TOKEN,
    locationId: LOCATION,
    rateLimit: { maxPerInterval: 1_000_000_000, maxPerDay: 1_000_000_000_000 },
  });
  const calls: Record<CostVariant, Call> = {
    "raw fetch": async () => {
      const response = await fetch(url, { headers });
      if (!response.ok) throw new Error(`status ${response.status}`);
      return response.json();
    },
    "client, rateLimit: false": () => off.agents.get({ agentId: "bench" }),
    "client, default limiter, huge quota": () => limited.agents.get({ agentId: "bench" }),
  };
  const results: { mode: string; variant: CostVariant; us: number[] }[] = [];
  for (const concurrency of [1, CONCURRENCY]) {
    const mode = concurrency === 1 ? "sequential" : `${concurrency} concurrent`;
    for (const v of COST_VARIANTS) await timeBatch(calls[v], 1000, concurrency); // warm-up: JIT, sockets
    const us = Object.fromEntries(COST_VARIANTS.map((v) => [v, [] as number[]])) as Record<
      CostVariant,
      number[]
    >;
    for (let round = 0; round < COST_ROUNDS && !signal.aborted; round++) {
      for (let i = 0; i < COST_VARIANTS.length; i++) {
        const v = COST_VARIANTS[(i + round) % COST_VARIANTS.length]!;
        us[v].push(await timeBatch(calls[v], COST_PER_ROUND, concurrency));
      }
    }
    for (const v of COST_VARIANTS) results.push({ mode, variant: v, us: us[v] });
  }
  console.log(
    `\n== per-request cost: server not limiting; median of ${COST_ROUNDS} rounds x ${COST_PER_ROUND} requests per variant, ` +
      `variants interleaved (${COST_ROUNDS * COST_PER_ROUND} per variant and mode, after 1000 warm-up) ==`,
  );
  const rows: string[][] = [
    ["mode", "variant", "µs/request", "range over rounds", "vs raw fetch", "overhead"],
  ];
  for (const r of results) {
    const base = median(results.find((x) => x.mode === r.mode && x.variant === "raw fetch")!.us);
    const m = median(r.us);
    rows.push([
      r.mode,
      r.variant,
      m.toFixed(1),
      `${quantile(r.us, 0).toFixed(1)} - ${quantile(r.us, 1).toFixed(1)}`,
      `${(m / base).toFixed(3)}x`,
      r.variant === "raw fetch" ? "" : `${(m - base).toFixed(1)} µs`,
    ]);
  }
  table(rows);
}

// ---------------------------------------------------------------------------------------------

function table(rows: string[][]) {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? "").length)));
  for (const [i, row] of rows.entries()) {
    console.log(
      row
        .map((cell, c) =>
          c === 0 || c === row.length - 1 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!),
        )
        .join("  ")
        .trimEnd(),
    );
    if (i === 0) console.log(widths.map((w) => "-".repeat(w)).join("  "));
  }
}

/** Time the per-request comparison needs at most (it takes 10 to 20 s). */
const COST_BUDGET_MS = 30_000;

const loadAverage = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(", ");

async function main() {
  const names =
    values.runs === "all"
      ? RUN_SPECS.map((s) => s.name)
      : values.runs === "none"
        ? []
        : values.runs.split(",").map((s) => s.trim());
  const specs = names.map((name) => {
    const spec = RUN_SPECS.find((s) => s.name === name);
    if (!spec)
      throw new Error(`unknown run "${name}"; known: ${RUN_SPECS.map((s) => s.name).join(", ")}, all`);
    return spec;
  });
  // Refuse to start what cannot finish in time, rather than abort it halfway. A limited run has
  // taken up to 1.35x its minimum (1.6x with Retry-After) with a limiter that timed its window
  // from the sends; about 1.05x since it is timed from the responses.
  const estimate =
    specs.reduce(
      (sum, s) => sum + (s.client === "off" ? 4000 : MIN_MS * (s.retryAfter === "none" ? 1.4 : 1.7)),
      0,
    ) +
    (values.cost ? COST_BUDGET_MS : 0) +
    5000;
  if (estimate > TIMEOUT_MS) {
    throw new Error(
      `these runs need about ${Math.ceil(estimate / 1000)} s, more than --timeout-s ${TIMEOUT_MS / 1000}: raise it or run fewer`,
    );
  }

  const hard = new AbortController();
  // Every call listens to this one signal (twice while queued in the limiter): without this, Node
  // warns (MaxListenersExceededWarning) past 10 listeners.
  setMaxListeners(4 * REQUESTS + 100, hard.signal);
  const hardTimer = setTimeout(
    () => hard.abort(new Error(`hard timeout: ${TIMEOUT_MS / 1000} s`)),
    TIMEOUT_MS,
  );
  // Should stopping hang after the hard timeout, leave anyway.
  const lastResort = setTimeout(() => {
    console.error("bench:burst: still running 15 s after the hard timeout; exiting");
    process.exit(3);
  }, TIMEOUT_MS + 15_000);
  lastResort.unref();

  console.log(
    `node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model.trim()}); server ` +
      `${values["in-process"] ? "in this process" : "in a child process"}; limit ${MAX} per ${INTERVAL_MS} ms ` +
      `per location; ${REQUESTS} requests per run, all started at once; hard timeout ${TIMEOUT_MS / 1000} s`,
  );
  console.log(
    `theoretical minimum = (ceil(${REQUESTS} / ${MAX}) - 1) x ${INTERVAL_MS} ms = ${MIN_MS} ms: ` +
      `batch 1 at t=0, batch k at (k-1) x interval at the earliest; the last batch's round trip is not counted`,
  );
  console.log(`load average before: ${loadAverage()}`);
  const started = performance.now();
  const server = values["in-process"] ? await startServer() : await startServerProcess();
  const results: RunResult[] = [];
  try {
    if (values.warmup) await warmUp(server);
    for (const spec of specs) {
      if (hard.signal.aborted) break;
      const result = await burstRun(spec, server, hard.signal);
      results.push(result);
      printRun(result);
    }
    if (results.length) printSummary(results);
    const left = TIMEOUT_MS - (performance.now() - started);
    if (values.cost && !hard.signal.aborted && left < COST_BUDGET_MS) {
      console.log(`\nper-request cost: skipped, ${Math.round(left / 1000)} s left before the hard timeout`);
    } else if (values.cost && !hard.signal.aborted) await costBench(server, hard.signal);
    console.log(`\nload average after: ${loadAverage()} (other processes on this machine skew the figures)`);
  } finally {
    clearTimeout(hardTimer);
    await server.stop();
  }
  if (hard.signal.aborted) {
    console.log(`\nABORTED by the hard timeout (${TIMEOUT_MS / 1000} s); the figures above are partial`);
    process.exitCode = 2;
  }
}

if (values.serve) {
  await serveChild();
} else {
  await main();
}
