/** exportCallLogs as the loop drives it: back-pressure, leaving the loop, the signal, progress. */
import { describe, expect, it } from "vitest";
import { APIUserAbortError } from "../src/index.js";
import { exportCallLogs, type CallLogProgress, type LocatedCallLog } from "../src/sync/index.js";
import { defaultPrefetch } from "../src/sync/options.js";
import { drain, listRequests, locationIds, syncFake } from "./support/sync-helpers.js";

describe("exportCallLogs in a loop", () => {
  it("requests no further than the consumer reads (back-pressure): a page in hand and `prefetch` ahead per location", async () => {
    const locations = locationIds(3);
    const { fake, client } = await syncFake(locations, 200);
    const stream = exportCallLogs(client, { locations, pageSize: 10, prefetch: 2, concurrency: 2 });
    await stream.next();
    await new Promise((resolve) => setTimeout(resolve, 300));
    // Two locations read at once; each has its first page in hand and asked for nothing more.
    expect(listRequests(fake)).toHaveLength(2);
    for (let i = 0; i < 60; i++) await stream.next();
    await new Promise((resolve) => setTimeout(resolve, 300));
    // 61 logs taken: at most their pages, plus (page in hand + prefetch) per active location.
    expect(listRequests(fake).length).toBeLessThanOrEqual(Math.ceil(61 / 10) + 2 * 3);
    await stream.return!();
  });

  it("reads ahead about 32 pages in all by default: 4 a location when few are read at once, none past 16", async () => {
    /** Per location: the highest page requested, less the pages the consumer reached (by logs taken). */
    const ahead = (fake: Parameters<typeof listRequests>[0], taken: LocatedCallLog[]) => {
      const reached = new Map<string, number>();
      for (const log of taken) reached.set(log.locationId, (reached.get(log.locationId) ?? 0) + 1);
      const highest = new Map<string, number>();
      for (const { url } of listRequests(fake)) {
        const query = new URL(url, "http://x").searchParams;
        const id = query.get("locationId")!;
        highest.set(id, Math.max(highest.get(id) ?? 0, Number(query.get("page"))));
      }
      return [...highest].map(([id, page]) => page - Math.ceil((reached.get(id) ?? 0) / 10));
    };
    const settle = async (done: () => boolean) => {
      for (let t = 0; t < 50 && !done(); t++) await new Promise((resolve) => setTimeout(resolve, 100));
    };

    // 20 locations at once: each asks for its next page only once the consumer reached its end.
    const many = locationIds(20);
    const wide = await syncFake(many, 60);
    const taken: LocatedCallLog[] = [];
    const stream = exportCallLogs(wide.client, { locations: many, pageSize: 10, concurrency: 20 });
    for (let i = 0; i < 300; i++) taken.push((await stream.next()).value as LocatedCallLog);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(Math.max(...ahead(wide.fake, taken))).toBeLessThanOrEqual(1);
    await stream.return!();

    // One location: 4 pages in flight, the one in hand and 3 ahead of the consumer.
    const one = locationIds(1);
    const narrow = await syncFake(one, 200);
    const mine: LocatedCallLog[] = [];
    const reader = exportCallLogs(narrow.client, { locations: one, pageSize: 10 });
    for (let i = 0; i < 11; i++) mine.push((await reader.next()).value as LocatedCallLog);
    await settle(() => Math.max(...ahead(narrow.fake, mine)) >= 3);
    expect(ahead(narrow.fake, mine)).toEqual([3]);
    await reader.return!();
    expect([1, 8, 9, 16, 17, 1000].map(defaultPrefetch)).toEqual([4, 4, 3, 2, 1, 1]);
  });

  it("stops asking when the loop is left, and when the signal fires (then throws APIUserAbortError)", async () => {
    const locations = locationIds(3);
    const { client, sentAt } = await syncFake(locations, 300);
    const left = await drain(exportCallLogs(client, { locations, pageSize: 10 }), (_, n) => n < 15);
    expect(left.logs).toHaveLength(15);
    const leftAt = performance.now();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(sentAt.filter((t) => t > leftAt)).toEqual([]);

    const controller = new AbortController();
    const stream = exportCallLogs(client, { locations, pageSize: 10, signal: controller.signal });
    const aborted = await drain(stream, (_, n) => void (n === 25 && controller.abort()));
    expect(aborted.error).toBeInstanceOf(APIUserAbortError);
    expect(aborted.logs).toHaveLength(25);
    expect(stream.progress.state).toBe("aborted");
    const endedAt = performance.now();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(sentAt.filter((t) => t > endedAt)).toEqual([]);
  });

  it("reports progress: locations, calls, requests, expected calls; a failing hook stops nothing", async () => {
    const locations = locationIds(3);
    const { client } = await syncFake(locations, 45);
    const seen: CallLogProgress[] = [];
    const { logs } = await drain(
      exportCallLogs(client, {
        locations,
        pageSize: 10,
        onProgress: (p) => {
          seen.push(p);
          throw new Error("a display that breaks");
        },
      }),
    );
    expect(logs).toHaveLength(135);
    const last = seen.at(-1)!;
    expect(last).toMatchObject({ state: "done", calls: 135, requests: 15, expectedCalls: 135, etaMs: 0 });
    expect(last.locations).toEqual({ total: 3, done: 3, active: 0, failed: 0, waiting: 0 });
    const calls = seen.map((p) => p.calls);
    expect(calls).toEqual([...calls].sort((a, b) => a - b));
    expect(seen.some((p) => p.state === "running" && p.locations.active > 0)).toBe(true);
  });
});
