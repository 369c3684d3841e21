/**
 * `npm run bench:sync-export`: exportCallLogs against the fake (its own process). Not a test: it
 * prints figures. BENCH_ONLY=<regex> runs only the matching parts ("export", "memory").
 *
 * export   50 locations x 400 calls (made as they are read: the fake's tokens and rate limits, without
 *          its per-request sorting and journal), pages of 50 (8 requests a location), all at once,
 *          under rate limits scaled so that they bind: 2 requests per BENCH_INTERVAL_MS (default
 *          5000) per location. The fastest the limits allow: the 8th request of a location goes in
 *          its 4th window, 3 intervals after the first; the export's time over that, and over that
 *          plus one request's round trip; duplicates and missing calls; the requests' response times
 *          (the client's limiter counts a window from a request's response, so each of the 3 steps
 *          also waits for the slowest response of the step before). Then HighLevel's 100 per 10 s
 *          scaled 1:100 in time (100 per 100 ms: it does not bind; the time is the machine's).
 * memory   1,000,000 calls (20 locations x 50,000, made as they are read) exported to an NDJSON
 *          file by a process of its own, with exportCallLogs' defaults (BENCH_EXPORT_OPTIONS: JSON
 *          of other options): peak RSS (target <= 150 MB), time, order and gaps. It runs the built
 *          package (dist/) under plain node when dist/ is newer than src/ (`npm run build`), else
 *          the sources through tsx, whose loader adds ~40 MB; it says which.
 */
import { mkdtemp, readdir, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createVoiceAIClient } from "../src/index.js";
import { exportCallLogs } from "../src/sync/index.js";
import { lazyId } from "./support/lazy-call-logs.js";
import { runProcess, seconds, startFakeProcess, tally } from "./support/processes.js";

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const only = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY) : undefined;
const locations = Array.from({ length: 50 }, (_, i) => `LOC${String(i + 1).padStart(2, "0")}`);

interface ExportRun {
  name: string;
  max: number;
  intervalMs: number;
  prefetch?: number;
  locations?: string[];
  perLocation?: number;
}

/** A request as the client's fetch saw it: sent, and its body read (performance.now()). */
interface Sent {
  locationId: string;
  page: number;
  sent: number;
  answered: number;
}

async function exportRun({ name, max, intervalMs, prefetch, ...given }: ExportRun) {
  const { locations: ids = locations, perLocation = 400 } = given;
  // Logs made as they are read: the fake's own list route sorts and journals every request, and
  // its time per page would be what is measured.
  const lazy = { perLocation, start: Date.now() - perLocation * 1000 - 60_000, stepMs: 1000 };
  const fake = await startFakeProcess({ locations: ids, callLogs: 0, rateLimit: { max, intervalMs }, lazy });
  try {
    const expected = ids.flatMap((l) => Array.from({ length: perLocation }, (_, i) => lazyId(l, i)));
    /** Each request, sent to body read: what the client's windows wait for. */
    const sent: Sent[] = [];
    const client = createVoiceAIClient({
      baseUrl: fake.url,
      token: ({ locationId }) => fake.tokens[locationId!]!,
      rateLimit: { maxPerInterval: max, intervalMs },
      fetch: async (request) => {
        const query = new URL(request.url).searchParams;
        const row = {
          locationId: query.get("locationId")!,
          page: Number(query.get("page")),
          sent: performance.now(),
          answered: 0,
        };
        const answer = await fetch(request);
        const body = await answer.arrayBuffer();
        row.answered = performance.now();
        sent.push(row);
        return new Response(body, { status: answer.status, headers: answer.headers });
      },
    });
    // One request's round trip, unloaded: the part of the minimum the limits do not set.
    const rtt = performance.now();
    const probe = { sortBy: "createdAt", sort: "ascend", startDate: 0, endDate: Date.now() } as const;
    await client.callLogs.list({ locationId: "LOC01", pageSize: 50, ...probe });
    const roundTrip = performance.now() - rtt;
    await new Promise((resolve) => setTimeout(resolve, intervalMs)); // its window passes
    const got: string[] = [];
    sent.length = 0;
    const started = performance.now();
    const stream = exportCallLogs(client, {
      locations: ids,
      concurrency: ids.length,
      pageSize: 50,
      prefetch,
    });
    for await (const log of stream) got.push(log.id);
    const ms = performance.now() - started;
    const statuses = await fake.ask<Record<string, number>>("stats");
    const pages = Math.ceil(perLocation / 50);
    // The limits' floor: the last page's request can go floor((pages - 1) / max) windows after the first.
    const minimum = Math.floor((pages - 1) / max) * intervalMs;
    const counts = tally(got, expected);
    const wire = sent.map((r) => r.answered - r.sent);
    console.log(
      `${name.padEnd(34)} ${seconds(ms).padStart(8)}  min ${seconds(minimum)} (+1 RTT ${seconds(minimum + roundTrip)})` +
        (minimum
          ? `  ratio ${(ms / minimum).toFixed(3)} / ${(ms / (minimum + roundTrip)).toFixed(3)}`
          : "  (the limits do not bind)") +
        `  calls ${counts.total}  duplicates ${counts.duplicates}  missing ${counts.missing}` +
        `  requests ${stream.progress.requests}  statuses ${JSON.stringify(statuses)}` +
        `  rate-limit wait ${seconds(stream.progress.rateLimitWaitMs / stream.progress.requests)}/request` +
        `  response time median ${seconds(median(wire))}, max ${seconds(Math.max(...wire))}`,
    );
    console.log(`  ${timeline(sent, max, intervalMs, started, ms)}`);
  } finally {
    await fake.close();
  }
}

