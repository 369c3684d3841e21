/**
 * The parts of one operation or webhook: parameters, request body (a webhook's payload) and
 * responses (a webhook receiver's answer). Each verdict depends on who produces the part: the
 * user of this client for an API request, HighLevel for an API response and for a webhook's
 * payload and headers.
 */
import type { Change, Direction, Rule } from "./change.js";
import { schemaChanges } from "./compare-schema.js";
import type { Body, Operation, Response } from "./operations.js";
import type { Shape } from "./shape.js";

export type Add = (rule: Rule, breaking: boolean, where: string, detail: string) => void;

/** Who produces the parts of an operation, and what its body is called in the report. */
export interface Sides {
  /** Parameters and body. */
  input: Direction;
  /** Responses. */
  output: Direction;
  body: string;
}

export const API: Sides = { input: "request", output: "response", body: "request body" };
/** HighLevel sends the payload and its headers; the app's receiver produces the answer. */
export const WEBHOOK: Sides = { input: "response", output: "request", body: "payload" };

export const isSuccess = (status: string) => /^2(\d\d|XX)$/.test(status);

export function compareParameters(old: Operation, now: Operation, sides: Sides, add: Add, out: Change[]) {
  const sent = sides.input === "request";
  for (const [key, before] of old.parameters) {
    const after = now.parameters.get(key);
    const where = `${before.in} parameter ${before.name}`;
    if (!after) {
      add("parameter-removed", true, where, "parameter removed");
      continue;
    }
    if (!before.required && after.required) add("parameter-required", sent, where, "parameter now required");
    if (before.required && !after.required) add("parameter-optional", !sent, where, "parameter now optional");
    if (before.style !== after.style) {
      add("parameter-style-changed", true, where, `serialisation ${before.style} → ${after.style}`);
    }
    if (before.description !== after.description)
      add("description-changed", false, where, "description changed");
    if (!before.deprecated && after.deprecated) add("deprecated", false, where, "now deprecated");
    out.push(...schemaChanges(before.shape, after.shape, sides.input, where));
  }
  for (const [key, after] of now.parameters) {
    if (old.parameters.has(key)) continue;
    const detail = after.required ? "required parameter added" : "optional parameter added";
    add("parameter-added", sent && after.required, `${after.in} parameter ${after.name}`, detail);
  }
}

/** Media types on both sides are compared; removing one breaks the side that used it. */
export function compareContent(
  before: Map<string, Shape>,
  after: Map<string, Shape>,
  direction: Direction,
  base: string,
  add: Add,
  out: Change[],
): void {
  for (const [mediaType, shape] of before) {
    const other = after.get(mediaType);
    const where = `${base} (${mediaType})`;
    if (other) out.push(...schemaChanges(shape, other, direction, where));
    else add("media-type-removed", true, where, `media type ${mediaType} removed`);
  }
  for (const mediaType of after.keys()) {
    if (!before.has(mediaType)) add("media-type-added", false, `${base} (${mediaType})`, "media type added");
  }
}

export function compareBody(
  old: Body | undefined,
  now: Body | undefined,
  sides: Sides,
  add: Add,
  out: Change[],
) {
  const [where, sent] = [sides.body, sides.input === "request"];
  if (!old && !now) return;
  if (!now) return add("body-removed", true, where, `${where} removed`);
  if (!old) {
    const detail = now.required ? `required ${where} added` : `optional ${where} added`;
    return add("body-added", sent && now.required, where, detail);
  }
  if (!old.required && now.required) add("body-required", sent, where, `${where} now required`);
  if (old.required && !now.required) add("body-optional", !sent, where, `${where} now optional`);
  if (old.description !== now.description) add("description-changed", false, where, "description changed");
  compareContent(old.content, now.content, sides.input, where, add, out);
}

function compareResponse(
  status: string,
  old: Response,
  now: Response,
  sides: Sides,
  add: Add,
  out: Change[],
) {
  const [where, sent] = [`response ${status}`, sides.output === "request"];
  if (old.description !== now.description) add("description-changed", false, where, "description changed");
  for (const [key, header] of old.headers) {
    const other = now.headers.get(key);
    const at = `${where} header ${header.name}`;
    if (!other) add("header-removed", !sent, at, "response header removed");
    else out.push(...schemaChanges(header.shape, other.shape, sides.output, at));
  }
  for (const [key, header] of now.headers) {
    const at = `${where} header ${header.name}`;
    if (!old.headers.has(key)) add("header-added", sent && header.required, at, "response header added");
  }
  compareContent(old.content, now.content, sides.output, where, add, out);
}

export function compareResponses(old: Operation, now: Operation, sides: Sides, add: Add, out: Change[]) {
  const removed = [...old.responses.keys()].filter((s) => !now.responses.has(s));
  const added = [...now.responses.keys()].filter((s) => !old.responses.has(s));
  const successAdded = added.filter(isSuccess);
  for (const status of removed) {
    if (!isSuccess(status)) {
      add("response-removed", false, `response ${status}`, "error response no longer documented");
      continue;
    }
    const instead = successAdded.length ? ` (now ${successAdded.join(", ")})` : "";
    add("success-status-removed", true, `response ${status}`, `success status ${status} removed${instead}`);
  }
  for (const status of added) {
    const success = isSuccess(status);
    const [rule, detail] = success
      ? (["success-status-added", "success status added"] as const)
      : (["response-added", "error response added"] as const);
    add(rule, false, `response ${status}`, detail);
  }
  for (const [status, before] of old.responses) {
    const after = now.responses.get(status);
    if (after) compareResponse(status, before, after, sides, add, out);
  }
  // A success status swapped for another: still compare what the body holds.
  const successRemoved = removed.filter(isSuccess);
  if (successRemoved.length === 1 && successAdded.length === 1) {
    const [from, to] = [successRemoved[0]!, successAdded[0]!];
    const [before, after] = [old.responses.get(from)!.content, now.responses.get(to)!.content];
    compareContent(before, after, sides.output, `response ${from} → ${to}`, add, out);
  }
}
