/**
 * What an export or sync reads: its locations (--location, a comma-separated list), its filters
 * (the spec's listCallLogs parameters the library takes), output format and target. The filter
 * flags come from the generated table, like every operation's flags.
 */
import { operations } from "../../../generated/operations.js";
import type { ExportFilters } from "../../sync/index.js";
import { printable, stringFlag, type OptionTable } from "../args.js";
import { locationOf } from "../client.js";
import type { CommandContext } from "../context.js";
import type { Credentials } from "../auth.js";
import { CliError, ExitCode, usageError } from "../exit-codes.js";
import { kebab, operationOptions, readParams } from "../operation-params.js";
import { FORMATS, type Format } from "./sink.js";

const FILTERS = ["agentId", "contactId", "callType", "actionType"] as const;
const spec = operations.listCallLogs;
const filterSpec = {
  ...spec,
  query: Object.fromEntries(FILTERS.map((name) => [name, spec.query[name]])),
};

/** The filter flags: --agent-id, --contact-id, --call-type, --action-type. */
export function filterOptions(): OptionTable {
  const all = operationOptions("listCallLogs", spec);
  return Object.fromEntries(FILTERS.map((name) => [kebab(name), all[kebab(name)]!]));
}

export function readFilters(ctx: CommandContext): ExportFilters {
  return readParams(filterSpec, ctx.flags, [], ctx.name).query as ExportFilters;
}

export const locationOptions: OptionTable = {
  "all-locations": {
    type: "boolean",
    description:
      "every location the token store holds an installation for (with GHL_CLIENT_ID/SECRET, also those its agency installs cover) instead of --location",
  },
};

/** --all-locations: the token store's installations (read once the credentials are open). */
export const allLocations = (ctx: CommandContext): boolean => {
  if (ctx.flags["all-locations"] !== true) return false;
  if (stringFlag(ctx.flags, "location") !== undefined)
    throw usageError("--all-locations and --location exclude each other", ctx.name);
  return true;
};

export async function installedLocations(ctx: CommandContext, credentials: Credentials): Promise<string[]> {
  if (!credentials.installedLocations)
    throw usageError("--all-locations needs a token store (--token-store FILE or GHL_TOKEN_STORE)", ctx.name);
  const ids = await credentials.installedLocations();
  if (ids.length === 0)
    throw new CliError(`${credentials.source} holds no installation of a location`, ExitCode.auth);
  return ids;
}

/** --location as a list: `LOC1,LOC2`; each id once. */
export function readLocations(ctx: CommandContext): string[] {
  const text = locationOf(ctx);
  if (text === undefined)
    throw usageError("no location: give --location ID[,ID…] or set GHL_LOCATION_ID", ctx.name);
  const ids = text.split(",").map((id) => id.trim());
  const seen = new Set<string>();
  for (const id of ids) {
    if (!/^[\w.:-]{1,128}$/.test(id))
      throw usageError(`--location: ${printable(id)} is not a location id`, ctx.name);
    if (seen.has(id)) throw usageError(`--location: ${id} is listed twice`, ctx.name);
    seen.add(id);
  }
  return ids;
}

export function readFormat(ctx: CommandContext): Format {
  const text = stringFlag(ctx.flags, "format") ?? "ndjson";
  if (!(FORMATS as readonly string[]).includes(text))
    throw usageError(`--format must be one of ${FORMATS.join(", ")}, got ${printable(text)}`, ctx.name);
  return text as Format;
}

export function readConcurrency(ctx: CommandContext): number | undefined {
  const text = stringFlag(ctx.flags, "concurrency");
  if (text === undefined) return undefined;
  if (!/^\d{1,4}$/.test(text) || Number(text) < 1 || Number(text) > 1000)
    throw usageError(`--concurrency must be an integer from 1 to 1000, got ${printable(text)}`, ctx.name);
  return Number(text);
}

export const outputOptions: OptionTable = {
  out: { type: "string", value: "FILE|-", description: "where the call logs go (default -: stdout)" },
  format: {
    type: "string",
    value: "FORMAT",
    description:
      "ndjson (default: one JSON object per line), csv (a header, RFC 4180 quoting, formulas neutralised) or json (one array)",
  },
  concurrency: { type: "string", value: "N", description: "locations read at once (default 16)" },
};
