/** --since / --until: read strictly, each bad value a usage error (exit 2) naming the flag. */
import { describe, expect, it } from "vitest";
import { CliError } from "../../src/cli/exit-codes.js";
import { parseTime, parseWindow } from "../../src/cli/time.js";

const NOW = Date.UTC(2024, 4, 15, 12, 0, 0);
const at = (text: string) => parseTime("--since", text, NOW, "calls export");

describe("time values", () => {
  it.each([
    ["30d", NOW - 30 * 86_400_000],
    ["12h", NOW - 12 * 3_600_000],
    ["90m", NOW - 90 * 60_000],
    ["45s", NOW - 45_000],
    ["2w", NOW - 14 * 86_400_000],
    ["0d", NOW],
    ["now", NOW],
    ["2024-05-01", Date.UTC(2024, 4, 1)],
    ["2024-02-29", Date.UTC(2024, 1, 29)],
    ["2024-05-01T12:30:00Z", Date.UTC(2024, 4, 1, 12, 30)],
    ["2024-05-01T12:30Z", Date.UTC(2024, 4, 1, 12, 30)],
    ["2024-05-01T12:30:00.250Z", Date.UTC(2024, 4, 1, 12, 30, 0, 250)],
    ["2024-05-01T14:30:00+02:00", Date.UTC(2024, 4, 1, 12, 30)],
    ["2024-05-01T07:30:00-05:00", Date.UTC(2024, 4, 1, 12, 30)],
    ["1714566600000", 1714566600000],
  ])("reads %j", (text, expected) => {
    expect(at(text)).toBe(expected);
  });

  it.each([
    ["", "not a time"],
    ["30", "not a time"],
    ["30 d", "not a time"],
    ["-30d", "not a time"],
    ["30D", "not a time"],
    ["1.5d", "not a time"],
    ["30y", "not a time"],
    ["yesterday", "not a time"],
    ["2024-02-30", "no such date"],
    ["2023-02-29", "no such date"],
    ["2024-13-01", "no such date"],
    ["2024-05-01T24:00:00Z", "no such date"],
    ["2024-05-01T12:60:00Z", "no such date"],
    ["2024-05-01T12:00:00+24:00", "no such zone"],
    ["2024-05-01T12:00:00", "needs its zone"],
    ["2024-05-01 12:00:00Z", "not a time"],
    ["1714566600", "epoch seconds"],
    ["99999999999999999", "not a time"],
    ["9999999d", "more than 100 years"],
    ["../../etc/passwd", "not a time"],
    ["30d\n", "not a time"],
    ["__proto__", "not a time"],
  ])("refuses %j: %s", (text, why) => {
    let error: unknown;
    try {
      at(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exitCode).toBe(2);
    expect((error as CliError).message).toMatch(/^--since /);
    expect((error as CliError).message).toContain(why);
    expect((error as CliError).message).not.toContain("\n");
  });

  it("a window needs --since, since before until, and no until in the future", () => {
    expect(parseWindow("2d", "1d", NOW, "x")).toEqual({
      since: NOW - 2 * 86_400_000,
      until: NOW - 86_400_000,
    });
    expect(parseWindow("2d", undefined, NOW, "x")).toEqual({ since: NOW - 2 * 86_400_000, until: NOW });
    expect(() => parseWindow(undefined, undefined, NOW, "x")).toThrow(/--since is required/);
    expect(() => parseWindow("1d", "2d", NOW, "x")).toThrow(/--since must be before --until/);
    expect(() => parseWindow("1d", "1d", NOW, "x")).toThrow(/--since must be before --until/);
    expect(() => parseWindow("1d", "2030-01-01", NOW, "x")).toThrow(/--until is in the future/);
  });
});
