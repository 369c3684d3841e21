/** How every benchmark prints: aligned tables, and the machine and its load beside the figures. */
import os from "node:os";

/**
 * Prints rows as columns under a ruled header: the first and last columns left-aligned (names,
 * goals), the figures between right-aligned.
 */
export function printTable(rows: readonly (readonly string[])[]): void {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? "").length)));
  for (const [i, row] of rows.entries()) {
    const cells = row.map((cell, c) =>
      c === 0 || c === row.length - 1 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!),
    );
    console.log(cells.join("  ").trimEnd());
    if (i === 0) console.log(widths.map((w) => "-".repeat(w)).join("  "));
  }
}

/** The 1, 5 and 15 minute load averages: other processes on the machine skew every figure. */
export const loadAverage = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(", ");

/** "node v20.x, 2 CPUs (model)": the first words of every benchmark's output. */
export const machine = () =>
  `node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model.trim()})`;

/** The same rows as a Markdown table (`npm run bench:cluster`'s format), to paste into an issue. */
export function printMarkdownTable(rows: readonly (readonly string[])[]): void {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? "").length)));
  for (const [i, row] of rows.entries()) {
    console.log(`| ${row.map((cell, c) => cell.padEnd(widths[c]!)).join(" | ")} |`);
    if (i === 0) console.log(`| ${widths.map((w) => "-".repeat(w)).join(" | ")} |`);
  }
}
