/**
 * The output of an export or sync, opened with a clear line for each way it can fail, and the
 * flags a resume repeats (never a secret: a --token given as a flag is left for the user to give
 * again, GHL_TOKEN is read again from the environment).
 */
import { stringFlag } from "../args.js";
import type { CommandContext } from "../context.js";
import { CliError, ExitCode } from "../exit-codes.js";
import { filterOptions } from "./plan.js";
import { fileSink, streamSink, type Sink } from "./sink.js";

export function openOutput(ctx: CommandContext, outPath: string, mode: "new" | "append" | "overwrite"): Sink {
  if (outPath === "-") return streamSink(ctx.io.stdout);
  try {
    return fileSink(outPath, mode);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === "EEXIST"
        ? "exists: add --force to overwrite it, or --resume to continue an interrupted export into it"
        : code === "ENOENT"
          ? "its folder does not exist"
          : code === "EISDIR"
            ? "is a directory"
            : `cannot be written (${code ?? "error"})`;
    throw new CliError(
      `--out ${outPath}: ${why}`,
      code === "EEXIST" || code === "EISDIR" ? ExitCode.usage : ExitCode.failure,
    );
  }
}

/** The flags that repeat this run exactly: `base` (times made absolute) and every non-secret flag given. */
export function resumeFlags(
  ctx: CommandContext,
  base: Record<string, string | true | undefined>,
): Record<string, string | true | undefined> {
  const flags: Record<string, string | true | undefined> = { ...base, out: stringFlag(ctx.flags, "out") };
  for (const name of Object.keys(filterOptions())) {
    const value = ctx.flags[name];
    if (value !== undefined) flags[name] = Array.isArray(value) ? value.join(",") : String(value);
  }
  // Flags without secrets; the token, its store's key and the app's secret come from the environment.
  for (const name of ["concurrency", "token-store", "client-id", "base-url"])
    flags[name] = stringFlag(ctx.flags, name);
  for (const name of ["quiet", "json"]) if (ctx.flags[name] === true) flags[name] = true;
  return flags;
}
