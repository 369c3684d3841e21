/** exportCallLogs against the fake: every log once, oldest first per location, in a closed window. */
import { describe, expect, it } from "vitest";
import {
  APIUserAbortError,
  createVoiceAIClient,
  InvalidRequestError,
  InvalidResponseError,
} from "../src/index.js";
import { exportCallLogs, type CallLogProgress } from "../src/sync/index.js";
import {
  allLogs,
  drain,
  inCreatedAtOrder,
  listRequests,
  locationIds,
  syncFake,
} from "./support/sync-helpers.js";

describe("exportCallLogs", () => {
  it("hands over every log of every location once, oldest first within a location, with its locationId", async () => {
    const locations = locationIds(4);
    const { fake, client } = await syncFake(locations, 120);
    const expected = await allLogs(client, locations);
    const { logs, error } = await drain(exportCallLogs(client, { locations, pageSize: 25, concurrency: 3 }));
    expect(error).toBeUndefined();
    expect(logs).toHaveLength(480);
    expect(new Map(logs.map((log) => [log.id, log.locationId]))).toEqual(expected);
    expect(inCreatedAtOrder(logs)).toBe(true);
    // 120 logs in pages of 25: 5 requests a location, each a closed window in ascending order.
    const sent = listRequests(fake);
    expect(sent).toHaveLength(20);
    for (const { url } of sent) expect(url).toMatch(/startDate=\d+&endDate=\d+.*sort=ascend/);
  });

  it("leaves out calls that arrive during the export and shifts nothing (they fall after the window)", async () => {
    const locations = locationIds(2);
    const { fake, client } = await syncFake(locations, 60);
    const expected = await allLogs(client, locations);
    const arriving = createVoiceAIClient({
      baseUrl: fake.url,
      token: ({ locationId }) => fake.tokenFor(locationId!),
      rateLimit: false,
      // Before every request of the export, a call ends in that location.
      fetch: (request) => {
        const locationId = new URL(request.url).searchParams.get("locationId")!;
        fake.simulateCall({ locationId, createdAt: new Date(Date.now() + 1).toISOString() });
        return fake.fetch(request);
      },
    });
    const { logs } = await drain(exportCallLogs(arriving, { locations, pageSize: 7, prefetch: 1 }));
    expect(new Map(logs.map((log) => [log.id, log.locationId]))).toEqual(expected);
    expect(logs).toHaveLength(expected.size);
  });

  it("a log written late into the window pushes the pages forward: nothing repeats, nothing is missed", async () => {
    const { fake, client } = await syncFake(["LOC1"], 40);
    const expected = await allLogs(client, ["LOC1"]);
    const oldest = Math.min(
      ...[...(await drain(exportCallLogs(client, { locations: ["LOC1"] }))).logs].map((l) =>
        Date.parse(l.createdAt),
      ),
    );
    let requests = 0;
    const late = createVoiceAIClient({
      baseUrl: fake.url,
      token: fake.tokenFor("LOC1"),
      rateLimit: false,
      fetch: (request) => {
        // Between pages, three logs appear before everything read so far.
        if (requests++ > 0)
          for (let i = 0; i < 3; i++)
            fake.simulateCall({ locationId: "LOC1", createdAt: new Date(oldest).toISOString() });
        return fake.fetch(request);
      },
    });
    const { logs } = await drain(exportCallLogs(late, { locations: ["LOC1"], pageSize: 10, prefetch: 1 }));
    const ids = logs.map((l) => l.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of expected.keys()) expect(ids).toContain(id);
  });

  it("narrows by since, until and the filters, and never asks past now", async () => {
    const { fake, client } = await syncFake(["LOC1"], 200);
    const every = (await drain(exportCallLogs(client, { locations: ["LOC1"] }))).logs;
    const times = every.map((l) => Date.parse(l.createdAt));
    const since = times[50]!;
    const until = times[150]!;
    const { logs } = await drain(
      exportCallLogs(client, {
        locations: ["LOC1"],
        since: new Date(since),
        until: new Date(until).toISOString(),
        filters: { callType: "LIVE" },
      }),
    );
    const wanted = every.filter((l) => {
      const at = Date.parse(l.createdAt);
      return at >= since && at <= until && !l.trialCall;
    });
    expect(logs.map((l) => l.id)).toEqual(wanted.map((l) => l.id));
    expect(listRequests(fake).at(-1)!.url).toContain("callType=LIVE");
    const before = Date.now();
    await drain(exportCallLogs(client, { locations: ["LOC1"], until: Date.now() + 86_400_000 }));
    const endDate = Number(new URL(`http://x${listRequests(fake).at(-1)!.url}`).searchParams.get("endDate"));
    expect(endDate).toBeLessThanOrEqual(Date.now());
    expect(endDate).toBeGreaterThanOrEqual(before);
  });

  it.each([
    ["locations as a string", { locations: "LOC1" }],
    ["an empty location id", { locations: [""] }],
    ["a location listed twice", { locations: ["LOC1", "LOC1"] }],
    ["a location id that is not a string", { locations: [1] }],
    ["a location id with a line break", { locations: ["LOC\n1"] }],
    ["pageSize over the spec's maximum", { locations: ["LOC1"], pageSize: 51 }],
    ["a fractional pageSize", { locations: ["LOC1"], pageSize: 1.5 }],
    ["concurrency 0", { locations: ["LOC1"], concurrency: 0 }],
    ["a BigInt prefetch", { locations: ["LOC1"], prefetch: 2n }],
    ["since that is no time", { locations: ["LOC1"], since: "yesterday" }],
    ["since after until", { locations: ["LOC1"], since: 2_000, until: 1_000 }],
    ["a negative since", { locations: ["LOC1"], since: -1 }],
    ["an unknown option", { locations: ["LOC1"], sortBy: "duration" }],
    ["an unknown filter", { locations: ["LOC1"], filters: { startDate: 1 } }],
    ["a filter outside the spec's enum", { locations: ["LOC1"], filters: { callType: "live" } }],
    ["an action type outside the spec's enum", { locations: ["LOC1"], filters: { actionType: ["NOPE"] } }],
    ["a signal that is not an AbortSignal", { locations: ["LOC1"], signal: {} }],
    ["__proto__ as an option", JSON.parse('{"locations":["LOC1"],"__proto__":{"x":1}}')],
  ])("refuses %s before any request", async (_, options) => {
    const { fake, client } = await syncFake(["LOC1"], 5);
    const attempt = async () =>
      drain(exportCallLogs(client, options as never)).then(({ error }) => {
        throw error;
      });
    await expect(attempt()).rejects.toThrow(InvalidRequestError);
    expect(fake.requests).toHaveLength(0);
  });

  it("reports a location whose token is refused and exports the others", async () => {
    const locations = locationIds(3);
    const { fake, client: good } = await syncFake(locations, 30);
    const client = createVoiceAIClient({
      baseUrl: fake.url,
      token: ({ locationId }) => (locationId === "LOC2" ? "pit-deleted" : fake.tokenFor(locationId!)),
      rateLimit: false,
    });
    const stream = exportCallLogs(client, { locations });
    const { logs, error } = await drain(stream);
    expect(error).toBeUndefined();
    const expected = await allLogs(good, ["LOC1", "LOC3"]);
    expect(new Set(logs.map((l) => l.id))).toEqual(new Set(expected.keys()));
    const { failures, locations: counts, state } = stream.progress;
    expect(failures.map((f) => [f.locationId, f.reason, (f.error as Error).name])).toEqual([
      ["LOC2", "unauthorized", "AuthenticationError"],
    ]);
    expect(counts).toMatchObject({ total: 3, done: 2, failed: 1, active: 0 });
    expect(state).toBe("done");
  });

  it("reports a server that ignores the ascending sort (a walk relying on it would skip calls)", async () => {
    const { fake } = await syncFake(["LOC1"], 30);
    const client = createVoiceAIClient({
      baseUrl: fake.url,
      token: fake.tokenFor("LOC1"),
      rateLimit: false,
      fetch: async (request) => {
        const answer = await fake.fetch(request);
        const body = (await answer.json()) as { callLogs: unknown[] };
        body.callLogs.reverse();
        return Response.json(body, { headers: answer.headers });
      },
    });
    const stream = exportCallLogs(client, { locations: ["LOC1"] });
    await drain(stream);
    expect(stream.progress.failures[0]?.error).toBeInstanceOf(InvalidResponseError);
  });

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

  it("keeps each location within its rate limit: no 429, and the wait it imposed is reported", async () => {
    const locations = locationIds(3);
    const { fake } = await syncFake(locations, 60, { rateLimit: { max: 2, intervalMs: 300 } });
    const client = createVoiceAIClient({
      baseUrl: fake.url,
      token: ({ locationId }) => fake.tokenFor(locationId!),
      rateLimit: { maxPerInterval: 2, intervalMs: 300 },
    });
    const started = performance.now();
    const stream = exportCallLogs(client, { locations, pageSize: 10 });
    const { logs } = await drain(stream);
    expect(logs).toHaveLength(180);
    // 6 pages a location, 2 per 300 ms: the third window starts 600 ms in, at the earliest.
    expect(performance.now() - started).toBeGreaterThanOrEqual(600);
    expect(fake.requests.filter((r) => r.status === 429)).toEqual([]);
    expect(stream.progress.rateLimitWaitMs).toBeGreaterThan(0);
  });
});
