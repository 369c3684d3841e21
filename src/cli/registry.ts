/** Every command of the CLI: one per operation of the spec, and the CLI's own. */
import { operationCommands, Registry } from "./commands.js";
import { fakeCommand } from "./commands/fake.js";

export function commandRegistry(): Registry {
  return new Registry([...operationCommands(), fakeCommand]);
}
