/**
 * The command line's exit codes (documented in guides/cli.md) and the error
 * that carries one: every failure ends as one line on stderr and one of these codes.
 */
export const ExitCode = {
  ok: 0,
  /** The API or the machine failed: an error status, a connection, a file that cannot be written. */
  failure: 1,
  /** The command line was wrong: an unknown flag or command, a bad value, an invalid body. */
  usage: 2,
  /** No usable credentials: missing, refused (401), a missing scope (403), a revoked install. */
  auth: 3,
  /** What the command names does not exist (404): a location, an agent, an action, a call. */
  notFound: 4,
  /** An export or sync finished, but some locations failed and were skipped (each one is named). */
  partial: 5,
  /** Stopped by Ctrl-C (SIGINT); the checkpoint was written. */
  interrupted: 130,
  /** Stopped by SIGTERM; the checkpoint was written. */
  terminated: 143,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** A failure the CLI reports as `error: <message>` and exits with `exitCode`. */
export class CliError extends Error {
  override name = "CliError";
  constructor(
    message: string,
    readonly exitCode: ExitCodeValue,
    /** A second line: what to do about it (`run with --help`, the command to resume). */
    readonly hint?: string,
  ) {
    super(message);
  }
}

/** The command line is wrong: exit 2, with a pointer to the command's help. */
export function usageError(message: string, command?: string): CliError {
  const help = command ? `highlevel-voice-ai ${command} --help` : "highlevel-voice-ai --help";
  return new CliError(message, ExitCode.usage, `see \`${help}\``);
}
