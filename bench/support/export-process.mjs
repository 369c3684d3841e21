/**
 * The exporter of the memory benchmark, a process of its own so that its peak RSS is the
 * export's: every log of the lazy locations to an NDJSON file (waiting for the stream to drain:
 * back-pressure), checking on the way that each location's logs come in order, each once (the
 * lazy ids count up), and sampling the resident set size.
 */
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { createVoiceAIClient } from "../../src/index.js";
import { exportCallLogs } from "../../src/sync/index.js";

const config = JSON.parse(process.env.EXPORT_CONFIG!) as {
  url: string;
  tokens: Record<string, string>;
  out: string;
  concurrency: number;
};
const client = createVoiceAIClient({
  baseUrl: config.url,
  token: ({ locationId }) => config.tokens[locationId!]!,
  rateLimit: false,
});
const startRss = process.memoryUsage().rss;
let peakRss = startRss;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 200);
const file = createWriteStream(config.out);
const next = new Map<string, number>();
let count = 0;
let outOfOrder = 0;
const started = performance.now();
const stream = exportCallLogs(client, {
  locations: Object.keys(config.tokens),
  concurrency: config.concurrency,
});
for await (const log of stream) {
  const i = Number(log.id.slice(log.id.lastIndexOf("-") + 1));
  if (i !== (next.get(log.locationId) ?? 0)) outOfOrder++;
  next.set(log.locationId, i + 1);
  count++;
  if (!file.write(`${JSON.stringify(log)}\n`)) await once(file, "drain");
}
file.end();
await once(file, "finish");
clearInterval(sampler);
console.log(
  JSON.stringify({
    count,
    outOfOrder,
    ms: performance.now() - started,
    startRssMB: Math.round(startRss / 1e6),
    peakRssMB: Math.round(Math.max(peakRss, process.memoryUsage().rss) / 1e6),
    maxRssMB: Math.round((process.resourceUsage().maxRSS * 1024) / 1e6),
    requests: stream.progress.requests,
    failures: stream.progress.failures.length,
  }),
);
