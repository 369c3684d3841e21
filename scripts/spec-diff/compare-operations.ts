/** Per operation (method + path): what changed in its parameters, request body and responses. */
import type { Change, OperationChanges, Rule } from "./change.js";
import { schemaChanges } from "./compare-schema.js";
import type { Body, Operation, Parameter, Response } from "./operations.js";
import type { Shape } from "./shape.js";

type Add = (rule: Rule, breaking: boolean, where: string, detail: string) => void;

const isSuccess = (status: string) => /^2(\d\d|XX)$/.test(status);

function compareParameters(old: Operation, now: Operation, add: Add, out: Change[]): void {
  for (const [key, before] of old.parameters) {
    const after = now.parameters.get(key);
    const where = `${before.in} parameter ${before.name}`;
    if (!after) {
      add("parameter-removed", true, where, "parameter removed");
      continue;
    }
    if (!before.required && after.required) add("parameter-required", true, where, "parameter now required");
    if (before.required && !after.required) add("parameter-optional", false, where, "parameter now optional");
    if (before.style !== after.style) {
      add("parameter-style-changed", true, where, `serialisation ${before.style} → ${after.style}`);
    }
    if (before.description !== after.description)
      add("description-changed", false, where, "description changed");
    if (!before.deprecated && after.deprecated) add("deprecated", false, where, "now deprecated");
    out.push(...schemaChanges(before.shape, after.shape, "request", where));
  }
  for (const [key, after] of now.parameters) {
    if (old.parameters.has(key)) continue;
    const detail = after.required ? "required parameter added" : "optional parameter added";
    add("parameter-added", after.required, `${after.in} parameter ${after.name}`, detail);
  }
}

/** Media types on both sides are compared; removing one breaks the side that used it. */
function compareContent(
  before: Map<string, Shape>,
  after: Map<string, Shape>,
  direction: "request" | "response",
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

function compareBody(old: Body | undefined, now: Body | undefined, add: Add, out: Change[]): void {
  const where = "request body";
  if (!old && !now) return;
  if (!now) return add("body-removed", true, where, "request body removed");
  if (!old) {
    return add(
      "body-added",
      now.required,
      where,
      now.required ? "required body added" : "optional body added",
    );
  }
  if (!old.required && now.required) add("body-required", true, where, "request body now required");
  if (old.required && !now.required) add("body-optional", false, where, "request body now optional");
  if (old.description !== now.description) add("description-changed", false, where, "description changed");
  compareContent(old.content, now.content, "request", where, add, out);
}

function compareResponse(status: string, old: Response, now: Response, add: Add, out: Change[]): void {
  const where = `response ${status}`;
  if (old.description !== now.description) add("description-changed", false, where, "description changed");
  for (const [key, header] of old.headers) {
    const other = now.headers.get(key);
    const at = `${where} header ${header.name}`;
    if (!other) add("header-removed", true, at, "response header removed");
    else out.push(...schemaChanges(header.shape, other.shape, "response", at));
  }
  for (const [key, header] of now.headers) {
    if (!old.headers.has(key))
      add("header-added", false, `${where} header ${header.name}`, "response header added");
  }
  compareContent(old.content, now.content, "response", where, add, out);
}

function compareResponses(old: Operation, now: Operation, add: Add, out: Change[]): void {
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
    const rule = isSuccess(status) ? "success-status-added" : "response-added";
    add(
      rule,
      false,
      `response ${status}`,
      isSuccess(status) ? "success status added" : "error response added",
    );
  }
  for (const [status, before] of old.responses) {
    const after = now.responses.get(status);
    if (after) compareResponse(status, before, after, add, out);
  }
  // A success status swapped for another: still compare what the body holds.
  const successRemoved = removed.filter(isSuccess);
  if (successRemoved.length === 1 && successAdded.length === 1) {
    const [from, to] = [successRemoved[0]!, successAdded[0]!];
    compareContent(
      old.responses.get(from)!.content,
      now.responses.get(to)!.content,
      "response",
      `response ${from} → ${to}`,
      add,
      out,
    );
  }
}

export function compareOperations(
  old: Map<string, Operation>,
  now: Map<string, Operation>,
): OperationChanges[] {
  const result: OperationChanges[] = [];
  const keys = [...new Set([...old.keys(), ...now.keys()])].sort();
  for (const key of keys) {
    const [before, after] = [old.get(key), now.get(key)];
    const shown = (after ?? before)!;
    const changes: Change[] = [];
    const add: Add = (rule, breaking, where, detail) => changes.push({ rule, breaking, where, detail });
    if (!after) add("operation-removed", true, "operation", "operation removed");
    else if (!before) add("operation-added", false, "operation", "operation added");
    else {
      if (before.operationId !== after.operationId) {
        const detail = `operationId ${before.operationId ?? "none"} → ${after.operationId ?? "none"} (renames generated types: see check:api)`;
        add("operation-id-changed", false, "operation", detail);
      }
      if (before.summary !== after.summary || before.description !== after.description) {
        add("description-changed", false, "operation", "summary or description changed");
      }
      if (!before.deprecated && after.deprecated) add("deprecated", false, "operation", "now deprecated");
      compareParameters(before, after, add, changes);
      compareBody(before.body, after.body, add, changes);
      compareResponses(before, after, add, changes);
    }
    if (changes.length > 0) {
      result.push({ method: shown.method, path: shown.path, operationId: shown.operationId, changes });
    }
  }
  return result;
}
