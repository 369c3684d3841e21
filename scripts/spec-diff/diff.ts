/** The whole comparison, for the CLI and for tests: two parsed documents in, a summarised result out. */
import { compareOperations, compareWebhooks } from "./compare-operations.js";
import type { Loaded } from "./load.js";
import { operations, webhooks } from "./operations.js";
import { summarise, type DiffResult } from "./report.js";

export function diffDocuments(old: Loaded, now: Loaded): DiffResult {
  return summarise(
    old.label,
    now.label,
    compareOperations(operations(old.doc), operations(now.doc)),
    compareWebhooks(webhooks(old.doc), webhooks(now.doc)),
  );
}
