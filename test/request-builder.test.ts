import { describe, expect, it } from "vitest";
import type { OperationSpec } from "../generated/operations.js";
import { InvalidRequestError } from "../src/errors/index.js";
import { requestBuilder } from "../src/request/builder.js";

// A made-up operation: one path id, a required location, a list sent comma-separated, one
// exploded, a bounded integer, and a body.
const spec: OperationSpec = {
  method: "POST",
  path: "/things/{thingId}",
  group: "things",
  name: "create",
  query: {
    locationId: { type: "string", required: true },
    ids: { type: "array", items: { type: "string" }, comma: true },
    tag: { type: "array", items: { type: "string" } },
    size: { type: "integer", min: 1, max: 50 },
  },
  body: { required: ["name"], locationId: true },
};
const builder = requestBuilder("createThing", spec);
const refused = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidRequestError);
    return (error as Error).message;
  }
  throw new Error("not refused");
};

describe("requestBuilder", () => {
  it("serializes each list in its own style: comma-separated or exploded, in the spec's order", () => {
    const built = builder.fromParams(
      { tag: ["x", "y"], ids: ["a b", "c"], thingId: "t/1", locationId: "L", body: { name: "n" } },
      undefined,
    );
    expect(built.target).toBe("/things/t%2F1?locationId=L&ids=a%20b,c&tag=x&tag=y");
    expect(built.locationId).toBe("L");
  });

  it("fills the default location into the query and the body", () => {
    const built = builder.fromParams({ thingId: "t", body: { name: "n" } }, "DEF");
    expect(built.target).toBe("/things/t?locationId=DEF");
    expect(built.body).toEqual({ name: "n", locationId: "DEF" });
  });

  it("checks the parts given apart (raw) exactly as a method's argument", () => {
    const parts = (query: Record<string, unknown>) => ({
      path: { thingId: "t" },
      query,
      body: { name: "n" },
    });
    expect(refused(() => builder.build(parts({ locationId: { a: 1 } })))).toMatch(
      /createThing: locationId must be a string, got an object/,
    );
    expect(refused(() => builder.build(parts({ locationId: "L", size: 1000 })))).toMatch(
      /size must be <= 50/,
    );
    expect(refused(() => builder.build(parts({ locationId: "L", bogus: 1 })))).toMatch(
      /unknown parameter "bogus"/,
    );
    expect(refused(() => builder.build(parts({ locationId: "L", size: 10n })))).toMatch(/BigInt/);
    expect(refused(() => builder.build(parts({})))).toMatch(/locationId is required/);
    expect(
      refused(() =>
        builder.build({ path: { thingId: "t", other: "x" }, query: { locationId: "L" }, body: {} }),
      ),
    ).toMatch(/unknown path parameter "other"/);
    expect(
      refused(() => builder.build({ path: { thingId: "t" }, query: { locationId: "L" }, body: {} })),
    ).toMatch(/body\.name is required/);
  });

  it("refuses a body for an operation that takes none", () => {
    const { body: _, ...withoutBody } = spec;
    const get = requestBuilder("getThing", { ...withoutBody, method: "GET" });
    expect(
      refused(() => get.build({ path: { thingId: "t" }, query: { locationId: "L" }, body: {} })),
    ).toMatch(/getThing: the operation takes no body/);
    expect(refused(() => get.fromParams({ thingId: "t", locationId: "L", body: {} }, undefined))).toMatch(
      /unknown parameter "body"/,
    );
  });

  it("refuses a path id that cannot be put into a URL, before anything is sent", () => {
    const parts = { path: { thingId: "a\uD800" }, query: { locationId: "L" }, body: { name: "n" } };
    expect(refused(() => builder.build(parts))).toMatch(/createThing: the URL could not be built/);
  });
});
