/**
 * The spec:diff rule cases' shared parts: a case is a fixture (test/fixtures/spec-diff/base.yaml
 * unless it says) and a copy with one change, with the changes the diff must
 * report (rule, breaking or not, where) and whether the whole diff is breaking.
 */
import { expect } from "vitest";
import type { Rule } from "../scripts/spec-diff/change.js";
import type { JsonObject } from "../scripts/spec-diff/refs.js";
import { at, BASE, changesOf, diff, load } from "./spec-diff-helpers.js";

export interface Case {
  name: string;
  change: (doc: JsonObject) => void;
  /** A change that must be reported: its rule, verdict, operation and a part of where it is. */
  expected: { rule: Rule; breaking: boolean; operation: string; where: string; detail?: string }[];
  /** Is the diff as a whole breaking (exit status 1)? */
  breaking: boolean;
  /** The change is applied to the old document: the new one is the base. */
  reverse?: true;
  /** The fixture changed: the base fixture unless given. */
  fixture?: string;
}

export const schema = (doc: JsonObject, name: string) => at(doc, "components", "schemas", name);
export const props = (doc: JsonObject, name: string) => at(doc, "components", "schemas", name, "properties");
export const petPart = (doc: JsonObject) => at(doc, "components", "schemas", "Pet", "allOf", "1");
export const listParams = (doc: JsonObject) => at(doc, "paths", "/pets", "get").parameters as JsonObject[];
export const BODY = "request body (application/json)";

export function check({ change, expected, breaking, reverse, fixture = BASE }: Case) {
  const base = load(fixture);
  const changed = load(fixture);
  change(changed);
  const result = reverse ? diff(changed, base) : diff(base, changed);
  const found = changesOf(result);
  for (const want of expected) {
    const match = found.find(
      (c) =>
        c.rule === want.rule &&
        c.operation === want.operation &&
        c.where.includes(want.where) &&
        (want.detail === undefined || c.detail === want.detail),
    );
    expect(match, `${JSON.stringify(want)} in ${JSON.stringify(found, null, 1)}`).toBeDefined();
    expect(match!.breaking).toBe(want.breaking);
  }
  expect(result.breaking).toBe(breaking);
  expect(result.bump).toBe(
    breaking ? "major" : expected.every((e) => e.rule === "description-changed") ? "patch" : "minor",
  );
}
