/** The flags every command shares, and those of the commands that call the API. */
import type { OptionTable } from "./args.js";

export const commonOptions: OptionTable = {
  json: {
    type: "boolean",
    description:
      "machine output: compact JSON on stdout, errors as one JSON line on stderr, progress as JSON lines",
  },
  quiet: { type: "boolean", short: "q", description: "no progress and no notes on stderr (errors still)" },
  verbose: { type: "boolean", description: "debug logs of every request on stderr (secrets redacted)" },
  help: { type: "boolean", short: "h", description: "this help" },
};

export const apiOptions: OptionTable = {
  location: {
    type: "string",
    value: "ID",
    description: "the location (sub-account) to act on (default: $GHL_LOCATION_ID)",
  },
  token: {
    type: "string",
    value: "TOKEN",
    description:
      "a Private Integration Token (default: $GHL_TOKEN; prefer the variable, a flag shows in `ps`)",
  },
  "token-store": {
    type: "string",
    value: "FILE",
    description: "an OAuth app's token store file (default: $GHL_TOKEN_STORE; key in $GHL_TOKEN_STORE_KEY)",
  },
  "client-id": {
    type: "string",
    value: "ID",
    description:
      "the OAuth app's client id, to refresh stored tokens (default: $GHL_CLIENT_ID; secret in $GHL_CLIENT_SECRET)",
  },
  "base-url": {
    type: "string",
    value: "URL",
    description: "the API's base URL, e.g. a local fake (default: $GHL_BASE_URL, else HighLevel's)",
  },
};

/** Every string flag of every command: the words after them are values, not commands. */
export function withValues(...tables: OptionTable[]): OptionTable {
  return Object.assign({}, ...tables) as OptionTable;
}
