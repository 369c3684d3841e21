/** The tables `npm run bench:burst` prints: one per run, the summary, and the per-request cost. */
import type { PerRequestResults, Variant } from "../support/per-request.js";
import { median, ms, quantile, spread, sum, windowSteps } from "../support/stats.js";
import { printTable } from "../support/table.js";
import { HEADLINE, type BurstSettings, type RunResult } from "./run.js";

/** Theoretical minimum of a limited run: the first `max` go at once, each next batch one interval later. */
export const minimumMs = ({ requests, max, intervalMs }: BurstSettings) =>
  (Math.ceil(requests / max) - 1) * intervalMs;

export function printRun(r: RunResult, settings: BurstSettings) {
  const { spec } = r;
  const { max, intervalMs, requests } = settings;
  const minMs = minimumMs(settings);
  const ratio = r.totalMs / minMs;
  const surfacedTotal = sum(r.surfaced.values());
  const limiter =
    spec.client === "configured"
      ? `rateLimit: { maxPerInterval: ${max}, intervalMs: ${intervalMs} }`
      : spec.client === "learn"
        ? "default rateLimit (100 per 10 000 ms), learns from the headers"
        : "rateLimit: false";
  console.log(
    `\n== ${spec.name}${spec.name === HEADLINE ? " (headline)" : ""}: ${limiter}; server: ${spec.window} window, ` +
      `${spec.retryAfter === "seconds" ? "Retry-After in whole seconds" : "no Retry-After"} ==`,
  );
  const goal = (ok: boolean, text: string) =>
    spec.name === HEADLINE ? `${text}: ${r.aborted ? "aborted" : ok ? "ok" : "MISSED"}` : "";
  const retries = r.retryDelays.length;
  const rows: string[][] = [
    ["measure", "value", "goal"],
    ["total time", ms(r.totalMs, 0), ""],
    ["theoretical minimum", ms(minMs, 0), `(ceil(${requests}/${max}) - 1) x ${intervalMs} ms`],
    ["ratio", `${ratio.toFixed(3)}x`, goal(ratio <= 1.05, "<= 1.05")],
    [
      "429s sent by the server",
      `${r.server.rejected} (client saw ${r.client429}; ${r.late429} later than 1 interval after the first headers)`,
      "",
    ],
    [
      "errors surfaced to the caller",
      surfacedTotal
        ? `${surfacedTotal} (${[...r.surfaced].map(([name, count]) => `${count} ${name}`).join(", ")})`
        : "0",
      goal(surfacedTotal === 0, "0"),
    ],
    ["requests lost (never served OK)", String(r.lost), goal(r.lost === 0, "0")],
    ["requests duplicated (served OK twice+)", String(r.duplicated), goal(r.duplicated === 0, "0")],
  ];
  if (r.mismatched) rows.push(["responses for the wrong id", String(r.mismatched), ""]);
  rows.push(["retries (onRetry)", retries ? `${retries} (delay ${spread(r.retryDelays)})` : "0", ""]);
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
      `${ms(last - first)} (minimum + ${ms(last - first - minMs)})`,
      "",
    ]);
    rows.push(["time: last served arrival -> all resolved", ms(r.endEpoch - last), ""]);
    rows.push(["batch start beyond previous + interval", spread(windowSteps(a, max, intervalMs)), ""]);
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
  printTable(rows);
}

export function printSummary(results: readonly RunResult[], settings: BurstSettings) {
  const minMs = minimumMs(settings);
  console.log(
    `\n== summary: ${settings.requests} requests, server limit ${settings.max} per ${settings.intervalMs} ms ==`,
  );
  const rows: string[][] = [["run", "total", "ratio", "429s", "surfaced", "lost", "dup", "retries"]];
  for (const r of results) {
    rows.push([
      r.spec.name,
      ms(r.totalMs, 0),
      `${(r.totalMs / minMs).toFixed(3)}x`,
      String(r.server.rejected),
      String(sum(r.surfaced.values())),
      String(r.lost),
      String(r.duplicated),
      String(r.retryDelays.length),
    ]);
  }
  printTable(rows);
}

export const COST_LABELS: Partial<Record<Variant, string>> = {
  fetch: "raw fetch",
  client: "client, rateLimit: false",
  "client-limiter": "client, default limiter, huge quota",
};

export function printCost(results: PerRequestResults, rounds: number, perRound: number) {
  console.log(
    `\n== per-request cost: server not limiting; median of ${rounds} rounds x ${perRound} requests per variant, ` +
      `variants interleaved (${rounds * perRound} per variant and mode, after 1000 warm-up) ==`,
  );
  const rows = [["mode", "variant", "µs/request", "range over rounds", "vs raw fetch", "overhead"]];
  for (const [mode, perVariant] of results) {
    const base = median(perVariant.get("fetch") ?? []);
    for (const [variant, us] of perVariant) {
      const m = median(us);
      rows.push([
        mode,
        COST_LABELS[variant] ?? variant,
        m.toFixed(1),
        `${quantile(us, 0).toFixed(1)} - ${quantile(us, 1).toFixed(1)}`,
        `${(m / base).toFixed(3)}x`,
        variant === "fetch" ? "" : `${(m - base).toFixed(1)} µs`,
      ]);
    }
  }
  printTable(rows);
}
