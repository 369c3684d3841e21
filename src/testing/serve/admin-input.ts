/**
 * What the admin routes share. Their input, checked like any API's: a JSON object body of at most
 * 1 MB with known keys of the right types (a failed check is an AdminInputError, answered 400 with
 * its message); and a bounded wait for deliveries.
 */
import type { WebhookDelivery } from "../webhooks/types.js";

/** A route's answer: a JSON value (200), or a Response of its own. */
export type Handler = (request: Request, url: URL) => Promise<unknown>;
export const ok = { ok: true };

export class AdminInputError extends Error {
  override name = "AdminInputError";
}

/** What a key must hold; `?` marks an optional key. */
export type Shape = Record<string, "string" | "number" | "boolean" | "object" | "string[]" | "any">;

const MAX_BODY = 1_000_000;

/** The request's JSON body: an object (`{}` when empty) or an AdminInputError. */
export async function readJson(request: Request): Promise<Record<string, unknown>> {
  const text = await request.text();
  if (text.length > MAX_BODY) throw new AdminInputError("the body is larger than 1 MB");
  if (text.trim() === "") return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AdminInputError("the body is not valid JSON");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw new AdminInputError("the body must be a JSON object");
  return value as Record<string, unknown>;
}

const typeOk: Record<string, (v: unknown) => boolean> = {
  string: (v) => typeof v === "string",
  number: (v) => typeof v === "number" && Number.isFinite(v),
  boolean: (v) => typeof v === "boolean",
  object: (v) => typeof v === "object" && v !== null && !Array.isArray(v),
  "string[]": (v) => Array.isArray(v) && v.every((item) => typeof item === "string"),
  any: () => true,
};

/** Checks `body` against `shape` (keys ending in `?` are optional); returns it typed as the caller says. */
export function checkShape<T>(body: Record<string, unknown>, shape: Shape): T {
  const wanted = new Map(
    Object.entries(shape).map(([key, type]) => [
      key.replace(/\?$/, ""),
      { type, optional: key.endsWith("?") },
    ]),
  );
  for (const key of Object.keys(body))
    if (!wanted.has(key))
      throw new AdminInputError(
        `${JSON.stringify(key)} is not a field here (known: ${[...wanted.keys()].join(", ") || "none"})`,
      );
  for (const [key, { type, optional }] of wanted) {
    if (body[key] === undefined) {
      if (!optional) throw new AdminInputError(`${key} is required`);
      continue;
    }
    if (!typeOk[type]!(body[key]))
      throw new AdminInputError(`${key} must be ${type === "string[]" ? "a list of strings" : `a ${type}`}`);
  }
  return body as T;
}

/** A query parameter as a non-negative integer (default when absent). */
export function queryInt(url: URL, name: string, fallback: number, max: number): number {
  const raw = url.searchParams.get(name);
  if (raw === null) return fallback;
  if (!/^\d{1,9}$/.test(raw) || Number(raw) > max)
    throw new AdminInputError(`?${name} must be an integer from 0 to ${max}`);
  return Number(raw);
}

/** Waits for deliveries at most `wait` ms (`?wait=`), then answers with them as they are. */
export async function within(
  wait: number,
  delivered: Promise<readonly WebhookDelivery[]>,
  now: () => WebhookDelivery[],
) {
  if (wait === 0) return now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), wait)));
  const done = await Promise.race([delivered, late]).finally(() => clearTimeout(timer));
  return done ?? now();
}
