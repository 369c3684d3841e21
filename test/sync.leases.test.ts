/** syncCallLogs with a store that has leases, in one process: locations split, a lost lease handled. */
import { describe, expect, it } from "vitest";
import {
  createMemoryCheckpointStore,
  syncCallLogs,
  type CheckpointStore,
  type LocatedCallLog,
} from "../src/sync/index.js";
import { allLogs, drain, locationIds, syncFake } from "./support/sync-helpers.js";

const ids = (logs: LocatedCallLog[]) => logs.map((l) => l.id);

describe("syncCallLogs with leases", () => {
  it("two syncs sharing a store split the locations by lease: every call once", async () => {
    const locations = locationIds(6);
    const { client } = await syncFake(locations, 40);
    const checkpoints = createMemoryCheckpointStore();
    const run = () =>
      drain(syncCallLogs({ client, checkpoints, locations, settleMs: 0, concurrency: 2, pageSize: 10 }));
    const [a, b] = await Promise.all([run(), run()]);
    const got = [...ids(a.logs), ...ids(b.logs)];
    expect(got.sort()).toEqual([...(await allLogs(client, locations)).keys()].sort());
    expect(a.logs.length).toBeGreaterThan(0);
    expect(b.logs.length).toBeGreaterThan(0);
  });

  it("a checkpoint write refused for a lost lease hands the location back instead of failing it", async () => {
    const { client } = await syncFake(["LOC1"], 30);
    const inner = createMemoryCheckpointStore();
    let stolen = false;
    // Another worker takes the location over while this one is between two pages.
    const checkpoints: CheckpointStore = {
      ...inner,
      async set(locationId, checkpoint, lease) {
        if (!stolen && lease) {
          stolen = true;
          await inner.release(lease);
          await inner.lease(locationId, 300);
        }
        return inner.set(locationId, checkpoint, lease);
      },
    };
    const stream = syncCallLogs({
      client,
      checkpoints,
      locations: ["LOC1"],
      settleMs: 0,
      pageSize: 10,
      leaseMs: 200,
    });
    const { logs } = await drain(stream);
    // The page whose checkpoint was refused comes again once the other lease ended: at least once.
    expect(logs).toHaveLength(40);
    expect(new Set(ids(logs)).size).toBe(30);
    expect(stream.progress.failures).toEqual([]);
    expect(stream.progress.locations).toMatchObject({ done: 1, waiting: 0 });
  });
});
