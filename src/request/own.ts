/**
 * A copy of an options or parameters object holding only its own properties, on no prototype:
 * nothing added to Object.prototype can be read from it. Anything else is returned as it is.
 */
export function ownCopy<T>(value: T): T {
  if (!isObject(value)) return value;
  return Object.assign(Object.create(null) as T & object, value);
}

/** An object with keys: not null, not an array. */
export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
