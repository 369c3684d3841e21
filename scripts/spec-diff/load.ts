/**
 * Reads an OpenAPI document (YAML or JSON) from a file, or from git as `<rev>:<path>`
 * (`HEAD:openapi/voice-ai.yaml`: the committed spec), with the files its `$ref`s lead to.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { bundle } from "./bundle.js";
import { parseDocument } from "./parse.js";
import { SpecError, type Json } from "./refs.js";
import { gitSource, readSource, type Source } from "./sources.js";

export interface Loaded {
  /** How the user named it, for the report. */
  label: string;
  doc: Json;
}

/**
 * `spec` is a path (relative to `cwd`) or `<rev>:<path>` (path relative to the repository
 * root, as git takes it); the files it refers to are read from the same place.
 */
export function loadSpec(spec: string, cwd: string, repoDir: string): Loaded {
  if (spec.trim() === "") throw new SpecError("an empty document name was given");
  // Not a git revision either: nothing but local files and git blobs is read.
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(spec))
    throw new SpecError(`${spec} is a URL: spec:diff reads local files only`);
  const file = path.resolve(cwd, spec);
  const source: Source | undefined = existsSync(file)
    ? { kind: "file", file }
    : /^[^:]+:./.test(spec)
      ? gitSource(spec)
      : undefined;
  if (source === undefined) throw new SpecError(`${spec}: no such file`);
  const doc = parseDocument(readSource(source, spec, repoDir), spec);
  return { label: spec, doc: bundle(doc, { source, label: spec, cwd, repoDir }) };
}
