/** Text to JSON: YAML or JSON, any document (a referenced file) or an OpenAPI document (the root). */
import { parse } from "yaml";
import { isObject, SpecError, type Json } from "./refs.js";

/** Any YAML or JSON value; a parser's message is cut to its first line (YAML adds a code frame). */
export function parseText(text: string, label: string): Json {
  try {
    return (
      text.trimStart().startsWith("{") ? JSON.parse(text) : parse(text, { maxAliasCount: 10_000 })
    ) as Json;
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).split("\n")[0];
    throw new SpecError(`${label}: not valid YAML or JSON (${message})`);
  }
}

/** An OpenAPI 3 document: an "openapi" version and operations (`paths`) or events (`webhooks`, 3.1). */
export function parseDocument(text: string, label: string): Json {
  const doc = parseText(text, label);
  if (!isObject(doc) || typeof doc.openapi !== "string" || !(isObject(doc.paths) || isObject(doc.webhooks))) {
    throw new SpecError(
      `${label}: not an OpenAPI 3 document (no "openapi" version, or no "paths" or "webhooks")`,
    );
  }
  return doc;
}
