/** Every command of the CLI: one per operation of the spec, and the CLI's own. */
import { operationCommands, Registry } from "./commands.js";
import { exportCommand } from "./commands/calls-export.js";
import { syncCommand } from "./commands/calls-sync.js";
import { fakeCommand } from "./commands/fake.js";

export function commandRegistry(): Registry {
  return new Registry([...operationCommands(), exportCommand, syncCommand, fakeCommand]);
}
