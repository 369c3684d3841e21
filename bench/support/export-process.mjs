// @ts-check
/**
 * The exporter of the memory benchmark, a process of its own so that its peak RSS is the
 * export's. Plain JavaScript, so that it runs the built package (dist/) under plain node, as a
 * user's job would, or the sources through tsx (whose loader adds ~40 MB). It exports every log
 * of the lazy locations to an NDJSON file (waiting for the stream to drain: back-pressure), checking on the way that each location's logs come in order, each once (the
 * lazy ids count up), and sampling the resident set size.
 */
import { once } from "node:events";
import { createWriteStream } from "node:fs";

/**
 * `options`: exportCallLogs options besides the locations (none: its defaults).
 * @type {{ url: string, tokens: Record<string, string>, out: string, modules: { core: string, sync: string }, options: object }}
 */
const config = JSON.parse(process.env.EXPORT_CONFIG ?? "{}");
/** @type {typeof import("../../src/index.js")} */
const { createVoiceAIClient } = await import(config.modules.core);
/** @type {typeof import("../../src/sync/index.js")} */
const { exportCallLogs } = await import(config.modules.sync);
const client = createVoiceAIClient({
  baseUrl: config.url,
  token: ({ locationId }) => config.tokens[locationId ?? ""] ?? "",
  rateLimit: false,
});
const startRss = process.memoryUsage().rss;
let peakRss = startRss;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 200);
const file = createWriteStream(config.out);
/** @type {Map<string, number>} */
const next = new Map();
let count = 0;
let outOfOrder = 0;
const started = performance.now();
const stream = exportCallLogs(client, { ...config.options, locations: Object.keys(config.tokens) });
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
