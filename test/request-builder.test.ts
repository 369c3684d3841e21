import { describe, expect, it } from "vitest";
import { queryParam, serializeQuery } from "../src/request-builder.js";

describe("queryParam", () => {
  it.each([
    [["page", { type: "integer", min: 1 }], { name: "page", required: false, commaSeparated: false }],
    [
      ["locationId", { type: "string", required: true }],
      { name: "locationId", required: true, commaSeparated: false },
    ],
    [
      ["actionType", { type: "array", comma: true }],
      { name: "actionType", required: false, commaSeparated: true },
    ],
    // A required list sent comma-separated carries both marks.
    [
      ["ids", { type: "array", required: true, comma: true }],
      { name: "ids", required: true, commaSeparated: true },
    ],
  ] as const)("reads %s", (entry, expected) => {
    expect(queryParam([...entry])).toEqual(expected);
  });

  it("lets a required comma-separated list be sent as one value", () => {
    const comma = new Set(
      [queryParam(["ids", { type: "array", required: true, comma: true }])]
        .filter((q) => q.commaSeparated)
        .map((q) => q.name),
    );
    expect(serializeQuery({ ids: ["a b", "c"], tag: ["x", "y"] }, comma)).toBe("ids=a%20b,c&tag=x&tag=y");
  });
});
