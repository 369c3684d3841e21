/**
 * Flags with util.parseArgs, checked strictly here so that every mistake is one clear line that
 * names the flag and never echoes a value (a mistyped `--tokn SECRET` must not print the secret).
 */
import { parseArgs } from "node:util";
import { usageError } from "./exit-codes.js";

export interface OptionSpec {
  type: "string" | "boolean";
  /** Given more than once: every value is kept (and each may hold a comma-separated list). */
  multiple?: boolean;
  short?: string;
  /** The value's placeholder in `--help` (`FILE`, `ID`). */
  value?: string;
  description: string;
}
export type OptionTable = Readonly<Record<string, OptionSpec>>;
export type FlagValues = Record<string, string | boolean | string[] | undefined>;

/** Longest value a flag takes: ids, paths and dates are far shorter. */
export const MAX_FLAG_CHARS = 8192;

export interface ParsedFlags {
  values: FlagValues;
  positionals: string[];
}

/**
 * The first `max` words of argv that are not flags (nor a value of one of `known`'s string
 * flags), with their index: the command words, wherever global flags sit around them.
 */
export function leadingWords(argv: readonly string[], known: OptionTable, max: number) {
  const words: { word: string; index: number }[] = [];
  for (let i = 0; i < argv.length && words.length < max; i++) {
    const arg = argv[i]!;
    if (arg === "--") break;
    if (arg.startsWith("-") && arg !== "-") {
      const name = arg.replace(/^--?/, "");
      if (!name.includes("=") && known[name]?.type === "string") i++;
      continue;
    }
    words.push({ word: arg, index: i });
  }
  return words;
}

export function parseFlags(args: readonly string[], options: OptionTable, command: string): ParsedFlags {
  const { tokens } = parseArgs({
    args: [...args],
    options: Object.fromEntries(
      Object.entries(options).map(([name, o]) => [
        name,
        { type: o.type, ...(o.short && { short: o.short }) },
      ]),
    ),
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const values: FlagValues = {};
  const positionals: string[] = [];
  const fail = (message: string): never => {
    throw usageError(message, command);
  };
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.kind === "positional") {
      positionals.push(token.value);
      continue;
    }
    if (token.kind === "option-terminator") continue;
    const flag = token.rawName.startsWith("--") ? `--${token.name}` : token.rawName;
    const spec = Object.hasOwn(options, token.name) ? options[token.name] : undefined;
    if (!spec) fail(`unknown flag ${printable(flag)}`);
    let value: string | boolean;
    if (spec!.type === "boolean") {
      if (token.inlineValue) fail(`${flag} takes no value`);
      value = true;
    } else {
      // parseArgs (not strict) reads `--location --json` as two flags: the value is missing.
      if (token.value === undefined) fail(`${flag} needs a value`);
      // `--location --json` would take "--json" as the location: a value may start with a dash
      // only when written `--location=-x` (or be "-" itself, stdin or stdout).
      if (!token.inlineValue && token.value!.startsWith("-") && token.value !== "-")
        fail(`${flag} needs a value (one that starts with "-" is written ${flag}=-…)`);
      value = checkValue(flag, token.value!, fail);
    }
    if (spec!.multiple) {
      const list = (values[token.name] as string[] | undefined) ?? [];
      values[token.name] = [...list, String(value)];
    } else {
      if (values[token.name] !== undefined) fail(`${flag} is given more than once`);
      values[token.name] = value;
    }
  }
  return { values, positionals };
}

/** A flag's value or a positional argument: not empty, not huge, no control character. */
export function checkValue(flag: string, value: string, fail: (message: string) => never): string {
  if (value === "") fail(`${flag} needs a value, got an empty one`);
  if (value.length > MAX_FLAG_CHARS)
    fail(`${flag} is too long (${value.length} characters, at most ${MAX_FLAG_CHARS})`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value)) fail(`${flag} contains a control character (CR, LF, tab, ...)`);
  return value;
}

/** A word from the command line, shown safely: quoted, control characters escaped, shortened. */
export function printable(word: string): string {
  const short = word.length > 60 ? `${word.slice(0, 60)}…` : word;
  return /^[\w.:/@+=-]+$/.test(short) ? short : JSON.stringify(short);
}

/** A string flag's value, or undefined. */
export function stringFlag(values: FlagValues, name: string): string | undefined {
  const value = values[name];
  return typeof value === "string" ? value : undefined;
}
