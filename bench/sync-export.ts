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
 *          file by a process of its own: peak RSS (target <= 150 MB), time, order and gaps.
 */
import { mkdtemp, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createVoiceAIClient } from "../src/index.js";
import { exportCallLogs } from "../src/sync/index.js";
import { lazyId } from "./support/lazy-call-logs.js";
import { runProcess, seconds, startFakeProcess, tally } from "./support/processes.js";

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const only = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY) : undefined;
const locations = Array.from({ length: 50 }, (_, i) => `LOC${String(i + 1).padStart(2, "0")}`);

async function exportRun(name: string, max: number, intervalMs: number, prefetch: number) {
  // Logs made as they are read: the fake's own list route sorts and journals every request, and
  // its time per page would be what is measured.
  const lazy = { perLocation: 400, start: Date.now() - 400_000 - 60_000, stepMs: 1000 };
  const fake = await startFakeProcess({ locations, callLogs: 0, rateLimit: { max, intervalMs }, lazy });
  try {
    const expected = locations.flatMap((l) => Array.from({ length: 400 }, (_, i) => lazyId(l, i)));
    /** Each request's time on the wire (sent to body read): what the client's windows wait for. */
    const wire: number[] = [];
    const client = createVoiceAIClient({
      baseUrl: fake.url,
      token: ({ locationId }) => fake.tokens[locationId!]!,
      rateLimit: { maxPerInterval: max, intervalMs },
      fetch: async (request) => {
        const sent = performance.now();
        const answer = await fetch(request);
        const body = await answer.arrayBuffer();
        wire.push(performance.now() - sent);
        return new Response(body, { status: answer.status, headers: answer.headers });
      },
    });
    // One request's round trip, unloaded: the part of the minimum the limits do not set.
    const rtt = performance.now();
    const probe = { sortBy: "createdAt", sort: "ascend", startDate: 0, endDate: Date.now() } as const;
    await client.callLogs.list({ locationId: "LOC01", pageSize: 50, ...probe });
    const roundTrip = performance.now() - rtt;
    await new Promise((resolve) => setTimeout(resolve, intervalMs)); // its window passes
    const ids: string[] = [];
    wire.length = 0;
    const started = performance.now();
    const stream = exportCallLogs(client, { locations, concurrency: 50, pageSize: 50, prefetch });
    for await (const log of stream) ids.push(log.id);
    const ms = performance.now() - started;
    const statuses = await fake.ask<Record<string, number>>("stats");
    const pages = Math.ceil(400 / 50);
    const minimum = Math.floor((pages - 1) / max) * intervalMs;
    const counts = tally(ids, expected);
    console.log(
      `${name.padEnd(34)} ${seconds(ms).padStart(8)}  min ${seconds(minimum)} (+1 RTT ${seconds(minimum + roundTrip)})` +
        `  ratio ${(ms / minimum || 0).toFixed(3)} / ${(ms / (minimum + roundTrip)).toFixed(3)}` +
        `  calls ${counts.total}  duplicates ${counts.duplicates}  missing ${counts.missing}` +
        `  requests ${stream.progress.requests}  statuses ${JSON.stringify(statuses)}` +
        `  rate-limit wait ${seconds(stream.progress.rateLimitWaitMs / stream.progress.requests)}/request` +
        `  response time median ${seconds(median(wire))}, max ${seconds(Math.max(...wire))}`,
    );
  } finally {
    await fake.close();
  }
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
    const result = await runProcess<Record<string, number>>(
      "./export-process.ts",
      { EXPORT_CONFIG: JSON.stringify({ url: fake.url, tokens: fake.tokens, out, concurrency: 20 }) },
      900_000,
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
  await exportRun(`limits bind: 2 per ${interval} ms`, 2, interval, 2);
  await exportRun("HighLevel 1:100 (100 per 100 ms)", 100, 100, 8);
}
if (!only || only.test("memory")) await memoryRun();
