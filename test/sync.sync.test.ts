/** syncCallLogs: only what is new, from a checkpoint per location; stops and resumes without loss. */
import { describe, expect, it } from "vitest";
import { APIUserAbortError, createVoiceAIClient } from "../src/index.js";
import {
  createMemoryCheckpointStore,
  createMemorySeenCallIds,
  syncCallLogs,
  type LocatedCallLog,
} from "../src/sync/index.js";
import {
  allLogs,
  drain,
  inCreatedAtOrder,
  listRequests,
  locationIds,
  syncFake,
} from "./support/sync-helpers.js";

const fresh = () => new Date(Date.now()).toISOString();
const ids = (logs: LocatedCallLog[]) => logs.map((l) => l.id);

describe("syncCallLogs", () => {
  it("hands over everything once, then only the calls that are new, one request per location when none is", async () => {
    const locations = locationIds(3);
    const { fake, client } = await syncFake(locations, 70);
    const checkpoints = createMemoryCheckpointStore();
    const sync = () => drain(syncCallLogs({ client, checkpoints, locations, settleMs: 0, pageSize: 20 }));
    const first = await sync();
    expect(new Set(ids(first.logs))).toEqual(new Set((await allLogs(client, locations)).keys()));
    expect(first.logs).toHaveLength(210);
    expect(inCreatedAtOrder(first.logs)).toBe(true);

    const before = listRequests(fake).length;
    expect((await sync()).logs).toEqual([]);
    expect(listRequests(fake).length - before).toBe(3);

    const added = [
      fake.simulateCall({ locationId: "LOC1", createdAt: fresh() }).log.id,
      fake.simulateCall({ locationId: "LOC3", createdAt: fresh() }).log.id,
      fake.simulateCall({ locationId: "LOC3", createdAt: fresh() }).log.id,
    ];
    const third = await sync();
    expect(ids(third.logs).sort()).toEqual(added.sort());
    expect(third.logs.find((l) => l.id === added[0])?.locationId).toBe("LOC1");
  });

  it("keeps calls younger than settleMs for the next run (a log written when its call ends is not missed)", async () => {
    const { fake, client } = await syncFake(["LOC1"], 5);
    const checkpoints = createMemoryCheckpointStore();
    const sync = () => drain(syncCallLogs({ client, checkpoints, locations: ["LOC1"], settleMs: 1500 }));
    await sync();
    // A call that started a second ago and whose log appears only now, when it ended.
    const late = fake.simulateCall({
      locationId: "LOC1",
      createdAt: new Date(Date.now() - 1000).toISOString(),
    });
    expect(ids((await sync()).logs)).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 1600));
    expect(ids((await sync()).logs)).toEqual([late.log.id]);
  });

  it("calls at one instant across page edges: each handed over once, however the runs are cut", async () => {
    const { fake, client } = await syncFake(["LOC1"], 3);
    const at = new Date(Date.now() - 60_000).toISOString();
    const same = Array.from(
      { length: 7 },
      () => fake.simulateCall({ locationId: "LOC1", createdAt: at }).log.id,
    );
    const all = [...(await allLogs(client, ["LOC1"])).keys()];
    for (let cut = 1; cut <= all.length; cut++) {
      const checkpoints = createMemoryCheckpointStore();
      const run = (stopAt?: number) => {
        const controller = new AbortController();
        const stream = syncCallLogs({
          client,
          checkpoints,
          locations: ["LOC1"],
          settleMs: 0,
          pageSize: 3,
          signal: controller.signal,
        });
        return drain(stream, (_, n) => void (n === stopAt && controller.abort()));
      };
      const first = await run(cut);
      const second = await run();
      const got = [...ids(first.logs), ...ids(second.logs)];
      expect(got.sort()).toEqual([...all].sort());
      expect(same.every((id) => got.includes(id))).toBe(true);
    }
  });

  it("Ctrl-C at random moments in 12+ runs, then resume: every call once, none twice", async () => {
    const locations = locationIds(4);
    const { fake, client } = await syncFake(locations, 60);
    const checkpoints = createMemoryCheckpointStore();
    const got: string[] = [];
    let aborted = 0;
    // Runs until 12 of them were stopped (a stop that came after a run's end does not count; bounded),
    // then one more to resume to the end.
    for (let run = 0; ; run++) {
      expect(run).toBeLessThan(100);
      fake.simulateCall({ locationId: locations[run % 4]!, createdAt: fresh() });
      const controller = new AbortController();
      const last = aborted >= 12;
      // Even runs: at a random moment (often with requests in flight); odd: between two logs.
      const timer =
        !last && run % 2 === 0 ? setTimeout(() => controller.abort(), Math.random() * 40) : undefined;
      const stopAt = !last && run % 2 === 1 ? 1 + Math.floor(Math.random() * 10) : -1;
      const stream = syncCallLogs({
        client,
        checkpoints,
        locations,
        settleMs: 0,
        pageSize: 7,
        signal: controller.signal,
      });
      const { logs, error } = await drain(stream, (_, n) => void (n === stopAt && controller.abort()));
      clearTimeout(timer);
      got.push(...ids(logs));
      if (error) {
        expect(error).toBeInstanceOf(APIUserAbortError);
        aborted++;
      } else if (last) {
        expect(stream.progress.locations.done).toBe(4);
        break;
      }
    }
    const expected = [...(await allLogs(client, locations)).keys()].sort();
    expect(expected.length).toBeGreaterThan(240);
    expect([...got].sort()).toEqual(expected);
  });

  it("leaving the loop acknowledges the log in hand? no: that one comes again, and only that one", async () => {
    const { client } = await syncFake(["LOC1"], 30);
    const checkpoints = createMemoryCheckpointStore();
    const sync = (stopAt?: number) =>
      drain(
        syncCallLogs({ client, checkpoints, locations: ["LOC1"], settleMs: 0, pageSize: 8 }),
        (_, n) => n !== stopAt,
      );
    const first = await sync(11);
    const second = await sync();
    expect(first.logs).toHaveLength(11);
    expect(ids(second.logs)[0]).toBe(ids(first.logs)[10]);
    expect(new Set([...ids(first.logs), ...ids(second.logs)]).size).toBe(30);
    expect(second.logs).toHaveLength(20);
  });

  it("skips calls already handled by the webhooks, and records those it hands over", async () => {
    const { client } = await syncFake(["LOC1"], 20);
    const all = [...(await allLogs(client, ["LOC1"])).keys()];
    const seen = createMemorySeenCallIds();
    for (const id of all.slice(0, 5)) seen.add(id);
    const stream = syncCallLogs({
      client,
      checkpoints: createMemoryCheckpointStore(),
      locations: ["LOC1"],
      settleMs: 0,
      seen,
    });
    const { logs } = await drain(stream);
    expect(ids(logs).sort()).toEqual(all.slice(5).sort());
    expect(stream.progress.skipped).toBeGreaterThanOrEqual(5);
    expect(all.every((id) => seen.has(id))).toBe(true);
  });

  it("reports a location whose access is gone, goes on with the others, and keeps its checkpoint", async () => {
    const locations = locationIds(2);
    const { fake, client } = await syncFake(locations, 10);
    const checkpoints = createMemoryCheckpointStore();
    await drain(syncCallLogs({ client, checkpoints, locations, settleMs: 0 }));
    const kept = await checkpoints.get("LOC2");
    fake.simulateCall({ locationId: "LOC1", createdAt: fresh() });
    fake.simulateCall({ locationId: "LOC2", createdAt: fresh() });
    const revoked = createVoiceAIClient({
      baseUrl: fake.url,
      token: ({ locationId }) => (locationId === "LOC2" ? "pit-revoked" : fake.tokenFor(locationId!)),
      rateLimit: false,
    });
    const stream = syncCallLogs({ client: revoked, checkpoints, locations, settleMs: 0 });
    const { logs } = await drain(stream);
    expect(logs.map((l) => l.locationId)).toEqual(["LOC1"]);
    expect(stream.progress.failures.map((f) => [f.locationId, f.reason])).toEqual([["LOC2", "unauthorized"]]);
    expect(await checkpoints.get("LOC2")).toEqual(kept);
    // Access back: the next run picks LOC2's new call up from its kept checkpoint.
    expect(
      (await drain(syncCallLogs({ client, checkpoints, locations, settleMs: 0 }))).logs.map(
        (l) => l.locationId,
      ),
    ).toEqual(["LOC2"]);
  });
});
