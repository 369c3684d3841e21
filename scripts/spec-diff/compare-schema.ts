/**
 * Differences between two shapes of the same value, each judged breaking or not by who
 * produces the value: narrowing what a client may send breaks it, and so does widening what it
 * may receive. Limits, patterns and conditions of responses are not breaking: clients read
 * responses, they do not validate them.
 */
import { show, type Change, type Direction, type Rule } from "./change.js";
import { LOWER_LIMITS, UPPER_LIMITS, type LimitKey, type Shape } from "./shape.js";

interface Context {
  direction: Direction;
  /** "request body (application/json)", "query parameter page". */
  base: string;
  /** Field path inside the value: "actions[] (actionType=SMS).name". */
  path: string;
  out: Change[];
}

const typeList = (types: string[] | undefined) => (types ? types.join(" | ") : "any");

function report(ctx: Context, rule: Rule, breaking: boolean, detail: string): void {
  const where = ctx.path ? `${ctx.base} › ${ctx.path}` : ctx.base;
  ctx.out.push({ rule, breaking, where, detail });
}

/** Types of `a` that `b` does not accept ("integer" fits in "number"). */
const uncovered = (a: string[], b: string[]) =>
  a.filter((t) => !b.includes(t) && !(t === "integer" && b.includes("number")));

/** Returns false when the types no longer overlap: comparing deeper would only add noise. */
function compareTypes(old: Shape, now: Shape, ctx: Context): boolean {
  const request = ctx.direction === "request";
  const detail = `type ${typeList(old.types)} → ${typeList(now.types)}`;
  if (!old.types && !now.types) return true;
  if (!old.types || !now.types) {
    // any → something narrows; something → any widens.
    report(ctx, "type-changed", !old.types === request, detail);
    return true;
  }
  const removed = uncovered(old.types, now.types);
  const added = uncovered(now.types, old.types);
  if (removed.length === 0 && added.length === 0) return true;
  report(ctx, "type-changed", request ? removed.length > 0 : added.length > 0, detail);
  return uncovered(old.types, removed).length > 0;
}

function compareValues(old: Shape, now: Shape, ctx: Context): void {
  const request = ctx.direction === "request";
  if (old.format !== now.format) {
    const breaking = old.format && now.format ? true : request ? !old.format : !now.format;
    report(ctx, "format-changed", breaking, `format ${show(old.format)} → ${show(now.format)}`);
  }
  if (old.enum || now.enum) {
    if (!old.enum)
      report(ctx, "enum-value-removed", request, `values now limited to ${now.enum!.join(", ")}`);
    else if (!now.enum)
      report(ctx, "enum-value-added", !request, `any value now allowed (was ${old.enum.join(", ")})`);
    else {
      const removed = old.enum.filter((v) => !now.enum!.includes(v));
      const added = now.enum.filter((v) => !old.enum!.includes(v));
      if (removed.length) report(ctx, "enum-value-removed", request, `value ${removed.join(", ")} removed`);
      if (added.length) report(ctx, "enum-value-added", !request, `value ${added.join(", ")} added`);
    }
  }
  const keys = new Set([...Object.keys(old.limits), ...Object.keys(now.limits)] as LimitKey[]);
  for (const key of keys) {
    const [before, after] = [old.limits[key], now.limits[key]];
    if (before === after) continue;
    const lower = (LOWER_LIMITS as readonly string[]).includes(key);
    const narrowed =
      before === undefined ? true : after === undefined ? false : lower ? after > before : after < before;
    const detail = `${key} ${show(before)} → ${show(after)}`;
    report(ctx, narrowed ? "limit-narrowed" : "limit-widened", narrowed && request, detail);
  }
  if (old.pattern !== now.pattern) {
    report(ctx, "pattern-changed", request, `pattern ${show(old.pattern)} → ${show(now.pattern)}`);
  }
  if (old.default !== now.default) {
    report(ctx, "default-changed", false, `default ${old.default ?? "none"} → ${now.default ?? "none"}`);
  }
  if (old.description !== now.description) report(ctx, "description-changed", false, "description changed");
  if (!old.deprecated && now.deprecated) report(ctx, "deprecated", false, "now deprecated");
  const [oldRules, newRules] = [old.conditionals.join("\n"), now.conditionals.join("\n")];
  if (oldRules !== newRules) {
    report(ctx, "conditional-changed", request, "if/then rule changed: check by hand what it now requires");
  }
}

