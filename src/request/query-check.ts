/**
 * A query value checked against its parameter's schema from the spec (type, enum, bounds) before
 * anything is sent: `[object Object]`, `NaN`, `"live"` for an enum of `LIVE`/`TRIAL` or a page
 * size over the spec's maximum never reach the server.
 */
import { describe } from "./checks.js";

/** The part of a query parameter's schema the client checks (generated/operations.ts). */
export interface QueryRule {
  readonly type: "string" | "number" | "integer" | "boolean" | "array";
  readonly enum?: readonly (string | number)[];
  readonly min?: number;
  readonly max?: number;
  readonly items?: Omit<QueryRule, "items">;
}

export function checkQueryValue(
  name: string,
  value: unknown,
  rule: QueryRule,
  fail: (message: string) => never,
) {
  const blank = typeof value === "string" && !value.trim();
  if (value === null || blank || (Array.isArray(value) && !value.length)) {
    fail(`${name} must not be empty (omit it instead)`);
  }
  if (rule.type !== "array") return checkScalar(name, value, rule, fail);
  // One value stands for a list of one.
  const items = Array.isArray(value) ? value : [value];
  items.forEach((item, i) => checkScalar(`${name}[${i}]`, item, rule.items ?? { type: "string" }, fail));
}

function checkScalar(
  name: string,
  value: unknown,
  rule: Omit<QueryRule, "items">,
  fail: (message: string) => never,
) {
  const { type } = rule;
  const ok =
    type === "string"
      ? typeof value === "string" && value.trim() !== ""
      : type === "boolean"
        ? typeof value === "boolean"
        : typeof value === "number" &&
          (type === "integer" ? Number.isSafeInteger(value) : Number.isFinite(value));
  const a = type === "integer" ? "an integer" : `a ${type}`;
  if (!ok) fail(`${name} must be ${a}, got ${describe(value)}`);
  if (rule.enum && !rule.enum.includes(value as string | number)) {
    fail(`${name} must be one of ${rule.enum.join(", ")}, got ${describe(value)}`);
  }
  if (rule.min !== undefined && (value as number) < rule.min)
    fail(`${name} must be >= ${rule.min}, got ${value}`);
  if (rule.max !== undefined && (value as number) > rule.max)
    fail(`${name} must be <= ${rule.max}, got ${value}`);
}
