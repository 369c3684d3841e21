/**
 * The fake server's command-line flags, as `serve-cli.ts` (and the package CLI's `fake` command)
 * read them: `--port 0 --locations 5 --oauth --seed 7 --agents 2 --call-logs 20 --webhook URL
 * --no-rate-limit`. An unknown flag or a bad value is an error naming it.
 */
import { ConfigurationError } from "../../errors/index.js";
import type { FakeServerOptions } from "./serve.js";

export const USAGE =
  "usage: fake [--port N] [--locations N|ID,ID] [--oauth] [--seed S] [--agents N] [--call-logs N] [--webhook URL]... [--no-rate-limit]";

export function fakeServerOptionsFromArgs(argv: readonly string[]): FakeServerOptions {
  const options: FakeServerOptions & { webhooks: { urls: string[] } } = { webhooks: { urls: [] } };
  const int = (flag: string, value: string | undefined) => {
    if (value === undefined || !/^\d{1,6}$/.test(value))
      throw new ConfigurationError(`${flag} takes a whole number`);
    return Number(value);
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = () => {
      const next = argv[++i];
      if (next === undefined || next.startsWith("--")) throw new ConfigurationError(`${flag} takes a value`);
      return next;
    };
    if (flag === "--port") options.port = int(flag, value());
    else if (flag === "--locations") {
      const given = value();
      options.locations = /^\d+$/.test(given) ? int(flag, given) : given.split(",");
    } else if (flag === "--oauth") options.oauth = true;
    else if (flag === "--seed") options.seed = value();
    else if (flag === "--agents") options.agents = int(flag, value());
    else if (flag === "--call-logs") options.callLogs = int(flag, value());
    else if (flag === "--webhook") options.webhooks.urls.push(value());
    else if (flag === "--no-rate-limit") options.rateLimit = false;
    else throw new ConfigurationError(`unknown flag ${JSON.stringify(flag)}`);
  }
  return options;
}
