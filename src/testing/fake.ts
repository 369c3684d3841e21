/**
 * createFakeVoiceAI: a stateful, deterministic fake of the Voice AI API for tests, served on
 * 127.0.0.1 and, without sockets, through `fake.fetch`.
 */
import { validationTable } from "../../generated/validation.js";
import { ConfigurationError } from "../errors/index.js";
import type { FakeContext, FakeRouteHandler, JournalEntry } from "./context.js";
import { Faults, type Fault } from "./faults.js";
import { createIdGenerator, createRandom } from "./random.js";
import { RateLimits, type FakeRateLimitOptions } from "./rate-limit.js";
import { handle, matchOperation, RESET } from "./router.js";
import { seedLocation } from "./seed.js";
import { listen, type FakeServer } from "./server.js";
import { TokenRegistry, type FakeLocation, type LocationState } from "./store.js";

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
}

export interface FakeVoiceAI {
  /** Base URL of the server: give it to the client as `baseUrl`. */
  readonly url: string;
  /** The same fake without sockets: give it to the client as `fetch`. */
  readonly fetch: (input: string | URL | Request, init?: RequestInit) => Promise<Response>;
  /** The Private Integration Token of a location. */
  tokenFor(locationId: string): string;
  /** Every request received, in order, with its answer. */
  readonly requests: readonly JournalEntry[];
  /** Makes the next matching request fail: a status, a connection reset, a delay. */
  failNext(fault: Fault): void;
  /** Back to the seeded state: data, ids, limits, faults and journal. */
  reset(): void;
  close(): Promise<void>;
}

const operationIds = Object.keys(validationTable.operations);

/** Starts a fake; `handlers` are extra routes tried before the API's (see FakeRouteHandler). */
export async function startFake(
  options: FakeVoiceAIOptions = {},
  handlers: FakeRouteHandler[] = [],
): Promise<FakeVoiceAI> {
  const settings = checkOptions(options);
  const clock = options.clock ?? Date.now;
  const tokenOf = (id: string) => `pit-fake-${createRandom(`token:${settings.seed}:${id}`).hex(32)}`;
  const build = (): FakeContext => {
    const newId = createIdGenerator(settings.seed, clock);
    const ctx: FakeContext = {
      clock,
      newId,
      random: createRandom(`run:${settings.seed}`),
      tokens: new TokenRegistry(),
      locations: new Map(),
      rateLimits: new RateLimits(options.rateLimit, clock),
      faults: new Faults(),
      journal: [],
      handlers,
    };
    for (const location of settings.locations) {
      const state: LocationState = { ...location, agents: new Map(), actions: new Map(), callLogs: [] };
      seedLocation(state, settings.seed, settings, clock(), newId);
      ctx.locations.set(location.id, state);
      ctx.tokens.add(tokenOf(location.id), { locationId: location.id });
    }
    return ctx;
  };
  let ctx = build();

  async function answer(request: Request) {
    const at = clock();
    const sent = await request.clone().text();
    const url = new URL(request.url);
    const outcome = await handle(ctx, request);
    const received = outcome === RESET ? "" : await outcome.clone().text();
    ctx.journal.push({
      operationId: matchOperation(request.method, url.pathname)?.operationId,
      method: request.method,
      url: url.pathname + url.search,
      body: parsed(sent),
      status: outcome === RESET ? 0 : outcome.status,
      response: parsed(received),
      at,
    });
    return outcome;
  }

  const server: FakeServer | undefined = settings.listen ? await listen(answer) : undefined;
  return {
    url: server?.url ?? "http://127.0.0.1",
    fetch: async (input, init) => {
      const request = new Request(input, init);
      const outcome = await abortable(answer(request), request.signal);
      if (outcome === RESET)
        throw new TypeError("fetch failed", {
          cause: Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" }),
        });
      return outcome;
    },
    tokenFor(locationId) {
      if (!settings.locations.some((l) => l.id === locationId))
        throw new ConfigurationError(`tokenFor: the fake has no location ${JSON.stringify(locationId)}`);
      return tokenOf(locationId);
    },
    get requests() {
      return ctx.journal;
    },
    failNext: (fault) => ctx.faults.add(fault, operationIds),
    reset: () => {
      ctx = build();
      for (const handler of handlers) handler.reset?.();
    },
    close: async () => server?.close(),
  };
}

function parsed(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

function checkOptions(options: FakeVoiceAIOptions) {
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
