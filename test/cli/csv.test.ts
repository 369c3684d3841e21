/**
 * CSV output: RFC 4180 (read back by an independent parser in this file), every call log field
 * in one cell (transcripts with their line breaks), and spreadsheet formula injection neutralised.
 */
import { describe, expect, it } from "vitest";
import { callLogColumns, cellText, csvHeader, csvRow } from "../../src/cli/export/csv.js";

/** RFC 4180 as written: records end in CRLF, fields are quoted when they hold `,` `"` CR or LF. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') ((field += '"'), (i += 2));
      else if (c === '"') ((quoted = false), i++);
      else ((field += c), i++);
    } else if (c === '"' && field === "") ((quoted = true), i++);
    else if (c === ",") (record.push(field), (field = ""), i++);
    else if (c === "\r" && text[i + 1] === "\n")
      (record.push(field), records.push(record), (record = []), (field = ""), (i += 2));
    else if (c === '"' || c === "\r" || c === "\n") throw new Error(`bare ${JSON.stringify(c)} at ${i}`);
    else ((field += c), i++);
  }
  if (field !== "" || record.length) throw new Error("the last record has no CRLF");
  return records;
}

const log = {
  locationId: "LOC1",
  id: "c1",
  agentId: "a1",
  isAgentDeleted: false,
  createdAt: "2024-01-15T10:30:00.000Z",
  duration: 180,
  trialCall: false,
  executedCallActions: [{ actionType: "SMS", actionParameters: { messageBody: 'Say "hi", then bye' } }],
  summary: "Asked, about pricing",
  transcript: 'bot: Hello, how can I help?\r\nhuman: "Pricing", please\nbot: Sure',
  extractedData: { email: "a@b.c" },
};

describe("CSV", () => {
  it("has the location, then every property of the spec's CallLog, as its header", () => {
    const columns = callLogColumns();
    expect(columns[0]).toBe("locationId");
    expect(columns).toEqual(
      expect.arrayContaining(["id", "createdAt", "transcript", "summary", "executedCallActions"]),
    );
    expect(parseCsv(csvHeader(columns))).toEqual([columns]);
  });

  it("quotes what must be quoted and reads back cell for cell, a transcript with its line breaks in one cell", () => {
    const columns = callLogColumns();
    const rows = parseCsv(csvHeader(columns) + csvRow(columns, log) + csvRow(columns, { ...log, id: "c2" }));
    expect(rows).toHaveLength(3);
    const row = Object.fromEntries(columns.map((c, i) => [c, rows[1]![i]]));
    expect(row.transcript).toBe(log.transcript);
    expect(row.summary).toBe("Asked, about pricing");
    expect(JSON.parse(row.executedCallActions!)).toEqual(log.executedCallActions);
    expect(JSON.parse(row.extractedData!)).toEqual({ email: "a@b.c" });
    expect(row.duration).toBe("180");
    expect(row.trialCall).toBe("false");
    expect(row.contactId).toBe(""); // absent: an empty cell
    expect(rows[2]![columns.indexOf("id")]).toBe("c2");
  });

  it.each([
    ['=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'],
    ["+1 555 0100", "'+1 555 0100"],
    ["-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"],
    ["@SUM(A1:A2)", "'@SUM(A1:A2)"],
    ["\t=1+1", "'\t=1+1"],
    ["\r=1+1", "'\r=1+1"],
    ["\uFF1D1+1", "'\uFF1D1+1"],
    ["plain text", "plain text"],
    ["a = b", "a = b"],
  ])("neutralises a text cell starting with a formula character: %j", (value, expected) => {
    expect(cellText(value)).toBe(expected);
    const [record] = parseCsv(csvRow(["summary"], { summary: value }));
    expect(record).toEqual([expected]);
  });

  it("leaves numbers and booleans as they are (a negative number is no formula), and JSON cells are neutralised too", () => {
    expect(cellText(-5)).toBe("-5");
    expect(cellText(true)).toBe("true");
    expect(cellText(null)).toBe("");
    expect(cellText(["=1"])).toBe('["=1"]');
    expect(cellText({ k: 1 })).toBe('{"k":1}');
  });

  it("neutralises a hostile call log's every text field, whatever the field", () => {
    const hostile = Object.fromEntries(callLogColumns().map((c) => [c, "=cmd|'/C calc'!A0"]));
    const [record] = parseCsv(csvRow(callLogColumns(), hostile));
    expect(record!.every((cell) => cell.startsWith("'="))).toBe(true);
  });
});
