/** spec:diff's output: per operation, each change marked breaking or not, and the bump it calls for. */
import type { OperationChanges } from "./change.js";

export type Bump = "major" | "minor" | "patch" | "none";

export interface DiffResult {
  old: string;
  new: string;
  breaking: boolean;
  /** The semver bump the changes call for: breaking → major, additions → minor, prose → patch. */
  bump: Bump;
  counts: { operations: number; breaking: number; other: number };
  operations: OperationChanges[];
}

export function summarise(old: string, now: string, operations: OperationChanges[]): DiffResult {
  const all = operations.flatMap((o) => o.changes);
  const breaking = all.filter((c) => c.breaking).length;
  const additive = all.some((c) => !c.breaking && c.rule !== "description-changed");
  const bump: Bump = breaking > 0 ? "major" : additive ? "minor" : all.length > 0 ? "patch" : "none";
  return {
    old,
    new: now,
    breaking: breaking > 0,
    bump,
    counts: { operations: operations.length, breaking, other: all.length - breaking },
    operations,
  };
}

const BUMP_TEXT: Record<Bump, string> = {
  major: "a major version bump (breaking changes)",
  minor: "a minor version bump (additions only)",
  patch: "a patch version bump at most (descriptions only)",
  none: "no version bump",
};

export function formatText(result: DiffResult): string {
  const lines = [`spec:diff ${result.old} → ${result.new}`, ""];
  for (const op of result.operations) {
    lines.push(`${op.method} ${op.path}${op.operationId ? ` (${op.operationId})` : ""}`);
    const sorted = [...op.changes].sort((a, b) => Number(b.breaking) - Number(a.breaking));
    for (const change of sorted) {
      const mark = change.breaking ? "BREAKING" : "ok      ";
      lines.push(`  ${mark}  ${change.where}: ${change.detail}  [${change.rule}]`);
    }
    lines.push("");
  }
  const { operations, breaking, other } = result.counts;
  lines.push(
    operations === 0
      ? "No difference in any operation: no version bump."
      : `${operations} operation(s) changed: ${breaking} breaking, ${other} not breaking → ${BUMP_TEXT[result.bump]}.`,
  );
  return lines.join("\n");
}
