/** Flag values the benchmarks share the checks of. */

/** A flag's value as a positive integer, or an error naming the flag. */
export function positiveInt(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer, got ${value}`);
  return n;
}

/** A comma-separated list of names, each one of `known` ("all": every one, "none": none). */
export function namesFrom<T extends string>(flag: string, value: string, known: readonly T[]): T[] {
  if (value === "all") return [...known];
  if (value === "none") return [];
  return value.split(",").map((name) => {
    const found = known.find((k) => k === name.trim());
    if (!found) throw new Error(`--${flag}: unknown "${name.trim()}"; known: ${known.join(", ")}, all, none`);
    return found;
  });
}
