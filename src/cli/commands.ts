/**
 * Every command: one per operation of the generated table (`agents get`, `calls list`, ...) and
 * the CLI's own (`calls export`, `calls sync`, `fake`). Words come from the client's names: the
 * group in kebab-case (`callLogs` → `call-logs`, also `calls`), the method's name (`patch` is also
 * `update`, which the agents' PATCH is to an operator).
 */
import { operationDocs } from "../../generated/operation-docs.js";
import { operations, type OperationId, type OperationSpec } from "../../generated/operations.js";
import type { OptionTable } from "./args.js";
import type { CommandContext } from "./context.js";
import { kebab } from "./operation-params.js";

/** Shorter words for some groups; the kebab-case name is accepted too. */
const GROUP_WORDS: Readonly<Record<string, string>> = { callLogs: "calls" };
/** An operator's word for a method, used when the group has no method of that name. */
const METHOD_WORDS: Readonly<Record<string, string>> = { patch: "update" };

export interface OperationCommand {
  kind: "operation";
  group: string;
  groupAliases: readonly string[];
  action: string;
  aliases: readonly string[];
  operationId: OperationId;
  spec: OperationSpec;
  summary: string;
}

export interface CustomCommand {
  kind: "custom";
  /** Undefined for a top-level command (`fake`). */
  group: string | undefined;
  action: string;
  summary: string;
  /** After the command words, e.g. `--since WHEN [--until WHEN] [--out FILE|-]`. */
  usage: string;
  description: string;
  options: OptionTable;
  /** Whether it calls the API (takes the credential flags). */
  usesApi: boolean;
  run(ctx: CommandContext): Promise<number>;
}

export type Command = OperationCommand | CustomCommand;

export function operationCommands(): OperationCommand[] {
  const table = Object.entries(operations) as [OperationId, OperationSpec][];
  return table.map(([operationId, spec]) => {
    const siblings = new Set(table.filter(([, s]) => s.group === spec.group).map(([, s]) => s.name));
    const word = METHOD_WORDS[spec.name];
    const action = word && !siblings.has(word) ? word : spec.name;
    const group = GROUP_WORDS[spec.group] ?? kebab(spec.group);
    return {
      kind: "operation",
      group,
      groupAliases: group === kebab(spec.group) ? [] : [kebab(spec.group)],
      action,
      aliases: action === spec.name ? [] : [spec.name],
      operationId,
      spec,
      summary: operationDocs[operationId].summary,
    };
  });
}

/** The order commands are listed in: by group, then the way an operator reads them. */
const ACTION_ORDER = ["list", "get", "create", "update", "patch", "delete", "export", "sync"];
const rank = (action: string) =>
  ACTION_ORDER.includes(action) ? ACTION_ORDER.indexOf(action) : ACTION_ORDER.length;

export class Registry {
  readonly commands: readonly Command[];

  constructor(commands: readonly Command[]) {
    this.commands = [...commands].sort(
      (a, b) =>
        Number(a.group === undefined) - Number(b.group === undefined) ||
        (a.group ?? "").localeCompare(b.group ?? "") ||
        rank(a.action) - rank(b.action) ||
        a.action.localeCompare(b.action),
    );
  }

  /** The group words, in first-seen order, with their commands. */
  groups(): Map<string, Command[]> {
    const out = new Map<string, Command[]>();
    for (const c of this.commands) {
      const key = c.group ?? "";
      out.set(key, [...(out.get(key) ?? []), c]);
    }
    return out;
  }

  /** The canonical group word for `word`, or undefined. */
  group(word: string): string | undefined {
    for (const c of this.commands) {
      if (c.group === undefined) continue;
      if (c.group === word || (c.kind === "operation" && c.groupAliases.includes(word))) return c.group;
    }
    return undefined;
  }

  topLevel(word: string): CustomCommand | undefined {
    return this.commands.find(
      (c): c is CustomCommand => c.kind === "custom" && c.group === undefined && c.action === word,
    );
  }

  find(group: string, action: string): Command | undefined {
    return this.commands.find(
      (c) =>
        c.group === group && (c.action === action || (c.kind === "operation" && c.aliases.includes(action))),
    );
  }

  inGroup(group: string): Command[] {
    return this.commands.filter((c) => c.group === group);
  }
}
