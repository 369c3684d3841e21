/**
 * Reads an export's or sync's stream into the output, record by record: each record is written
 * before the next is asked for (the library's acknowledgement), and after Ctrl-C the loop keeps
 * asking until the library has stopped and written its checkpoints (it then throws its abort).
 * Failed locations are named one per line; the exit code says whether all went well.
 */
import { APIUserAbortError } from "../../index.js";
import type { CallLogProgress, CallLogStream } from "../../sync/index.js";
import type { CommandContext } from "../context.js";
import { describeError } from "../describe-error.js";
import { ExitCode, type ExitCodeValue } from "../exit-codes.js";
import type { RecordWriter, Sink } from "./sink.js";

export interface Drained {
  interrupted: boolean;
  progress: CallLogProgress;
  written: number;
}

export async function drain(
  ctx: CommandContext,
  stream: CallLogStream,
  writer: RecordWriter,
  sink: Sink,
): Promise<Drained> {
  let interrupted = false;
  try {
    await writer.begin();
    for await (const log of stream) await writer.record(log);
  } catch (error) {
    if (!(ctx.signal.aborted && error instanceof APIUserAbortError)) throw error;
    interrupted = true;
  } finally {
    try {
      await writer.end();
    } finally {
      sink.close();
    }
  }
  return { interrupted, progress: stream.progress, written: writer.count };
}

/** One line per failed location; the exit code of the run. */
export function reportOutcome(ctx: CommandContext, drained: Drained): ExitCodeValue {
  const { progress, interrupted } = drained;
  const codes = progress.failures.map((failure) => {
    const described = describeError(failure.error);
    ctx.out.notice(`location ${failure.locationId} skipped (${failure.reason}): ${described.message}`, {
      level: "error",
      locationId: failure.locationId,
      reason: failure.reason,
    });
    return described.exitCode;
  });
  if (interrupted) return ctx.stoppedBy() === "SIGTERM" ? ExitCode.terminated : ExitCode.interrupted;
  if (codes.length === 0) return ExitCode.ok;
  // Every location failed for one kind of reason (a bad token, say): that reason's code.
  if (codes.length === progress.locations.total && codes.every((c) => c === codes[0])) return codes[0]!;
  return ExitCode.partial;
}
