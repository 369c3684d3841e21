/**
 * The CLI as a function: argv and streams in, an exit code out. Finds the command (its words may
 * come after global flags), parses its flags strictly, prints help, runs it with Ctrl-C wired to
 * its abort signal, and turns any failure into one line and its exit code.
 */
import { leadingWords, parseFlags, printable, type OptionTable } from "./args.js";
import { Registry, type Command } from "./commands.js";
import type { CommandContext } from "./context.js";
import { describeError } from "./describe-error.js";
import { CliError, ExitCode, usageError } from "./exit-codes.js";
import { BIN, commandHelp, groupHelp, mainHelp } from "./help.js";
import type { CliIo } from "./io.js";
import { runOperation } from "./operation-command.js";
import { operationOptions } from "./operation-params.js";
import { apiOptions, commonOptions, withValues } from "./options.js";
import { Output } from "./output.js";
import { Secrets } from "./secrets.js";
import { trapSignals } from "./signals.js";

export interface RunOptions {
  registry: Registry;
  version: string;
  /** A second Ctrl-C: the process ends at once. */
  exitNow?: (code: number) => void;
  now?: () => number;
}

export async function run(argv: readonly string[], io: CliIo, options: RunOptions): Promise<number> {
  const { registry } = options;
  const secrets = new Secrets();
  // Known before parsing, so that a parse error is already printed the way the user asked.
  const out = new Output(io, secrets, {
    json: argv.includes("--json"),
    quiet: argv.includes("--quiet") || argv.includes("-q"),
  });
  try {
    const found = await resolve(argv, registry, out, options.version);
    if (typeof found === "number") return found;
    const { command, rest, name } = found;
    const own: OptionTable =
      command.kind === "custom" ? command.options : operationOptions(command.operationId, command.spec);
    const usesApi = command.kind === "operation" || command.usesApi;
    const { values, positionals } = parseFlags(
      rest,
      withValues(commonOptions, usesApi ? apiOptions : {}, own),
      name,
    );
    if (values.help) {
      await out.data(commandHelp(command));
      return ExitCode.ok;
    }
    if (command.kind === "custom" && positionals.length > 0)
      throw usageError(`unexpected argument ${printable(positionals[0]!)}`, name);
    const trap = trapSignals(
      io.signals,
      (which) =>
        out.note(
          `${which === "SIGINT" ? "Ctrl-C" : which}: stopping…${which === "SIGINT" ? " (Ctrl-C again to quit at once)" : ""}`,
        ),
      (which) => options.exitNow?.(which === "SIGINT" ? ExitCode.interrupted : ExitCode.terminated),
    );
    const ctx: CommandContext = {
      io,
      name,
      flags: values,
      positionals,
      out,
      secrets,
      signal: trap.signal,
      stoppedBy: trap.stoppedBy,
      now: options.now ?? Date.now,
    };
    try {
      return command.kind === "custom" ? await command.run(ctx) : await runOperation(command, ctx);
    } catch (error) {
      const stopped = trap.stoppedBy();
      if (stopped) {
        out.clearStatus();
        out.note("interrupted");
        return stopped === "SIGINT" ? ExitCode.interrupted : ExitCode.terminated;
      }
      throw error;
    } finally {
      trap.dispose();
    }
  } catch (error) {
    out.clearStatus();
    const described = describeError(error);
    out.error(described);
    return described.exitCode;
  } finally {
    out.clearStatus();
  }
}

type Resolved = { command: Command; rest: string[]; name: string } | number;

async function resolve(
  argv: readonly string[],
  registry: Registry,
  out: Output,
  version: string,
): Promise<Resolved> {
  const known = withValues(
    commonOptions,
    apiOptions,
    ...registry.commands.map((c) => (c.kind === "custom" ? c.options : {})),
  );
  const words = leadingWords(argv, known, 2);
  const help = argv.includes("--help") || argv.includes("-h");
  if (words.length === 0) {
    if (argv.includes("--version") && argv.length === 1) {
      await out.data(`${version}\n`);
      return ExitCode.ok;
    }
    if (help) {
      await out.data(mainHelp(registry, version));
      return ExitCode.ok;
    }
    throw usageError("a command is required");
  }
  const without = (count: number) => argv.filter((_, i) => !words.slice(0, count).some((w) => w.index === i));
  const first = words[0]!.word;
  const top = registry.topLevel(first);
  if (top) return { command: top, rest: without(1), name: first };
  const group = registry.group(first);
  if (!group) {
    const names = [...registry.groups().entries()].flatMap(([g, cs]) => (g ? [g] : cs.map((c) => c.action)));
    throw new CliError(
      `unknown command ${printable(first)}`,
      ExitCode.usage,
      `commands: ${names.join(", ")}; see \`${BIN} --help\``,
    );
  }
  const second = words[1]?.word;
  if (second === undefined) {
    if (help) {
      await out.data(groupHelp(registry, group));
      return ExitCode.ok;
    }
    throw usageError(
      `${group}: which command? (${registry
        .inGroup(group)
        .map((c) => c.action)
        .join(", ")})`,
      group,
    );
  }
  const command = registry.find(group, second);
  if (!command)
    throw usageError(
      `unknown command ${group} ${printable(second)} (${registry
        .inGroup(group)
        .map((c) => c.action)
        .join(", ")})`,
      group,
    );
  return { command, rest: without(2), name: `${group} ${command.action}` };
}
