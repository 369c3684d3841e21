/**
 * `npm run bench:sync-incremental`: what a sync costs when little is new, and what Ctrl-C costs.
 * Against the fake in a process of its own. Not a test: it prints figures. BENCH_ONLY=<regex>
 * runs only the matching parts ("new", "ctrl-c").
 *
 * new      50 locations x 400 calls synced once; then 1,000 new calls (20 in each location, and
 *          again 200 in each of 5) and a sync: the list requests it used against the fewest that
 *          could tell (one a location, and a request per 50 new calls), the calls it handed over.
 * ctrl-c   a worker process (SIGINT stops its sync, as a command-line tool's Ctrl-C would) over a
 *          checkpoint directory, interrupted at a random moment in each of 20 runs, then run to the
 *          end: the union of what was handed over against the fake's calls, repeats, and how long
 *          each took to stop after the signal.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createVoiceAIClient } from "../src/index.js";
import { createFileCheckpointStore, syncCallLogs } from "../src/sync/index.js";
import { startSyncWorker } from "../test/support/sync-workers.js";
import { seconds, sleep, startFakeProcess, tally } from "./support/processes.js";

const only = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY) : undefined;
const locations = Array.from({ length: 50 }, (_, i) => `LOC${String(i + 1).padStart(2, "0")}`);
const dir = await mkdtemp(path.join(os.tmpdir(), "voice-ai-bench-sync-"));
const listed = (statuses: Record<string, number>) => Object.values(statuses).reduce((a, b) => a + b, 0);

async function newCalls() {
  const fake = await startFakeProcess({ locations, callLogs: 400, rateLimit: false });
  try {
    const client = createVoiceAIClient({
      baseUrl: fake.url,
      token: ({ locationId }) => fake.tokens[locationId!]!,
      rateLimit: false,
    });
    const checkpoints = createFileCheckpointStore(path.join(dir, "new"));
    const sync = async () => {
      const ids: string[] = [];
      for await (const log of syncCallLogs({ client, checkpoints, locations, settleMs: 0, concurrency: 50 }))
        ids.push(log.id);
      return ids;
    };
    const first = await sync();
    console.log(
      `first sync: ${first.length} calls, ${listed(await fake.ask("stats"))} requests (fewest: ${50 * 8})`,
    );
    for (const [spread, fewest] of [
      [50, 50],
      [5, 5 * 4 + 45],
    ] as const) {
      const made = await fake.ask<string[]>(`calls 1000 ${spread}`);
      const got = await sync();
      const requests = listed(await fake.ask("stats"));
      const counts = tally(got, made);
      console.log(
        `1,000 new calls over ${spread} locations: ${requests} requests (fewest ${fewest}: ${(requests / fewest).toFixed(2)} x),` +
          ` handed over ${counts.total}, duplicates ${counts.duplicates}, missing ${counts.missing}, others ${counts.unexpected}`,
      );
    }
  } finally {
    await fake.close();
  }
}

async function ctrlC() {
  const fake = await startFakeProcess({ locations, callLogs: 400, rateLimit: { max: 10, intervalMs: 1000 } });
  try {
    const expected = Object.values(await fake.ask<Record<string, string[]>>("ids")).flat();
    const config = {
      baseUrl: fake.url,
      tokens: fake.tokens,
      store: "file" as const,
      dir: path.join(dir, "ctrl-c"),
      leaseMs: 30_000,
      pageSize: 50,
      concurrency: 16,
      rateLimit: { maxPerInterval: 10, intervalMs: 1000 },
      waitForGo: true,
      stopOnSigint: true,
    };
    const got: string[] = [];
    const stops: number[] = [];
    for (let run = 0; run <= 20; run++) {
      const worker = startSyncWorker({ ...config, out: path.join(dir, `ctrl-c-${run}.ndjson`) }, 300_000);
      await worker.until((line) => line === "READY");
      worker.go();
      if (run < 20) {
        await sleep(Math.random() * 3000);
        const signalledAt = performance.now();
        worker.child.kill("SIGINT");
        await worker.exited;
        stops.push(performance.now() - signalledAt);
      } else await worker.exited;
      got.push(...worker.logs().map((l) => l.id));
    }
    const counts = tally(got, expected);
    stops.sort((a, b) => a - b);
    console.log(
      `20 runs stopped by SIGINT, then one to the end: ${counts.total} handed over, duplicates ${counts.duplicates},` +
        ` missing ${counts.missing}; stop after the signal: median ${seconds(stops[10]!)}, max ${seconds(stops.at(-1)!)}`,
    );
  } finally {
    await fake.close();
  }
}

try {
  console.log(`node ${process.version}, ${os.cpus().length} CPUs`);
  if (!only || only.test("new")) await newCalls();
  if (!only || only.test("ctrl-c")) await ctrlC();
} finally {
  await rm(dir, { recursive: true, force: true });
}
