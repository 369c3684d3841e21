/** Per operation (method + path) and per webhook (method + name): what changed in its parts. */
import type { Change, OperationChanges, WebhookChanges } from "./change.js";
import {
  API,
  compareBody,
  compareParameters,
  compareResponses,
  WEBHOOK,
  type Add,
  type Sides,
} from "./compare-parts.js";
import type { Operation } from "./operations.js";

function compareOne(before: Operation, after: Operation, sides: Sides, add: Add, out: Change[]): void {
  if (before.operationId !== after.operationId) {
    const detail = `operationId ${before.operationId ?? "none"} → ${after.operationId ?? "none"} (renames generated types: see check:api)`;
    add("operation-id-changed", false, "operation", detail);
  }
  if (before.summary !== after.summary || before.description !== after.description) {
    add("description-changed", false, "operation", "summary or description changed");
  }
  if (!before.deprecated && after.deprecated) add("deprecated", false, "operation", "now deprecated");
  compareParameters(before, after, sides, add, out);
  compareBody(before.body, after.body, sides, add, out);
  compareResponses(before, after, sides, add, out);
}

/** The changes of each key present on either side, in key order; unchanged ones left out. */
function compareAll(old: Map<string, Operation>, now: Map<string, Operation>, webhook: boolean) {
  const result: { shown: Operation; changes: Change[] }[] = [];
  const what = webhook ? "webhook" : "operation";
  for (const key of [...new Set([...old.keys(), ...now.keys()])].sort()) {
    const [before, after] = [old.get(key), now.get(key)];
    const changes: Change[] = [];
    const add: Add = (rule, breaking, where, detail) => changes.push({ rule, breaking, where, detail });
    if (!after) add(`${what}-removed`, true, what, `${what} removed`);
    else if (!before) add(`${what}-added`, false, what, `${what} added`);
    else compareOne(before, after, webhook ? WEBHOOK : API, add, changes);
    if (changes.length > 0) result.push({ shown: (after ?? before)!, changes });
  }
  return result;
}

export const compareOperations = (old: Map<string, Operation>, now: Map<string, Operation>) =>
  compareAll(old, now, false).map(({ shown, changes }): OperationChanges => ({
    method: shown.method,
    path: shown.path,
    operationId: shown.operationId,
    changes,
  }));

export const compareWebhooks = (old: Map<string, Operation>, now: Map<string, Operation>) =>
  compareAll(old, now, true).map(({ shown, changes }): WebhookChanges => ({
    name: shown.path,
    method: shown.method,
    operationId: shown.operationId,
    changes,
  }));
