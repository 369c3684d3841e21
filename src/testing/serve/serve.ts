/**
 * startFakeServer: the fake as a server of its own, for tests whose workers run in several processes
 * (which cannot share an in-process fake). One port on 127.0.0.1 serves the API, with `oauth` the
 * OAuth endpoints, and the admin API under `/__fake/` (admin.ts). The package CLI's `fake` command
 * calls it; serve-cli.ts runs it from a shell.
 */
import { ConfigurationError } from "../../errors/index.js";
import { composeFake, type FakeVoiceAIWithOAuthOptions } from "../create.js";
import type { FakeVoiceAIOptions } from "../fake-options.js";
import { ADMIN_PREFIX, createAdmin } from "./admin.js";

export interface FakeServerOptions extends Omit<FakeVoiceAIWithOAuthOptions, "listen" | "locations"> {
  /** The port on 127.0.0.1; default 0 (a free one, read it from `url`). */
  port?: number;
  /** How many locations (`LOC1` to `LOCn`, at most 1000), or their ids; default `["LOC1"]`. */
  locations?: number | FakeVoiceAIOptions["locations"];
}

export interface FakeServerHandle {
  /** `http://127.0.0.1:PORT`: the API's `baseUrl`; the admin API is under `${url}/__fake/`. */
  readonly url: string;
  /** Stops deliveries in flight and the server. */
  close(): Promise<void>;
}

export async function startFakeServer(options: FakeServerOptions = {}): Promise<FakeServerHandle> {
  if (typeof options !== "object" || options === null)
    throw new ConfigurationError("startFakeServer: options must be an object");
  const { port = 0, locations, ...rest } = options;
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new ConfigurationError("startFakeServer: port must be an integer from 0 to 65535");
  if (typeof locations === "number" && !(Number.isInteger(locations) && locations >= 1 && locations <= 1_000))
    throw new ConfigurationError(
      "startFakeServer: locations must be a count from 1 to 1000, or a list of ids",
    );
  const list =
    typeof locations === "number" ? Array.from({ length: locations }, (_, i) => `LOC${i + 1}`) : locations;
  const ids = (list ?? ["LOC1"]).map((l) => (typeof l === "string" ? l : l?.id));
  // The admin API needs the fake, which needs its server: bound once both exist.
  let admin: ((request: Request) => Promise<Response | undefined>) | undefined;
  const fake = await composeFake(
    { ...rest, ...(list !== undefined && { locations: list }) },
    { port, intercept: async (request) => admin?.(request) },
  );
  admin = createAdmin(fake, ids as string[]);
  return { url: fake.url, close: () => fake.close() };
}

export { ADMIN_PREFIX };
