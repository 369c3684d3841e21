/**
 * A request body must survive JSON.stringify unchanged: BigInt would throw deep inside the
 * request, and NaN, Infinity, functions, symbols, Maps and cycles would be silently turned into
 * null, dropped or emptied. Each is refused with the path of the value.
 */
import { InvalidRequestError } from "../errors/index.js";

export function checkJsonBody(value: unknown, path: string, fail: (message: string) => never): void {
  const seen = new Set<object>();
  const walk = (v: unknown, at: string, depth: number): void => {
    switch (typeof v) {
      case "string":
      case "boolean":
        return;
      case "number":
        if (!Number.isFinite(v)) fail(`${at} must be a finite number, got ${v}`);
        return;
      case "undefined":
        return; // left out, as JSON leaves it out: the same as not giving it
      case "object":
        break;
      default:
        return fail(`${at} cannot be sent as JSON (${typeof v === "bigint" ? "a BigInt" : `a ${typeof v}`})`);
    }
    if (v === null) return;
    if (depth > 32) fail(`${at} is nested too deeply`);
    if (seen.has(v)) fail(`${at} refers to itself (a cycle)`);
    const proto = Object.getPrototypeOf(v);
    if (!Array.isArray(v) && proto !== Object.prototype && proto !== null) {
      fail(`${at} must be a plain object or an array, got ${proto?.constructor?.name ?? "an object"}`);
    }
    seen.add(v);
    if (Array.isArray(v)) v.forEach((item, i) => walk(item, `${at}[${i}]`, depth + 1));
    else
      for (const key of Object.keys(v)) walk((v as Record<string, unknown>)[key], `${at}.${key}`, depth + 1);
    seen.delete(v);
  };
  walk(value, path, 0);
}

export const invalid =
  (prefix: string) =>
  (message: string): never => {
    throw new InvalidRequestError(`${prefix}: ${message}`);
  };
