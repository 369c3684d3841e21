/** exportCallLogs against the fake: every log once, oldest first per location, in a closed window. */
import { describe, expect, it } from "vitest";
import { createVoiceAIClient, InvalidResponseError } from "../src/index.js";
import { exportCallLogs } from "../src/sync/index.js";
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
