/**
 * `--help` texts, built from the same tables as the commands: an operation's summary,
 * description, scopes and parameter descriptions come from the spec (generated/operation-docs.ts).
 */
import { operationDocs } from "../../generated/operation-docs.js";
import type { OptionTable } from "./args.js";
import type { Command, Registry } from "./commands.js";
import { ExitCode } from "./exit-codes.js";
import { apiOptions, commonOptions } from "./options.js";
import { operationOptions, pathParamsOf } from "./operation-params.js";

export const BIN = "highlevel-voice-ai";
const WIDTH = 100;

export function wrap(text: string, indent: number, width = WIDTH): string {
  const pad = " ".repeat(indent);
  return text
    .split(/\n\s*\n/)
    .map((paragraph) => {
      const lines: string[] = [];
      let line = "";
      for (const word of paragraph.split(/\s+/).filter(Boolean)) {
        if (line && pad.length + line.length + 1 + word.length > width) {
          lines.push(pad + line);
          line = word;
        } else line = line ? `${line} ${word}` : word;
      }
      if (line) lines.push(pad + line);
      return lines.join("\n");
    })
    .join("\n\n");
}

/** Two columns: `  --flag VALUE   description`, the description wrapped under itself. */
export function table(rows: readonly [string, string][]): string {
  const left = Math.min(30, Math.max(...rows.map(([l]) => l.length)) + 2);
  return rows
    .map(([l, r]) => {
      const body = wrap(r, left + 2).trimStart();
      return l.length + 2 > left ? `  ${l}\n${" ".repeat(left + 2)}${body}` : `  ${l.padEnd(left)}${body}`;
    })
    .join("\n");
}

export function optionRows(options: OptionTable): [string, string][] {
  return Object.entries(options).map(([name, o]) => [
    `${o.short ? `-${o.short}, ` : ""}--${name}${o.type === "string" ? ` ${o.value ?? "VALUE"}` : ""}`,
    o.description,
  ]);
}

/** The command's words and arguments, without its flags: for the lists of commands. */
export function synopsis(command: Command): string {
  const words = [command.group, command.action].filter(Boolean).join(" ");
  return command.kind === "custom"
    ? words
    : [words, ...pathParamsOf(command.spec).map((p) => `<${p}>`)].join(" ");
}

export function usageOf(command: Command): string {
  const words = [command.group, command.action].filter(Boolean).join(" ");
  if (command.kind === "custom") return `${BIN} ${words} ${command.usage}`.trim();
  const args = pathParamsOf(command.spec).map((p) => `<${p}>`);
  return [BIN, words, ...args, "[flags]"].join(" ");
}

export function commandHelp(command: Command): string {
  if (command.kind === "custom") {
    return [
      `Usage: ${usageOf(command)}`,
      "",
      wrap(command.summary, 0),
      "",
      wrap(command.description, 2),
      "",
      "Flags:",
      table(optionRows(command.options)),
      ...(command.usesApi ? ["", "Credentials and location:", table(optionRows(apiOptions))] : []),
      "",
      "Common flags:",
      table(optionRows(commonOptions)),
      "",
    ].join("\n");
  }
  const docs = operationDocs[command.operationId];
  const params = pathParamsOf(command.spec);
  const own = operationOptions(command.operationId, command.spec);
  const aliases = command.aliases.length ? ` (also: ${command.aliases.join(", ")})` : "";
  return [
    `Usage: ${usageOf(command)}${aliases}`,
    "",
    `${docs.summary} — ${command.spec.method} ${command.spec.path}`,
    "",
    wrap(docs.description, 2),
    "",
    ...(params.length
      ? ["Arguments:", table(params.map((p) => [`<${p}>`, docs.parameters[p] ?? p])), ""]
      : []),
    ...(Object.keys(own).length ? ["Flags:", table(optionRows(own)), ""] : []),
    `Token scope: ${docs.scopes.join(" or ") || "none"}`,
    "",
    "Credentials and location:",
    table(optionRows(apiOptions)),
    "",
    "Common flags:",
    table(optionRows(commonOptions)),
    "",
    "Prints the result as JSON on stdout (indented on a terminal, one line otherwise or with --json).",
    "",
  ].join("\n");
}

export function groupHelp(registry: Registry, group: string): string {
  const rows = registry.inGroup(group).map((c): [string, string] => [synopsis(c), c.summary]);
  return [
    `Usage: ${BIN} ${group} <command> [flags]`,
    "",
    "Commands:",
    table(rows),
    "",
    `Run \`${BIN} ${group} <command> --help\` for its flags.`,
    "",
  ].join("\n");
}

export function mainHelp(registry: Registry, version: string): string {
  const rows = registry.commands.map((c): [string, string] => [synopsis(c), c.summary]);
  const codes: [string, string][] = [
    [String(ExitCode.ok), "done"],
    [String(ExitCode.failure), "the API or the machine failed (an error status, a connection, a file)"],
    [String(ExitCode.usage), "the command line was wrong (a flag, a value, a body that breaks the spec)"],
    [String(ExitCode.auth), "credentials: none, refused (401), a missing scope (403), a revoked install"],
    [String(ExitCode.notFound), "not found (404): the location, agent, action or call does not exist"],
    [String(ExitCode.partial), "an export or sync finished, but some locations failed and were skipped"],
    [
      String(ExitCode.interrupted),
      "stopped by Ctrl-C (the checkpoint was written; the command to resume is printed)",
    ],
    [String(ExitCode.terminated), "stopped by SIGTERM (likewise)"],
  ];
  return [
    `${BIN} ${version}: HighLevel's Voice AI API from the command line`,
    "",
    `Usage: ${BIN} <command> [arguments] [flags]`,
    "",
    "Commands:",
    table(rows),
    "",
    "Credentials and location (every command that calls the API):",
    table(optionRows(apiOptions)),
    "",
    "Common flags:",
    table([...optionRows(commonOptions), ["--version", "the package's version"]]),
    "",
    "Exit codes:",
    table(codes),
    "",
    `Run \`${BIN} <command> --help\` for a command's arguments and flags.`,
    "",
  ].join("\n");
}
