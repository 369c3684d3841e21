/** Trees of files for the spec:diff tests of references between files, written to a temporary folder. */
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { stringify } from "yaml";
import { loadSpec } from "../scripts/spec-diff/load.js";
import type { JsonObject } from "../scripts/spec-diff/refs.js";
import { root } from "./spec-diff-helpers.js";

export const HIGHLEVEL = path.join(root, "test/fixtures/spec-diff/highlevel");

/** A folder that the test removes afterwards (call `remove`). */
export async function tempDir(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "spec-diff-files-"));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** Writes each file (`.yaml` as YAML, anything else as JSON, a string as it is) under `dir`. */
export async function writeTree(dir: string, files: Record<string, JsonObject | string>): Promise<void> {
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    await mkdir(path.dirname(file), { recursive: true });
    const text =
      typeof content === "string"
        ? content
        : name.endsWith(".yaml")
          ? stringify(content)
          : JSON.stringify(content);
    await writeFile(file, text);
  }
}

/** A copy of the HighLevel-shaped fixture tree `old` or `new` under `dir`. */
export async function copyHighLevel(which: "old" | "new", dir: string): Promise<void> {
  await cp(path.join(HIGHLEVEL, which), dir, { recursive: true });
}

/** Changes a JSON file in place. */
export async function editJson(file: string, change: (doc: JsonObject) => void): Promise<void> {
  const doc = JSON.parse(await readFile(file, "utf8")) as JsonObject;
  change(doc);
  await writeFile(file, JSON.stringify(doc));
}

/** An OpenAPI document whose one operation (GET /thing) answers `schema`. */
export const answering = (schema: JsonObject, extra: JsonObject = {}): JsonObject => ({
  openapi: "3.1.0",
  info: { title: "files", version: "1" },
  paths: {
    "/thing": {
      get: {
        responses: { "200": { description: "The thing.", content: { "application/json": { schema } } } },
      },
    },
  },
  ...extra,
});

/** `file` under `dir` read as spec:diff reads it, labels relative to `dir`. */
export const loadIn = (dir: string, file: string) => loadSpec(file, dir, dir);
