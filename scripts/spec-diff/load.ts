/**
 * Reads an OpenAPI document (YAML or JSON) from a file, or from git as `<rev>:<path>`
 * (`HEAD:openapi/voice-ai.yaml`: the committed spec).
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { isObject, SpecError, type Json } from "./refs.js";

export interface Loaded {
  /** How the user named it, for the report. */
  label: string;
  doc: Json;
}

function fromGit(spec: string, repoDir: string): string {
  const result = spawnSync("git", ["show", spec], { cwd: repoDir, encoding: "utf8", maxBuffer: 64 << 20 });
  if (result.error) throw new SpecError(`cannot run git to read ${spec}: ${result.error.message}`);
  if (result.status !== 0) {
    throw new SpecError(`${spec} is neither a file nor a git revision:path (${result.stderr.trim()})`);
  }
  return result.stdout;
}

export function parseDocument(text: string, label: string): Json {
  let doc: unknown;
  try {
    doc = text.trimStart().startsWith("{") ? JSON.parse(text) : parse(text, { maxAliasCount: 10_000 });
  } catch (error) {
    throw new SpecError(
      `${label}: not valid YAML or JSON (${error instanceof Error ? error.message : error})`,
    );
  }
  if (!isObject(doc) || typeof doc.openapi !== "string" || !isObject(doc.paths)) {
    throw new SpecError(`${label}: not an OpenAPI 3 document (no "openapi" version or no "paths")`);
  }
  return doc;
}

/**
 * `spec` is a path (relative to `cwd`) or `<rev>:<path>` (path relative to the repository
 * root, as git takes it).
 */
export function loadSpec(spec: string, cwd: string, repoDir: string): Loaded {
  if (spec.trim() === "") throw new SpecError("an empty document name was given");
  const file = path.resolve(cwd, spec);
  const text = existsSync(file)
    ? readFileSync(file, "utf8")
    : /^[^:]+:./.test(spec)
      ? fromGit(spec, repoDir)
      : undefined;
  if (text === undefined) throw new SpecError(`${spec}: no such file`);
  return { label: spec, doc: parseDocument(text, spec) };
}
