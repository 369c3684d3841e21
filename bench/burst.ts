/**
 * `npm run bench:burst`: how the client's rate limiter and retries cope with a burst. Not a test: it
 * prints tables and exits 0 unless it had to abort.
 *
 * A local server (bench/support/limit-server.ts; in a child process by default, so that its clock
 * and event loop are not the client's, like a real server; `--in-process` runs it in this one)
 * enforces a burst limit like HighLevel's, scaled down: `--max` requests (default 20) per
 * `--interval-ms` (default 500) per location, answering beyond it with 429, with HighLevel's
 * X-RateLimit-* headers on every response and Retry-After (whole seconds) only in the "-ra" runs.
 * Each request is GET /voice-ai/agents/{n}?locationId=LOC with n its number: the server records
 * which n it served with a 2xx, and how often (never: lost; twice: duplicated).
 *
 * Window: HighLevel documents "100 requests per 10 seconds" and sends no Reset header, which fits
 * a fixed window as well as a sliding one. The headline run uses the stricter sliding window (no
 * span of intervalMs ever holds more than max served requests), which a fixed window also
 * accepts: a client that passes it passes both.
 *
 * Runs (`--runs`, comma-separated, "all" or "none"; bench/burst/run.ts): each sends `--requests`
 * (1000) calls at once (Promise.all) through createVoiceAIClient({ baseUrl, token, locationId }):
 *   configured        the client knows the server's limits (rateLimit: { maxPerInterval, intervalMs }); headline
 *   configured-ra     the same, the server sending Retry-After
 *   configured-fixed  the same against a fixed window
 *   learn, learn-ra   the client starts with HighLevel's defaults (100 per 10 s) and must learn the
 *                     real window from the headers
 *   off, off-ra       rateLimit: false: retries only (maxRetries 2), for contrast
 * Default: configured,learn,off,off-ra (about 70 s with the per-request part; `--runs all` needs
 * `--timeout-s 240`: a set of runs that cannot finish in time is refused before it starts).
 * Before the runs, 5 x max requests through a client without limiter (server not limiting) load
 * fetch and open max keep-alive connections; `--no-warmup` skips that. The theoretical minimum of
 * a run is (ceil(requests / max) - 1) * intervalMs: the first max requests go at once, and each
 * further batch of max no earlier than one interval after the previous one. Each run's table also
 * shows where the time went, from the server's arrival stamps (bench/burst/report.ts).
 *
 * Then the per-request cost of the client (src/, through tsx) against raw fetch on the same server,
 * not limiting: raw fetch, the client with rateLimit: false, and with the default limiter given a
 * huge quota; sequential and `--concurrency` (16) in flight, `--cost-rounds` rounds (12) of
 * `--cost-per-round` requests (250) per variant (bench/support/per-request.ts, the measurement
 * `npm run bench:package` makes of the built package).
 *
 * The whole script is bounded by `--timeout-s` (120): on expiry every call is aborted, what was
 * measured is printed, the server stopped, and the exit code is 2.
 *
 * Flags (env in parentheses): --max (BURST_MAX), --interval-ms (BURST_INTERVAL_MS), --requests
 * (BURST_REQUESTS), --runs (BURST_RUNS), --timeout-s (BURST_TIMEOUT_S), --cost-rounds,
 * --cost-per-round, --concurrency, --no-cost, --no-warmup, --in-process.
 */
import { setMaxListeners } from "node:events";
import { parseArgs } from "node:util";
import { minimumMs, printCost, printRun, printSummary } from "./burst/report.js";
import { burstRun, RUN_SPECS, warmUp, type BurstSettings, type RunResult } from "./burst/run.js";
import { namesFrom, positiveInt } from "./support/flags.js";
import { notLimiting, startLimitServer } from "./support/limit-server.js";
import { measurePerRequest } from "./support/per-request.js";
import { startServerProcess } from "./support/server-process.js";
import { loadAverage, machine } from "./support/table.js";

