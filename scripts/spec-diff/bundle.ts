/**
 * One document out of several files. HighLevel publishes each API as a JSON file whose `$ref`s
 * point into shared files (`apps/voice-ai.json` → `../common/common-schemas.json#/components/schemas/X`).
 * Each file a ref leads to is copied under FILES in the root document, and every ref to another
 * file (or inside such a copy) is rewritten into a local pointer to the copy, so the comparison
 * follows them all as it follows `#/components/...`. A path resolves relative to the file the ref
 * is in; each file is read once, so files that refer to each other terminate. A URL is refused:
 * only local files, or blobs of the same git revision, are read.
 */
import { parseText } from "./parse.js";
import { FILES, isObject, pointer, SpecError, token, type Json, type JsonObject } from "./refs.js";
import { readSource, resolveSource, sourceKey, sourceLabel, type Source } from "./sources.js";

/** Keywords whose value is data: a `$ref` inside it is text, never followed. */
const DATA = new Set(["example", "examples", "default", "const", "enum"]);

/** Keywords whose children are names an author chose (a property may be called `default`). */
const NAMED = new Set([
  ...["properties", "patternProperties", "dependentSchemas", "$defs", "definitions"],
  ...["paths", "webhooks", "schemas", "responses", "parameters", "requestBodies", "headers"],
  ...["pathItems", "callbacks", "links", "securitySchemes", "content", "encoding"],
]);

/** A scheme (`https:`, `file:`) or a network path (`//host/...`): not a local file. */
const URL_LIKE = /^[a-z][a-z0-9+.-]*:|^\/\//i;

interface File {
  source: Source;
  label: string;
  raw: Json;
  /** What a pointer into this file starts with once bundled: `#` for the root. */
  prefix: string;
}

export interface Origin {
  source: Source;
  /** How the user named the root document. */
  label: string;
  cwd: string;
  repoDir: string;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** `root` with every ref to another file made local; unchanged when it has none. */
export function bundle(root: Json, origin: Origin): Json {
  const rootFile: File = { source: origin.source, label: origin.label, raw: root, prefix: "#" };
  const files = new Map([[sourceKey(origin.source), rootFile]]);
  const queue = [rootFile];

  function fileAt(target: string, from: File, fail: (reason: string) => SpecError): File {
    let source: Source;
    try {
      source = resolveSource(from.source, decodeURIComponent(target));
    } catch (error) {
      throw fail(`: ${error instanceof URIError ? "malformed %-escape in its path" : message(error)}`);
    }
    const known = files.get(sourceKey(source));
    if (known) return known;
    const label = sourceLabel(source, origin.cwd);
    let raw: Json;
    try {
      raw = parseText(readSource(source, label, origin.repoDir), label);
    } catch (error) {
      throw fail(`: ${message(error)}`);
    }
    const file: File = { source, label, raw, prefix: `#/${FILES}/${token(label)}` };
    files.set(sourceKey(source), file);
    queue.push(file);
    return file;
  }

  function localRef(ref: string, from: File): string {
    const fail = (reason: string) => new SpecError(`${from.label}: $ref ${JSON.stringify(ref)}${reason}`);
    const hash = ref.indexOf("#");
    const [target, fragment] = hash < 0 ? [ref, ""] : [ref.slice(0, hash), ref.slice(hash + 1)];
    if (URL_LIKE.test(target)) throw fail(" is a URL: spec:diff reads local files only");
    if (fragment !== "" && !fragment.startsWith("/")) {
      throw fail(" has a fragment that is not a JSON pointer (#/...)");
    }
    // The root's own refs stay as written (and are checked when followed, as before).
    if (target === "" && from === rootFile) return ref;
    const into = target === "" ? from : fileAt(target, from, fail);
    try {
      pointer(into.raw, `#${fragment}`);
    } catch {
      throw fail(` points to nothing in ${into.label}`);
    }
    return into.prefix + fragment;
  }

  /** A copy of `node` with its refs made local; `names`: the keys of `node` are names, not keywords. */
  function walk(node: Json, names: boolean, from: File): Json {
    if (Array.isArray(node)) return node.map((item) => walk(item, false, from));
    if (!isObject(node)) return node;
    const entries = Object.entries(node).map(([key, value]): [string, Json] => {
      if (names) return [key, walk(value, false, from)];
      if (key === "$ref" && typeof value === "string") return [key, localRef(value, from)];
      if (DATA.has(key) || key.startsWith("x-")) return [key, value];
      if (key === "mapping" && isObject(value)) return [key, mapping(value, from)];
      return [key, walk(value, NAMED.has(key), from)];
    });
    // fromEntries, not assignment: a key "__proto__" stays an ordinary own key.
    return Object.fromEntries(entries);
  }

  /** A discriminator's mapping values are refs too, unless they are bare schema names. */
  const mapping = (value: JsonObject, from: File): JsonObject =>
    Object.fromEntries(
      Object.entries(value).map(([key, target]) => [
        key,
        typeof target === "string" && /[#/]/.test(target) ? localRef(target, from) : target,
      ]),
    );

  const bundledRoot = walk(root, false, rootFile);
  const copies: [string, Json][] = [];
  // The queue grows while it is walked: each file found adds the files it refers to.
  for (let i = 1; i < queue.length; i++)
    copies.push([queue[i]!.label, walk(queue[i]!.raw, false, queue[i]!)]);
  if (copies.length === 0) return bundledRoot;
  if (!isObject(bundledRoot) || Object.hasOwn(bundledRoot, FILES)) {
    throw new SpecError(`${origin.label}: has a top-level ${FILES}, the key spec:diff keeps other files in`);
  }
  return { ...bundledRoot, [FILES]: Object.fromEntries(copies) };
}