const child = (ctx: Context, step: string): Context => ({
  ...ctx,
  path: ctx.path
    ? step.startsWith("[") || step.startsWith(" ")
      ? ctx.path + step
      : `${ctx.path}.${step}`
    : step.trim(),
});

/** What a shape accepts, prose left out: equal for a field that was only renamed. */
function fingerprint(shape: Shape): string {
  return JSON.stringify(shape, (key, value: unknown) =>
    key === "description"
      ? undefined
      : value instanceof Map
        ? [...value]
        : value instanceof Set
          ? [...value].sort()
          : value,
  );
}

function compareProperties(old: Shape, now: Shape, ctx: Context): void {
  const request = ctx.direction === "request";
  const addedNames = [...now.properties.keys()].filter((name) => !old.properties.has(name));
  for (const [name, before] of old.properties) {
    const after = now.properties.get(name);
    const sub = child(ctx, name);
    if (!after) {
      const print = fingerprint(before);
      const renamed = addedNames.filter((n) => fingerprint(now.properties.get(n)!) === print);
      report(
        sub,
        "field-removed",
        true,
        `field removed${renamed.length === 1 ? ` (renamed to ${renamed[0]}?)` : ""}`,
      );
      continue;
    }
    const [wasRequired, isRequired] = [old.required.has(name), now.required.has(name)];
    if (!wasRequired && isRequired) report(sub, "field-required", request, "field now required");
    if (wasRequired && !isRequired) report(sub, "field-optional", !request, "field now optional");
    compareShapes(before, after, sub);
  }
  for (const name of now.properties.keys()) {
    if (old.properties.has(name)) continue;
    const required = now.required.has(name);
    const detail = required ? "required field added" : "optional field added";
    report(child(ctx, name), "field-added", request && required, detail);
  }
}

function compareVariants(old: Shape, now: Shape, ctx: Context): void {
  const request = ctx.direction === "request";
  // A plain schema on one side stands for every variant of the other.
  const before = old.variants ?? new Map([...now.variants!.keys()].map((k) => [k, old]));
  const after = now.variants ?? new Map([...old.variants!.keys()].map((k) => [k, now]));
  for (const [key, shape] of before) {
    const other = after.get(key);
    if (other) compareShapes(shape, other, child(ctx, ` (${key})`));
    else report(child(ctx, ` (${key})`), "variant-removed", request, `variant ${key} removed`);
  }
  for (const key of after.keys()) {
    if (!before.has(key)) report(child(ctx, ` (${key})`), "variant-added", !request, `variant ${key} added`);
  }
}

/** Appends to ctx.out every difference between `old` and `now`. */
export function compareShapes(old: Shape, now: Shape, ctx: Context): void {
  if (old.recursive || now.recursive) return;
  if (old.description !== now.description) report(ctx, "description-changed", false, "description changed");
  if (old.variants || now.variants) {
    compareVariants(old, now, ctx);
    return;
  }
  if (!compareTypes(old, now, ctx)) return;
  compareValues({ ...old, description: "" }, { ...now, description: "" }, ctx);
  compareProperties(old, now, ctx);
  const request = ctx.direction === "request";
  const [openBefore, openAfter] = [old.additionalProperties !== false, now.additionalProperties !== false];
  if (openBefore !== openAfter) {
    const detail = openAfter ? "other properties now allowed" : "other properties no longer allowed";
    report(ctx, "additional-properties-changed", request && !openAfter, detail);
  } else if (old.additionalProperties && now.additionalProperties) {
    compareShapes(old.additionalProperties, now.additionalProperties, child(ctx, "{*}"));
  }
  if (old.items || now.items)
    compareShapes(old.items ?? emptyLike(), now.items ?? emptyLike(), child(ctx, "[]"));
}

const emptyLike = (): Shape => ({ limits: {}, properties: new Map(), required: new Set(), conditionals: [] });

export function schemaChanges(old: Shape, now: Shape, direction: Direction, base: string): Change[] {
  const out: Change[] = [];
  compareShapes(old, now, { direction, base, path: "", out });
  return out;
}
