/** Bad input to exportCallLogs and syncCallLogs: a typed error naming it, before any request. */
import { describe, expect, it } from "vitest";
import { InvalidRequestError } from "../src/index.js";
import { createMemoryCheckpointStore, exportCallLogs, syncCallLogs } from "../src/sync/index.js";
import { drain, syncFake } from "./support/sync-helpers.js";

describe("exportCallLogs", () => {
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
});

describe("syncCallLogs", () => {
  it.each([
    ["no client", { client: undefined }],
    ["a client that is not one", { client: {} }],
    ["no checkpoint store", { checkpoints: undefined }],
    [
      "a store with lease but no renew",
      { checkpoints: { get: async () => undefined, set: async () => {}, lease: async () => undefined } },
    ],
    ["a negative settleMs", { settleMs: -1 }],
    ["a fractional leaseMs", { leaseMs: 1000.5 }],
    ["a leaseMs under 100 ms", { leaseMs: 10 }],
    ["seen without add", { seen: { has: () => false } }],
    ["an unknown option", { until: Date.now() }],
  ])("refuses %s before any request", async (_, change) => {
    const { fake, client } = await syncFake(["LOC1"], 5);
    const options = { client, checkpoints: createMemoryCheckpointStore(), locations: ["LOC1"], ...change };
    expect(() => syncCallLogs(options as never)).toThrow(/syncCallLogs|checkpoint|seen/);
    expect(fake.requests).toHaveLength(0);
  });
});
