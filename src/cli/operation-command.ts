/**
 * Runs one operation of the table: arguments read and checked against the spec (validate's
 * validators, the same as the fake's) before credentials are even looked at, then the client's
 * method, then its result as JSON on stdout.
 */
import { validateRequest, type Violation } from "../validate/index.js";
import { stringFlag } from "./args.js";
import { readBody } from "./body.js";
import { locationOf, openClient } from "./client.js";
import type { OperationCommand } from "./commands.js";
import type { CommandContext } from "./context.js";
import { ExitCode, usageError } from "./exit-codes.js";
import { flagOf, readParams } from "./operation-params.js";

type Method = (params: Record<string, unknown>, options: { signal: AbortSignal }) => unknown;

export async function runOperation(command: OperationCommand, ctx: CommandContext): Promise<number> {
  const { spec, operationId } = command;
  const fail = (message: string): never => {
    throw usageError(message, ctx.name);
  };
  const { path, query } = readParams(spec, ctx.flags, ctx.positionals, ctx.name);
  const location = locationOf(ctx);
  if (Object.hasOwn(spec.query, "locationId")) {
    if (location === undefined) fail("no location: give --location ID or set GHL_LOCATION_ID");
    query.locationId = location;
  }
  let body: unknown;
  const bodyFile = stringFlag(ctx.flags, "body");
  if (spec.body) {
    if (bodyFile === undefined && !spec.body.optional) fail("--body FILE is required (- reads stdin)");
    if (bodyFile !== undefined) body = await readBody(bodyFile, ctx.io, ctx.name);
    body = withLocation(body, spec.body.locationId === true, location, fail);
  }
  const violations = validateRequest(operationId, { path, query, body }, { skipHeaders: true });
  if (violations.length > 0) fail(`invalid request: ${describeViolations(violations)}`);

  const { client } = await openClient(ctx);
  const group = Reflect.get(client, spec.group) as Record<string, Method>;
  const params: Record<string, unknown> = { ...path, ...query, ...(body !== undefined && { body }) };
  if (ctx.flags.all === true && spec.items) {
    const listAll = group.listAll as (p: typeof params, o: { signal: AbortSignal }) => AsyncIterable<unknown>;
    await printArray(ctx, listAll(params, { signal: ctx.signal }));
    return ExitCode.ok;
  }
  const result = await group[spec.name]!(params, { signal: ctx.signal });
  await ctx.out.value(result);
  return ExitCode.ok;
}

/** The body's locationId is --location's when it has none; a different one is refused. */
function withLocation(
  body: unknown,
  takesLocation: boolean,
  location: string | undefined,
  fail: (message: string) => never,
): unknown {
  if (!takesLocation || typeof body !== "object" || body === null || Array.isArray(body)) return body;
  const given = (body as Record<string, unknown>).locationId;
  if (given === undefined) {
    if (location === undefined)
      fail("no location: give --location ID, set GHL_LOCATION_ID, or put locationId in the body");
    return { ...body, locationId: location };
  }
  if (location !== undefined && given !== location)
    fail(`body.locationId (${JSON.stringify(given)}) differs from --location/GHL_LOCATION_ID (${location})`);
  return body;
}

/** Every violation on one line, each naming the flag or field as the user wrote it. */
export function describeViolations(violations: readonly Violation[]): string {
  const shown = violations.slice(0, 5).map((v) => `${flagOf(v.path)}: ${v.rule}`);
  const more = violations.length > 5 ? ` (and ${violations.length - 5} more)` : "";
  return shown.join("; ") + more;
}

/** A JSON array written element by element: memory stays flat however many pages. */
async function printArray(ctx: CommandContext, items: AsyncIterable<unknown>): Promise<void> {
  const pretty = ctx.io.stdout.isTTY === true && !ctx.out.mode.json;
  let first = true;
  await ctx.out.data("[");
  for await (const item of items) {
    const text = JSON.stringify(item, null, pretty ? 2 : undefined);
    await ctx.out.data(`${first ? "" : ","}${pretty ? "\n  " + text.replace(/\n/g, "\n  ") : text}`);
    first = false;
  }
  await ctx.out.data(pretty && !first ? "\n]\n" : "]\n");
}