/** The built package when dist/ is newer than every source file, else the sources (through tsx). */
async function exporterModules() {
  const root = new URL("../", import.meta.url);
  const built = await stat(new URL("dist/sync.mjs", root)).catch(() => undefined);
  const sources = await readdir(new URL("src/", root), { recursive: true });
  const times = await Promise.all(sources.map(async (f) => (await stat(new URL(`src/${f}`, root))).mtimeMs));
  if (built && built.mtimeMs > Math.max(...times)) {
    return {
      built: true,
      core: new URL("dist/index.mjs", root).href,
      sync: new URL("dist/sync.mjs", root).href,
    };
  }
  return {
    built: false,
    core: new URL("src/index.ts", root).href,
    sync: new URL("src/sync/index.ts", root).href,
  };
}

/**
 * Where the time over the limits' floor went, per location: the first page's round trip (pages
 * are read ahead only once it says how many there are), the round trips the windows wait for (the
 * client stamps a send at its response: the server counted it on arrival, somewhere before), the
 * client's own delay from a slot's opening (the body read + the interval) to the send, and the
 * last answer's time after the last send.
 */
function timeline(sent: Sent[], max: number, intervalMs: number, started: number, total: number) {
  const byLocation = new Map<string, Sent[]>();
  for (const r of sent) byLocation.set(r.locationId, [...(byLocation.get(r.locationId) ?? []), r]);
  const first: number[] = [];
  const stepWaits: number[] = [];
  const late: number[] = [];
  const tail: number[] = [];
  for (const rows of byLocation.values()) {
    rows.sort((a, b) => a.sent - b.sent);
    first.push(rows[1] ? rows[1].sent - rows[0]!.sent : 0);
    for (let k = max; k < rows.length; k++) {
      late.push(rows[k]!.sent - (rows[k - max]!.answered + intervalMs));
      stepWaits.push(rows[k - max]!.answered - rows[k - max]!.sent);
    }
    tail.push(total - (rows.at(-1)!.sent - started));
  }
  const ms = (value: number) => `${Math.round(value)} ms`;
  const f = (values: number[]) => `median ${ms(median(values))}, max ${ms(Math.max(0, ...values))}`;
  return (
    `first page's answer to the next send: ${f(first)}; round trips the windows waited for: ${f(stepWaits)};` +
    ` send after its slot opened (client delay): ${f(late)}; end after the last send: ${f(tail)}`
  );
}

async function memoryRun() {
  const perLocation = 50_000;
  const lazyLocations = locations.slice(0, 20);
  const start = Date.now() - perLocation * 1000 - 60_000;
  const fake = await startFakeProcess({
    locations: lazyLocations,
    callLogs: 0,
    rateLimit: false,
    lazy: { perLocation, start, stepMs: 1000 },
  });
  const dir = await mkdtemp(path.join(os.tmpdir(), "voice-ai-export-"));
  try {
    const out = path.join(dir, "calls.ndjson");
    const { built, ...modules } = await exporterModules();
    const options = JSON.parse(process.env.BENCH_EXPORT_OPTIONS ?? "{}") as object;
    const config = { url: fake.url, tokens: fake.tokens, out, modules, options };
    const result = await runProcess<Record<string, number>>(
      "./export-process.mjs",
      { EXPORT_CONFIG: JSON.stringify(config) },
      900_000,
      built,
    );
    console.log(
      `  ${built ? "the built package (dist/), plain node" : "the sources through tsx (dist/ missing or older than src/)"}` +
        `, options ${JSON.stringify(options)}`,
    );
    const size = (await stat(out)).size;
    const missing = lazyLocations.length * perLocation - result.count!;
    console.log(
      `1,000,000 calls to NDJSON             ${seconds(result.ms!)}  calls ${result.count}  missing ${missing}` +
        `  out of order or repeated ${result.outOfOrder}  requests ${result.requests}  failures ${result.failures}` +
        `  file ${(size / 1e9).toFixed(2)} GB  RSS before the export ${result.startRssMB} MB,` +
        ` peak ${result.peakRssMB} MB (sampled), ${result.maxRssMB} MB (maxRSS)`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
    await fake.close();
  }
}

console.log(`node ${process.version}, ${os.cpus().length} CPUs`);
if (!only || only.test("export")) {
  const interval = Number(process.env.BENCH_INTERVAL_MS ?? 5000);
  await exportRun({ name: `limits bind: 2 per ${interval} ms`, max: 2, intervalMs: interval, prefetch: 2 });
  // HighLevel's own shape (100 per window) bound by the limit: 201 pages a location, 100 per
  // 5 s (time 1:2), so the last page goes 2 windows in; 3 locations, the machine far from busy.
  const shaped = { locations: locations.slice(0, 3), perLocation: 201 * 50 };
  await exportRun({ name: "HighLevel's 100 a window, 1:2 in time", max: 100, intervalMs: 5000, ...shaped });
  await exportRun({ name: "HighLevel 1:100 (100 per 100 ms)", max: 100, intervalMs: 100, prefetch: 8 });
}
if (!only || only.test("memory")) await memoryRun();