const { values } = parseArgs({
  options: {
    "in-process": { type: "boolean", default: false },
    max: { type: "string", default: process.env.BURST_MAX ?? "20" },
    "interval-ms": { type: "string", default: process.env.BURST_INTERVAL_MS ?? "500" },
    requests: { type: "string", default: process.env.BURST_REQUESTS ?? "1000" },
    runs: { type: "string", default: process.env.BURST_RUNS ?? "configured,learn,off,off-ra" },
    "timeout-s": { type: "string", default: process.env.BURST_TIMEOUT_S ?? "120" },
    cost: { type: "boolean", default: true },
    warmup: { type: "boolean", default: true },
    "cost-rounds": { type: "string", default: "12" },
    "cost-per-round": { type: "string", default: "250" },
    concurrency: { type: "string", default: "16" },
  },
  allowNegative: true,
});

const settings: BurstSettings = {
  max: positiveInt("max", values.max),
  intervalMs: positiveInt("interval-ms", values["interval-ms"]),
  requests: positiveInt("requests", values.requests),
};
const TIMEOUT_MS = positiveInt("timeout-s", values["timeout-s"]) * 1000;
const COST_ROUNDS = positiveInt("cost-rounds", values["cost-rounds"]);
const COST_PER_ROUND = positiveInt("cost-per-round", values["cost-per-round"]);
const CONCURRENCY = positiveInt("concurrency", values.concurrency);
/** Time the per-request comparison needs at most (it takes 10 to 20 s). */
const COST_BUDGET_MS = 30_000;
const MIN_MS = minimumMs(settings);

async function main() {
  const names = namesFrom(
    "runs",
    values.runs,
    RUN_SPECS.map((s) => s.name),
  );
  const specs = names.map((name) => RUN_SPECS.find((s) => s.name === name)!);
  // Refuse to start what cannot finish in time, rather than abort it halfway. A limited run has
  // taken up to 1.35x its minimum (1.6x with Retry-After) with a limiter that timed its window
  // from the sends; about 1.05x since it is timed from the responses.
  const estimate =
    specs.reduce(
      (t, s) => t + (s.client === "off" ? 4000 : MIN_MS * (s.retryAfter === "none" ? 1.4 : 1.7)),
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
  setMaxListeners(4 * settings.requests + 100, hard.signal);
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

  const { max, intervalMs, requests } = settings;
  console.log(
    `${machine()}; server ${values["in-process"] ? "in this process" : "in a child process"}; limit ${max} per ` +
      `${intervalMs} ms per location; ${requests} requests per run, all started at once; hard timeout ${TIMEOUT_MS / 1000} s`,
  );
  console.log(
    `theoretical minimum = (ceil(${requests} / ${max}) - 1) x ${intervalMs} ms = ${MIN_MS} ms: ` +
      `batch 1 at t=0, batch k at (k-1) x interval at the earliest; the last batch's round trip is not counted`,
  );
  console.log(`load average before: ${loadAverage()}`);
  const started = performance.now();
  const initial = notLimiting(max, intervalMs);
  const server = values["in-process"] ? await startLimitServer(initial) : await startServerProcess(initial);
  const results: RunResult[] = [];
  try {
    if (values.warmup) await warmUp(settings, server);
    for (const spec of specs) {
      if (hard.signal.aborted) break;
      const result = await burstRun(spec, settings, server, hard.signal);
      results.push(result);
      printRun(result, settings);
    }
    if (results.length) printSummary(results, settings);
    const left = TIMEOUT_MS - (performance.now() - started);
    if (values.cost && !hard.signal.aborted && left < COST_BUDGET_MS) {
      console.log(`\nper-request cost: skipped, ${Math.round(left / 1000)} s left before the hard timeout`);
    } else if (values.cost && !hard.signal.aborted) {
      await server.configure(initial);
      const cost = await measurePerRequest({
        port: server.port,
        variants: ["fetch", "client", "client-limiter"],
        ...{ rounds: COST_ROUNDS, perRound: COST_PER_ROUND, concurrency: [1, CONCURRENCY] },
        source: "src",
        signal: hard.signal,
      });
      printCost(cost, COST_ROUNDS, COST_PER_ROUND);
    }
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

await main();
