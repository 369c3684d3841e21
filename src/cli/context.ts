/** What a command runs with: its flags, output, the abort signal of Ctrl-C, the clock. */
import type { FlagValues } from "./args.js";
import type { CliIo } from "./io.js";
import type { Output } from "./output.js";
import type { Secrets } from "./secrets.js";

export interface CommandContext {
  io: CliIo;
  /** The command's words, e.g. `agents get`, for messages and help pointers. */
  name: string;
  flags: FlagValues;
  positionals: readonly string[];
  out: Output;
  secrets: Secrets;
  /** Aborted by the first SIGINT or SIGTERM. */
  signal: AbortSignal;
  /** Which signal stopped the command, if one did. */
  stoppedBy(): "SIGINT" | "SIGTERM" | undefined;
  now(): number;
}
