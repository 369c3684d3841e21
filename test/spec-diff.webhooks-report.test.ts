/**
 * Webhooks in spec:diff's output and on our own spec: a call-end-like event built on our spec's
 * schemas compares equal to itself reorganised (refs inlined, schemas renamed, keys reversed),
 * while a field removed from its payload is found, breaking, and only that; the text report and
 * `--json` list webhooks beside operations.
 */
import { spawnSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { stringify } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JsonObject } from "../scripts/spec-diff/refs.js";
import type { DiffResult } from "../scripts/spec-diff/report.js";
import { at, changesOf, diff, load, OURS, reorganise, root, WEBHOOKS } from "./spec-diff-helpers.js";

/** Our spec with an event in the shape of VoiceAiCallEnd, its actions on our ExecutedCallAction. */
function oursWithEvent(): JsonObject {
  const doc = load(OURS);
  const payload = {
    type: "object",
    required: ["id", "locationId"],
    properties: {
      id: { type: "string" },
      locationId: { type: "string" },
      duration: { type: "number" },
      executedCallActions: { type: "array", items: { $ref: "#/components/schemas/ExecutedCallAction" } },
    },
  };
  const signature = { name: "x-ghl-signature", in: "header", required: true, schema: { type: "string" } };
  doc.webhooks = {
    ...(doc.webhooks as JsonObject | undefined),
    SpecDiffCallEnd: {
      post: {
        operationId: "specDiffCallEnd",
        parameters: [signature],
        requestBody: { required: true, content: { "application/json": { schema: payload } } },
        responses: { "200": { description: "Received." } },
      },
    },
  };
  return doc;
}

describe("a webhook on our spec", { timeout: 60_000 }, () => {
  it("shows no difference against itself reorganised, either way", () => {
    const ours = oursWithEvent();
    const reorganised = reorganise(oursWithEvent());
    expect(JSON.stringify(at(reorganised, "webhooks"))).not.toContain('"$ref"');
    expect(changesOf(diff(ours, reorganised))).toEqual([]);
    expect(changesOf(diff(reorganised, ours))).toEqual([]);
  });

  it("shows a payload field removed in the reorganised copy as breaking, and only that", () => {
    const changed = reorganise(oursWithEvent());
    const payload = at(
      changed,
      "webhooks",
      "SpecDiffCallEnd",
      "post",
      "requestBody",
      "content",
      "application/json",
      "schema",
    );
    delete at(payload, "properties").locationId;
    payload.required = ["id"];
    expect(changesOf(diff(oursWithEvent(), changed))).toEqual([
      {
        operation: "webhook POST SpecDiffCallEnd",
        rule: "field-removed",
        breaking: true,
        where: "payload (application/json) › locationId",
        detail: "field removed",
      },
    ]);
  });
});

describe("npm run spec:diff with webhooks", { timeout: 60_000 }, () => {
  let dir: string;
  let changed: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "spec-diff-webhooks-"));
    const doc = load(WEBHOOKS);
    delete at(doc, "components", "schemas", "CallEnded", "properties").summary;
    delete at(doc, "webhooks").CallStarted;
    changed = path.join(dir, "changed.yaml");
    await writeFile(changed, stringify(doc));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const specDiff = (...args: string[]) =>
    spawnSync("npx", ["tsx", "scripts/spec-diff/cli.ts", WEBHOOKS, changed, ...args], {
      cwd: root,
      encoding: "utf8",
      timeout: 60_000,
    });

  it("prints each webhook after the operations, and counts it", () => {
    const { status, stdout } = specDiff();
    expect(stdout).toContain(
      [
        "webhook POST CallEnded (onCallEnded)",
        "  BREAKING  payload (application/json) › summary: field removed  [field-removed]",
        "",
        "webhook POST CallStarted (onCallStarted)",
        "  BREAKING  webhook: webhook removed  [webhook-removed]",
      ].join("\n"),
    );
    expect(stdout.indexOf("GET /calls/{callId}")).toBeLessThan(stdout.indexOf("webhook POST CallEnded"));
    expect(stdout).toMatch(
      /^1 operation\(s\) and 2 webhook\(s\) changed: 3 breaking, 0 not breaking → a major version bump/m,
    );
    expect(status).toBe(1);
  });

  it("--json lists webhooks by name, method and operationId", () => {
    const { status, stdout } = specDiff("--json");
    const result = JSON.parse(stdout) as DiffResult;
    expect(result.counts).toEqual({ operations: 1, webhooks: 2, breaking: 3, other: 0 });
    expect(result.webhooks).toEqual([
      {
        name: "CallEnded",
        method: "POST",
        operationId: "onCallEnded",
        changes: [
          {
            rule: "field-removed",
            breaking: true,
            where: "payload (application/json) › summary",
            detail: "field removed",
          },
        ],
      },
      {
        name: "CallStarted",
        method: "POST",
        operationId: "onCallStarted",
        changes: [{ rule: "webhook-removed", breaking: true, where: "webhook", detail: "webhook removed" }],
      },
    ]);
    expect(status).toBe(1);
  });
});
