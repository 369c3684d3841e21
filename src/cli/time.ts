/**
 * `--since` / `--until` values, read strictly: a duration back from now (`30d`, `12h`, `90m`,
 * `45s`, `2w`), a date (`2024-05-01`, midnight UTC), a date and time with its zone
 * (`2024-05-01T12:00:00Z`, `…+02:00`), epoch milliseconds, or `now`. Anything else, an impossible
 * date (Feb 30) or a time without a zone, is a usage error naming the flag.
 */
import { usageError } from "./exit-codes.js";
import { printable } from "./args.js";

const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;
/** Far enough back for any call log, near enough that the arithmetic stays exact. */
const MAX_BACK_MS = 100 * 365 * UNIT_MS.d;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

export const TIME_FORMS =
  "a duration back from now (30d, 12h, 90m, 45s, 2w), a date (2024-05-01), a UTC or offset date-time (2024-05-01T12:00:00Z), epoch ms, or now";

/** Epoch ms of a `--since`/`--until` value, relative to `now`. */
export function parseTime(flag: string, text: string, now: number, command: string): number {
  const fail = (why: string): never => {
    throw usageError(`${flag} ${printable(text)}: ${why}`, command);
  };
  if (text === "now") return now;
  const relative = /^(\d{1,7})([smhdw])$/.exec(text);
  if (relative) {
    const back = Number(relative[1]) * UNIT_MS[relative[2] as keyof typeof UNIT_MS];
    if (back > MAX_BACK_MS) fail("more than 100 years back");
    return now - back;
  }
  if (/^\d{10,16}$/.test(text)) {
    const ms = Number(text);
    if (!Number.isSafeInteger(ms)) fail("not a safe integer of milliseconds");
    // Ten digits are seconds, not milliseconds: a common mix-up, refused rather than guessed.
    if (text.length < 12) fail("looks like epoch seconds; give milliseconds (13 digits) or a date");
    return ms;
  }
  const date = DATE.exec(text);
  const dateTime = date ? undefined : DATE_TIME.exec(text);
  if (!date && !dateTime) {
    if (/^\d{4}-\d{2}-\d{2}T[\d:.]+$/.test(text))
      fail("a date-time needs its zone: add Z or an offset like +02:00");
    fail(`not a time: use ${TIME_FORMS}`);
  }
  const [, y, mo, d, h = "00", mi = "00", s = "00"] = (date ?? dateTime)!;
  const fields = [y, mo, d, h, mi, s].map(Number) as [number, number, number, number, number, number];
  const [year, month, day, hour, minute, second] = fields;
  const utc = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(utc);
  // Date.UTC rolls Feb 30 over to March 2: the fields must survive the round trip.
  if (
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  )
    fail("no such date or time");
  if (date) return utc;
  const fraction = dateTime![7] ? Math.round(Number(dateTime![7]) * 1000) : 0;
  const zone = dateTime![8]!;
  let offset = 0;
  if (zone !== "Z") {
    const [zh, zm] = zone.slice(1).split(":").map(Number) as [number, number];
    if (zh > 23 || zm > 59) fail("no such zone offset");
    offset = (zone[0] === "-" ? -1 : 1) * (zh * 60 + zm) * 60_000;
  }
  return utc + fraction - offset;
}

/** A window `[since, until]` for export: since before until, until not after now. */
export function parseWindow(
  sinceText: string | undefined,
  untilText: string | undefined,
  now: number,
  command: string,
): { since: number; until: number } {
  if (sinceText === undefined) throw usageError("--since is required (for example --since 30d)", command);
  const since = parseTime("--since", sinceText, now, command);
  const until = untilText === undefined ? now : parseTime("--until", untilText, now, command);
  if (until > now)
    throw usageError("--until is in the future: calls after now cannot be exported yet", command);
  if (since >= until) throw usageError("--since must be before --until", command);
  return { since, until };
}
