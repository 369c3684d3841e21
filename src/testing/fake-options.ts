/** The fake's options, and their checks (a clear ConfigurationError before anything starts). */
import { ConfigurationError } from "../errors/index.js";
import type { FakeRateLimitOptions } from "./rate-limit.js";
import type { FakeLocation } from "./store.js";
import type { FakeWebhookOptions } from "./webhooks/types.js";

export interface FakeVoiceAIOptions {
  /** The locations (sub-accounts) that exist; default `["LOC1"]`. */
  locations?: readonly (string | FakeLocation)[];
  /** Agents each location starts with (each with two actions); default 2. */
  agents?: number;
  /** Call logs each location starts with; default 20. */
  callLogs?: number;
  /** Seed of every id and every seeded value; default 1. */
  seed?: string | number;
  /** "Now" in epoch ms: timestamps, ids, rate-limit windows, token expiry; default Date.now. */
  clock?: () => number;
  /** HighLevel's limits unless given (100 per 10 s, 200,000 a day); false: no limit. */
  rateLimit?: FakeRateLimitOptions | false;
  /** Serve HTTP on 127.0.0.1; default true. With false, use `fake.fetch` (`url` is then a placeholder). */
  listen?: boolean;
  /** Where `simulateCall` (and, with `oauth`, `uninstall`) send their signed webhooks, and how. */
  webhooks?: FakeWebhookOptions;
}

export interface CheckedOptions {
  locations: Required<FakeLocation>[];
  seed: string | number;
  agents: number;
  callLogs: number;
  listen: boolean;
}

export function checkOptions(options: FakeVoiceAIOptions): CheckedOptions {
  if (typeof options !== "object" || options === null)
    throw new ConfigurationError("the fake's options must be an object");
  const count = (name: string, value: unknown, fallback: number) => {
    if (value === undefined) return fallback;
    if (!Number.isSafeInteger(value) || (value as number) < 0 || (value as number) > 100_000)
      throw new ConfigurationError(`${name} must be an integer from 0 to 100000`);
    return value as number;
  };
  const locations = (options.locations ?? ["LOC1"]).map((l): Required<FakeLocation> => {
    const given = typeof l === "string" ? { id: l } : l;
    if (typeof given?.id !== "string" || !/^[A-Za-z0-9_-]{1,64}$/.test(given.id))
      throw new ConfigurationError("each location id must be 1-64 letters, digits, _ or -");
    return {
      id: given.id,
      name: given.name ?? `Business ${given.id}`,
      timezone: given.timezone ?? "America/New_York",
    };
  });
  if (locations.length === 0 || new Set(locations.map((l) => l.id)).size !== locations.length)
    throw new ConfigurationError("locations must name at least one location, each once");
  if (options.clock !== undefined && typeof options.clock !== "function")
    throw new ConfigurationError("clock must be a function");
  const seed = options.seed ?? 1;
  if (typeof seed !== "string" && typeof seed !== "number")
    throw new ConfigurationError("seed must be a string or a number");
  return {
    locations,
    seed,
    agents: count("agents", options.agents, 2),
    callLogs: count("callLogs", options.callLogs, 20),
    listen: options.listen !== false,
  };
}
