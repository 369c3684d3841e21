/**
 * What the export and sync suites share: a fake of several locations (on the real clock, so that
 * "now" is the client's) with a client holding each location's Private Integration Token, every
 * log the fake holds, and a reader of a run that records each log handed over.
 */
import { createVoiceAIClient, type VoiceAIClient } from "../../src/index.js";
import type { LocatedCallLog } from "../../src/sync/index.js";
import type { FakeVoiceAIOptions } from "../../src/testing/index.js";
import { useFake } from "./fake-helpers.js";

export const locationIds = (n: number) => Array.from({ length: n }, (_, i) => `LOC${i + 1}`);

export async function syncFake(locations: string[], callLogs: number, options: FakeVoiceAIOptions = {}) {
  const fake = await useFake({ locations, callLogs, clock: Date.now, rateLimit: false, ...options });
  /** When the client sent each request (performance.now()). */
  const sentAt: number[] = [];
  const client = createVoiceAIClient({
    baseUrl: fake.url,
    token: ({ locationId }) => fake.tokenFor(locationId!),
    rateLimit: false,
    fetch: (request) => {
      sentAt.push(performance.now());
      return globalThis.fetch(request);
    },
  });
  return { fake, client, sentAt };
}

/** Every log of the locations, by id, as the API lists them (read without the sync). */
export async function allLogs(client: VoiceAIClient, locations: string[]): Promise<Map<string, string>> {
  const all = new Map<string, string>();
  for (const locationId of locations) {
    for await (const log of client.callLogs.listAll({ locationId })) all.set(log.id, locationId);
  }
  return all;
}

/** Listing requests the fake answered (the checks above use a few of their own). */
export const listRequests = (fake: {
  requests: readonly { operationId?: string | undefined; url: string }[];
}) => fake.requests.filter((r) => r.operationId === "listCallLogs" && r.url.includes("sortBy=createdAt"));

/** Reads a run to its end or its error; `each` may stop it. */
export async function drain(
  run: AsyncIterable<LocatedCallLog>,
  each?: (log: LocatedCallLog, index: number) => void | boolean | Promise<void | boolean>,
): Promise<{ logs: LocatedCallLog[]; error: unknown }> {
  const logs: LocatedCallLog[] = [];
  try {
    for await (const log of run) {
      logs.push(log);
      if ((await each?.(log, logs.length)) === false) break;
    }
    return { logs, error: undefined };
  } catch (error) {
    return { logs, error };
  }
}

/** Logs of one location in the order handed over are oldest first. */
export function inCreatedAtOrder(logs: LocatedCallLog[]): boolean {
  const last = new Map<string, number>();
  for (const log of logs) {
    const at = Date.parse(log.createdAt);
    if ((last.get(log.locationId) ?? -Infinity) > at) return false;
    last.set(log.locationId, at);
  }
  return true;
}
