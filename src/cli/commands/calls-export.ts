/**
 * `calls export`: every call log of some locations in a closed window, to NDJSON, CSV or JSON.
 * Resumable (ndjson and csv, to a file or with --checkpoint): the run is the library's
 * syncCallLogs over a file checkpoint store, its window ended at --until (settleMs = now − until),
 * so Ctrl-C writes each location's checkpoint and `--resume` continues with no gap and no repeat.
 * JSON output, and stdout without --checkpoint, use exportCallLogs and start over when stopped.
 */
import path from "node:path";
import { createFileCheckpointStore, exportCallLogs, syncCallLogs } from "../../sync/index.js";
import { stringFlag } from "../args.js";
import { openClient } from "../client.js";
import type { CustomCommand } from "../commands.js";
import type { CommandContext } from "../context.js";
import { ExitCode, usageError } from "../exit-codes.js";
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
import {
  prepareCheckpoint,
  readManifest,
  removeCheckpoint,
  resumeCommand,
  tokenNote,
  type ExportManifest,
} from "../export/resume.js";
import { RecordWriter } from "../export/sink.js";
import { parseWindow, TIME_FORMS } from "../time.js";

/** settleMs, which ends a sync's window, is at most this: older windows cannot be resumed. */
const MAX_SETTLE_MS = 2 ** 31 - 1;

export const exportCommand: CustomCommand = {
  kind: "custom",
  group: "calls",
  action: "export",
  summary: "Export every call log of one or more locations in a time window (NDJSON, CSV, JSON)",
  usage: "--since WHEN [--until WHEN] [--format ndjson|csv|json] [--out FILE|-] [--resume | --force]",
  description:
    `Reads the call logs created from --since to --until (default now) of each location of --location ` +
    `(a comma-separated list), oldest first within a location, each once, within each location's rate ` +
    `limit. WHEN is ${TIME_FORMS}. Ctrl-C stops within a second, writes the checkpoint ` +
    `(FILE.checkpoint, or --checkpoint DIR) and prints the command that resumes. Progress goes to stderr.`,
  usesApi: true,
  options: {
    since: {
      type: "string",
      value: "WHEN",
      description: "start of the window (required): 30d, 12h, 2024-05-01, …",
    },
    until: { type: "string", value: "WHEN", description: "end of the window (default: now)" },
    ...locationOptions,
    ...outputOptions,
    checkpoint: {
      type: "string",
      value: "DIR",
      description:
        "where the checkpoint is kept (default: FILE.checkpoint beside --out FILE; none for stdout)",
    },
    resume: { type: "boolean", description: "continue the interrupted export (as printed when it stopped)" },
    force: { type: "boolean", description: "start over: overwrite --out and drop an earlier checkpoint" },
    ...filterOptions(),
  },
  run: runExport,
};

async function runExport(ctx: CommandContext): Promise<number> {
  const { since, until } = parseWindow(
    stringFlag(ctx.flags, "since"),
    stringFlag(ctx.flags, "until"),
    ctx.now(),
    ctx.name,
  );
  const explicit = allLocations(ctx) ? undefined : readLocations(ctx);
  const filters = readFilters(ctx);
  const format = readFormat(ctx);
  const concurrency = readConcurrency(ctx);
  const resume = ctx.flags.resume === true;
  const force = ctx.flags.force === true;
  if (resume && force) throw usageError("--resume and --force exclude each other", ctx.name);
  const out = stringFlag(ctx.flags, "out") ?? "-";
  const outPath = out === "-" ? "-" : path.resolve(ctx.io.cwd, out);
  const given = stringFlag(ctx.flags, "checkpoint");
  const checkpoint =
    given !== undefined ? path.resolve(ctx.io.cwd, given) : out === "-" ? undefined : `${outPath}.checkpoint`;
  if (format === "json" && given !== undefined)
    throw usageError(
      "--checkpoint: a JSON array cannot be continued; use --format ndjson or csv to resume",
      ctx.name,
    );
  // Why this export could not be resumed, if it could not.
  const notResumable =
    format === "json"
      ? "a JSON array cannot be continued (use --format ndjson or csv)"
      : checkpoint === undefined
        ? "an export to stdout resumes only with --checkpoint DIR"
        : ctx.now() - until > MAX_SETTLE_MS
          ? "a window that ends more than 24 days ago cannot be resumed"
          : undefined;
  const resumable = notResumable === undefined && checkpoint !== undefined;
  if (resume && !resumable) throw usageError(`--resume: ${notResumable}`, ctx.name);

  const { client, credentials } = await openClient(ctx);
  // Resumed, an export of all locations keeps the list it started with (installs since are not in it).
  const started =
    resume && checkpoint !== undefined ? (await readManifest(checkpoint))?.locations : undefined;
  const locations = explicit ?? started ?? (await installedLocations(ctx, credentials));
  const manifest: ExportManifest = {
    v: 1,
    since: new Date(since).toISOString(),
    until: new Date(until).toISOString(),
    locations,
    filters: { ...filters },
    format,
    out: outPath,
  };
  if (resumable) await prepareCheckpoint(checkpoint, manifest, { resume, force });
  const sink = openOutput(ctx, outPath, resume ? "append" : force ? "overwrite" : "new");
  const view = new ProgressView(ctx.out);
  const run = {
    locations,
    filters,
    signal: ctx.signal,
    onProgress: view.update,
    ...(concurrency && { concurrency }),
  };
  const stream = resumable
    ? syncCallLogs({
        ...run,
        client,
        checkpoints: createFileCheckpointStore(checkpoint),
        since,
        settleMs: Math.max(0, Date.now() - until),
      })
    : exportCallLogs(client, { ...run, since, until });
  const drained = await drain(ctx, stream, new RecordWriter(sink, format), sink);
  ctx.out.clearStatus();
  const code = reportOutcome(ctx, drained);
  const where = outPath === "-" ? "stdout" : out;
  const { since: from, until: to, format: as } = manifest;
  const base = {
    since: from,
    until: to,
    ...(explicit ? { location: locations.join(",") } : { "all-locations": true as const }),
    format: as,
    checkpoint: given,
  };
  const again = resumeCommand(ctx.name, { ...resumeFlags(ctx, base), resume: true });
  if (drained.interrupted) {
    ctx.out.notice(`interrupted: ${drained.written} call logs written to ${where}`, {
      written: drained.written,
    });
    if (resumable) ctx.out.notice(`resume with: ${again}${tokenNote(ctx)}`, { resume: again, checkpoint });
    else ctx.out.notice(`this export cannot be resumed (${notResumable}): run it again`);
  } else {
    ctx.out.note(
      `exported ${drained.written} call logs of ${locations.length} location(s) to ${where} in ${duration(drained.progress.elapsedMs)}`,
      { written: drained.written },
    );
    if (resumable && code === ExitCode.ok) await removeCheckpoint(checkpoint);
    else if (resumable) ctx.out.notice(`to retry the skipped locations: ${again}`, { resume: again });
  }
  return code;
}
