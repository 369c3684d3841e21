/**
 * An operation's command line, read from the generated table: its path parameters are
 * positional arguments (in path order), each query parameter a `--kebab-case` flag typed by its
 * schema, the location comes from --location, and a body from --body. A new operation in the spec
 * gets its flags here without any code.
 */
import { operationDocs } from "../../generated/operation-docs.js";
import type { OperationId, OperationSpec, QueryParamSpec } from "../../generated/operations.js";
import { checkValue, printable, type FlagValues, type OptionTable } from "./args.js";
import { usageError } from "./exit-codes.js";

export const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

export const pathParamsOf = (spec: OperationSpec): string[] => spec.path.match(/[^{}]+(?=\})/g) ?? [];

/** Query parameters that get a flag of their own (the location comes from --location). */
export const queryFlagsOf = (spec: OperationSpec) =>
  Object.entries(spec.query).filter(([name]) => name !== "locationId") as [string, QueryParamSpec][];

/** The flags of an operation (beside the common and API flags). */
export function operationOptions(operationId: OperationId, spec: OperationSpec): OptionTable {
  const docs = operationDocs[operationId];
  const table: Record<string, OptionTable[string]> = {};
  for (const [name, param] of queryFlagsOf(spec)) {
    table[kebab(name)] = {
      type: "string",
      ...(param.type === "array" && { multiple: true }),
      value: valueHint(param),
      description: `${docs.parameters[name] ?? name}${constraint(param)}${param.required ? " (required)" : ""}`,
    };
  }
  if (spec.body)
    table.body = {
      type: "string",
      value: "FILE",
      description: `the request body${docs.bodySchema ? ` (${docs.bodySchema})` : ""}: JSON, or YAML (.yaml/.yml); - reads stdin`,
    };
  if (spec.items)
    table.all = {
      type: "boolean",
      description: `every page: the ${spec.items} of all pages as one JSON array`,
    };
  return table;
}

function valueHint(param: QueryParamSpec): string {
  const type = param.type === "array" ? param.items?.type : param.type;
  const word = type === "integer" || type === "number" ? "N" : type === "boolean" ? "true|false" : "VALUE";
  return param.type === "array" ? `${word}[,${word}…]` : word;
}

function constraint(param: QueryParamSpec): string {
  const source = param.type === "array" ? param.items : param;
  const parts: string[] = [];
  if (source?.enum) parts.push(`one of ${source.enum.join(", ")}`);
  if (source?.min !== undefined && source.max !== undefined) parts.push(`${source.min} to ${source.max}`);
  else if (source?.min !== undefined) parts.push(`at least ${source.min}`);
  else if (source?.max !== undefined) parts.push(`at most ${source.max}`);
  if (param.type === "array") parts.push("repeat the flag or separate with commas");
  return parts.length ? ` [${parts.join("; ")}]` : "";
}

export interface OperationRequest {
  path: Record<string, string>;
  query: Record<string, unknown>;
}

/** The path and query parameters given on the command line, typed by their schemas. */
export function readParams(
  spec: OperationSpec,
  flags: FlagValues,
  positionals: readonly string[],
  command: string,
): OperationRequest {
  const fail = (message: string): never => {
    throw usageError(message, command);
  };
  const names = pathParamsOf(spec);
  if (positionals.length < names.length)
    fail(
      `missing ${names
        .slice(positionals.length)
        .map((n) => `<${n}>`)
        .join(" ")}`,
    );
  if (positionals.length > names.length) fail(`unexpected argument ${printable(positionals[names.length]!)}`);
  const path: Record<string, string> = {};
  names.forEach((name, i) => (path[name] = checkValue(`<${name}>`, positionals[i]!, fail)));
  const query: Record<string, unknown> = {};
  for (const [name, param] of queryFlagsOf(spec)) {
    const raw = flags[kebab(name)];
    if (raw === undefined) continue;
    const flag = `--${kebab(name)}`;
    if (param.type === "array") {
      const items = (raw as string[]).flatMap((value) => value.split(","));
      if (items.some((item) => item === "")) fail(`${flag} has an empty item`);
      query[name] = items.map((item) => scalar(flag, param.items?.type ?? "string", item, fail));
    } else query[name] = scalar(flag, param.type, raw as string, fail);
  }
  return { path, query };
}

function scalar(flag: string, type: string, text: string, fail: (message: string) => never): unknown {
  if (type === "integer") {
    if (!/^-?\d{1,16}$/.test(text) || !Number.isSafeInteger(Number(text)))
      fail(`${flag} must be an integer, got ${printable(text)}`);
    return Number(text);
  }
  if (type === "number") {
    if (!/^-?\d{1,16}(\.\d{1,16})?$/.test(text)) fail(`${flag} must be a number, got ${printable(text)}`);
    return Number(text);
  }
  if (type === "boolean") {
    if (text !== "true" && text !== "false") fail(`${flag} must be true or false, got ${printable(text)}`);
    return text === "true";
  }
  return text;
}

/** A validator's path (`query.pageSize`) as the user wrote it (`--page-size`). */
export function flagOf(path: string): string {
  const query = /^query\.(\w+)(.*)$/.exec(path);
  if (query) return query[1] === "locationId" ? "--location" : `--${kebab(query[1]!)}${query[2]}`;
  const param = /^path\.(\w+)$/.exec(path);
  return param ? `<${param[1]}>` : path;
}
