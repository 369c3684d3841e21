/**
 * spec:diff's output: per operation and per webhook, each change marked breaking or not, and the
 * bump it calls for.
 */
import type { Change, OperationChanges, WebhookChanges } from "./change.js";

export type Bump = "major" | "minor" | "patch" | "none";

export interface DiffResult {
  old: string;
  new: string;
  breaking: boolean;
  /** The semver bump the changes call for: breaking → major, additions → minor, prose → patch. */
  bump: Bump;
  counts: { operations: number; webhooks: number; breaking: number; other: number };
  operations: OperationChanges[];
  webhooks: WebhookChanges[];
}

export function summarise(
  old: string,
  now: string,
  operations: OperationChanges[],
  webhooks: WebhookChanges[],
): DiffResult {
  const all = [...operations, ...webhooks].flatMap((o) => o.changes);
  const breaking = all.filter((c) => c.breaking).length;
  const additive = all.some((c) => !c.breaking && c.rule !== "description-changed");
  const bump: Bump = breaking > 0 ? "major" : additive ? "minor" : all.length > 0 ? "patch" : "none";
  return {
    old,
    new: now,
    breaking: breaking > 0,
    bump,
    counts: {
      operations: operations.length,
      webhooks: webhooks.length,
      breaking,
      other: all.length - breaking,
    },
    operations,
    webhooks,
  };
}

const BUMP_TEXT: Record<Bump, string> = {
  major: "a major version bump (breaking changes)",
  minor: "a minor version bump (additions only)",
  patch: "a patch version bump at most (descriptions only)",
  none: "no version bump",
};

function block(title: string, changes: Change[]): string[] {
  const sorted = [...changes].sort((a, b) => Number(b.breaking) - Number(a.breaking));
  return [
    title,
    ...sorted.map((c) => `  ${c.breaking ? "BREAKING" : "ok      "}  ${c.where}: ${c.detail}  [${c.rule}]`),
    "",
  ];
}

export function formatText(result: DiffResult): string {
  const lines = [`spec:diff ${result.old} → ${result.new}`, ""];
  const id = (operationId: string | undefined) => (operationId ? ` (${operationId})` : "");
  for (const op of result.operations)
    lines.push(...block(`${op.method} ${op.path}${id(op.operationId)}`, op.changes));
  for (const hook of result.webhooks) {
    lines.push(...block(`webhook ${hook.method} ${hook.name}${id(hook.operationId)}`, hook.changes));
  }
  const { operations, webhooks, breaking, other } = result.counts;
  const changed = [
    ...(operations ? [`${operations} operation(s)`] : []),
    ...(webhooks ? [`${webhooks} webhook(s)`] : []),
  ].join(" and ");
  lines.push(
    changed === ""
      ? "No difference in any operation or webhook: no version bump."
      : `${changed} changed: ${breaking} breaking, ${other} not breaking → ${BUMP_TEXT[result.bump]}.`,
  );
  return lines.join("\n");
}
