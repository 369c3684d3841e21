/**
 * CSV as RFC 4180 has it (a header row, CRLF between records, a field quoted when it holds a
 * comma, a quote, CR or LF, quotes doubled), made safe to open in a spreadsheet: a text cell
 * that starts with `=`, `+`, `-`, `@`, a tab or a CR (or their full-width forms, which some
 * spreadsheets also read as formulas) gets a leading `'`, so it is shown as text and never run as
 * a formula (OWASP's advice on CSV injection). Numbers and booleans are written as they are.
 */
import { operationDocs } from "../../../generated/operation-docs.js";

/** The columns of a call log: its location, then every property of the spec's CallLog schema. */
export function callLogColumns(): string[] {
  const properties = operationDocs.listCallLogs.items?.properties ?? [];
  return ["locationId", ...properties.filter((name) => name !== "locationId")];
}

const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/** One cell's text: objects and arrays as JSON, text neutralised, absent as an empty cell. */
export function cellText(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** A cell as it goes in the file: quoted when it must be. */
export function quoteCell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record, CRLF-terminated. */
export function csvRecord(cells: readonly string[]): string {
  return cells.map(quoteCell).join(",") + "\r\n";
}

export function csvHeader(columns: readonly string[]): string {
  return csvRecord(columns);
}

/** A call log (with its locationId) as one record of `columns`. */
export function csvRow(columns: readonly string[], log: object): string {
  return csvRecord(
    columns.map((column) => cellText(Object.hasOwn(log, column) ? Reflect.get(log, column) : undefined)),
  );
}
