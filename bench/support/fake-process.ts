/**
 * The fake as a process of its own for the sync benchmarks (`node --import tsx
 * bench/support/fake-process.ts`, config as JSON in FAKE_CONFIG), so that the process measured
 * does not also serve. It prints one JSON line — its URL and each location's token — then takes
 * commands on stdin, one per line, each answered with one JSON line:
 *   ids              every call log id it holds, by location
 *   calls <n> [k]    n new calls, spread over the first k locations (default all), created now
 *   stats            the requests it answered since the last `stats` (counts by status)
 */
import { createInterface } from "node:readline";
import { startFake } from "../../src/testing/fake.js";
import { buildCall } from "../../src/testing/calls/simulate-call.js";
import type { FakeContext } from "../../src/testing/context.js";
import type { FakeRateLimitOptions } from "../../src/testing/rate-limit.js";
import { lazyCallLogs, type LazyLogs } from "./lazy-call-logs.js";

export interface FakeProcessConfig {
  locations: string[];
  callLogs: number;
  rateLimit: FakeRateLimitOptions | false;
  lazy?: LazyLogs;
}

const config = JSON.parse(process.env.FAKE_CONFIG!) as FakeProcessConfig;
let context: (() => FakeContext) | undefined;
const statuses: Record<number, number> = {};
const { fake, context: ctx } = await startFake(
  { locations: config.locations, callLogs: config.callLogs, rateLimit: config.rateLimit, agents: 1 },
  {
    intercept: async (request) => {
      const answer = config.lazy ? await lazyCallLogs(() => context!(), config.lazy)(request) : undefined;
      if (answer) statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
      return answer;
    },
  },
);
context = ctx;
const tokens = Object.fromEntries(config.locations.map((id) => [id, fake.tokenFor(id)]));
console.log(JSON.stringify({ url: fake.url, tokens }));

const commands = createInterface({ input: process.stdin });
for await (const line of commands) {
  const [command, arg] = line.trim().split(" ");
  const locations = ctx().locations;
  if (command === "ids") {
    const ids: Record<string, string[]> = {};
    for (const [id, state] of locations) ids[id] = state.callLogs.map((log) => log.id);
    console.log(JSON.stringify(ids));
  } else if (command === "calls") {
    const made: string[] = [];
    const spread = Number(line.trim().split(" ")[2] ?? config.locations.length);
    for (let i = 0; i < Number(arg); i++) {
      const locationId = config.locations[i % spread]!;
      // Stored by buildCall, as fake.simulateCall stores it (no webhook here).
      made.push(buildCall(ctx(), { locationId, createdAt: new Date().toISOString() }).log.id);
    }
    console.log(JSON.stringify(made));
  } else if (command === "stats") {
    for (const entry of ctx().journal) statuses[entry.status] = (statuses[entry.status] ?? 0) + 1;
    ctx().journal.length = 0;
    console.log(JSON.stringify(statuses));
    for (const status of Object.keys(statuses)) delete statuses[Number(status)];
  }
}
await fake.close();
