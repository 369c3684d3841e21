/**
 * `calls sync`: only the call logs that are new since the last run, appended to the output, with a
 * checkpoint per location in --state DIR (the library's file checkpoint store). Several processes
 * can run it over the same DIR: they split the locations (a lease each). Ctrl-C writes what was
 * written so far into the checkpoints; running the same command again continues.
 */
import path from "node:path";
import { createFileCheckpointStore, syncCallLogs } from "../../sync/index.js";
import { printable, stringFlag } from "../args.js";
import { openClient } from "../client.js";
import type { CustomCommand } from "../commands.js";
import type { CommandContext } from "../context.js";
import { usageError } from "../exit-codes.js";
import { drain, reportOutcome } from "../export/drain.js";
import { openOutput, resumeFlags } from "../export/output-target.js";
import {
  allLocations,
  filterOptions,
  installedLocations,
  locationOptions,
  outputOptions,
  readConcurrency,
  readFilters,
  readFormat,
  readLocations,
} from "../export/plan.js";
import { ProgressView, duration } from "../export/progress-view.js";
import { resumeCommand, tokenNote } from "../export/resume.js";
import { RecordWriter } from "../export/sink.js";
import { parseTime, TIME_FORMS } from "../time.js";

const SETTLE_UNITS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const;

export const syncCommand: CustomCommand = {
  kind: "custom",
  group: "calls",
  action: "sync",
  summary: "Append the call logs that are new since the last run (a checkpoint per location)",
  usage: "--state DIR [--since WHEN] [--settle DURATION] [--format ndjson|csv] [--out FILE|-]",
  description:
    `Reads, for each location of --location (a comma-separated list), the call logs created since its ` +
    `checkpoint in --state DIR (or since --since, WHEN being ${TIME_FORMS}; default: all), oldest first, ` +
    `and appends them to --out. Each log is delivered at least once and de-duplicated by id at the ` +
    `checkpoint's instant. Processes sharing DIR split the locations between them. Ctrl-C writes the ` +
    `checkpoints; the same command continues.`,
  usesApi: true,
  options: {
    state: {
      type: "string",
      value: "DIR",
      description: "the checkpoint directory (required; created if missing)",
    },
    since: {
      type: "string",
      value: "WHEN",
      description: "where a location without a checkpoint starts (default: its oldest log)",
    },
    settle: {
      type: "string",
      value: "DURATION",
      description:
        "calls younger than this wait for the next run, their logs may still be written (default 15m; 0, 30s, 15m, 1h)",
    },
    ...locationOptions,
    ...outputOptions,
    ...filterOptions(),
  },
  run: runSync,
};

function readSettle(ctx: CommandContext): number | undefined {
  const text = stringFlag(ctx.flags, "settle");
  if (text === undefined) return undefined;
  if (text === "0") return 0;
  const match = /^(\d{1,7})(ms|s|m|h)$/.exec(text);
  const ms = match ? Number(match[1]) * SETTLE_UNITS[match[2] as keyof typeof SETTLE_UNITS] : NaN;
  if (!(ms <= 24 * 3_600_000))
    throw usageError(
      `--settle must be 0 or a duration up to 24h (30s, 15m, 1h), got ${printable(text)}`,
      ctx.name,
    );
  return ms;
}

async function runSync(ctx: CommandContext): Promise<number> {
  const state = stringFlag(ctx.flags, "state");
  if (state === undefined)
    throw usageError("--state DIR is required: where each location's checkpoint is kept", ctx.name);
  const sinceText = stringFlag(ctx.flags, "since");
  const since = sinceText === undefined ? undefined : parseTime("--since", sinceText, ctx.now(), ctx.name);
  const settleMs = readSettle(ctx);
  const explicit = allLocations(ctx) ? undefined : readLocations(ctx);
  const filters = readFilters(ctx);
  const format = readFormat(ctx);
  if (format === "json") throw usageError("--format json cannot be appended to: use ndjson or csv", ctx.name);
  const concurrency = readConcurrency(ctx);
  const out = stringFlag(ctx.flags, "out") ?? "-";
  const outPath = out === "-" ? "-" : path.resolve(ctx.io.cwd, out);

  const { client, credentials } = await openClient(ctx);
  const locations = explicit ?? (await installedLocations(ctx, credentials));
  const sink = openOutput(ctx, outPath, "append");
  const view = new ProgressView(ctx.out);
  const stream = syncCallLogs({
    client,
    locations,
    filters,
    checkpoints: createFileCheckpointStore(path.resolve(ctx.io.cwd, state)),
    signal: ctx.signal,
    onProgress: view.update,
    ...(since !== undefined && { since }),
    ...(settleMs !== undefined && { settleMs }),
    ...(concurrency && { concurrency }),
  });
  const drained = await drain(ctx, stream, new RecordWriter(sink, format), sink);
  ctx.out.clearStatus();
  const code = reportOutcome(ctx, drained);
  const base = {
    state,
    since: since === undefined ? undefined : new Date(since).toISOString(),
    settle: stringFlag(ctx.flags, "settle"),
    ...(explicit ? { location: explicit.join(",") } : { "all-locations": true as const }),
    format,
  };
  const where = outPath === "-" ? "stdout" : out;
  if (drained.interrupted) {
    const again = resumeCommand(ctx.name, resumeFlags(ctx, base));
    ctx.out.notice(`interrupted: ${drained.written} call logs written to ${where}; checkpoints in ${state}`, {
      written: drained.written,
    });
    ctx.out.notice(`continue with: ${again}${tokenNote(ctx)}`, { resume: again });
  } else
    ctx.out.note(
      `synced ${drained.written} new call logs of ${locations.length} location(s) to ${where} in ${duration(drained.progress.elapsedMs)}`,
      { written: drained.written },
    );
  return code;
}
