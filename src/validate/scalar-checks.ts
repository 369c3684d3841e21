/**
 * The checks of one value against a schema's type and scalar keywords (length, pattern, format,
 * bounds), each violation worded as the rule the value breaks.
 */
import type { JsonSchema } from "./table.js";
import type { Violation } from "./schema-context.js";

type Out = Violation[];
export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
const patterns = new Map<string, RegExp>();
// RFC 3339 date-time, and a plain address check (something@domain.tld) for emails.
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

export function typeOk(type: string, value: unknown): boolean {
  switch (type) {
    case "string":
      return typeof value === "string";
    case "number":
      return typeof value === "number" && Number.isFinite(value);
    case "integer":
      return Number.isInteger(value);
    case "boolean":
      return typeof value === "boolean";
    case "array":
      return Array.isArray(value);
    case "object":
      return isObject(value);
    case "null":
      return value === null;
    default:
      return false;
  }
}

export const TYPE_RULE: Record<string, string> = {
  string: "must be a string",
  number: "must be a finite number",
  integer: "must be an integer",
  boolean: "must be true or false",
  array: "must be a list",
  object: "must be an object",
  null: "must be null",
};

export function checkString(s: JsonSchema, value: string, path: string, out: Out) {
  // Characters, not UTF-16 units; counted only when a bound could be near.
  const length = s.minLength === undefined && s.maxLength === undefined ? 0 : [...value].length;
  if (s.minLength !== undefined && length < s.minLength)
    out.push({
      path,
      rule: s.minLength === 1 ? "must not be empty" : `at least ${plural(s.minLength, "character")}`,
    });
  if (s.maxLength !== undefined && length > s.maxLength)
    out.push({ path, rule: `at most ${plural(s.maxLength, "character")}` });
  if (s.pattern !== undefined) {
    let re = patterns.get(s.pattern);
    if (!re) patterns.set(s.pattern, (re = new RegExp(s.pattern, "u")));
    if (!re.test(value)) out.push({ path, rule: `must match ${s.pattern}` });
  }
  if (s.format === "date-time" && (!DATE_TIME.test(value) || Number.isNaN(Date.parse(value))))
    out.push({ path, rule: "must be a date-time (RFC 3339)" });
  if (s.format === "email" && !EMAIL.test(value)) out.push({ path, rule: "must be an email address" });
}

export function checkNumber(s: JsonSchema, value: number, path: string, out: Out) {
  if (s.minimum !== undefined && value < s.minimum) out.push({ path, rule: `at least ${s.minimum}` });
  if (s.maximum !== undefined && value > s.maximum) out.push({ path, rule: `at most ${s.maximum}` });
  if (s.exclusiveMinimum !== undefined && value <= s.exclusiveMinimum)
    out.push({ path, rule: `more than ${s.exclusiveMinimum}` });
  if (s.exclusiveMaximum !== undefined && value >= s.exclusiveMaximum)
    out.push({ path, rule: `less than ${s.exclusiveMaximum}` });
}
