/**
 * startFake: the stateful, deterministic fake of the Voice AI API, served on 127.0.0.1 and, without
 * sockets, through `fake.fetch`. createFakeVoiceAI (create.ts) adds webhooks and OAuth to it.
 */
import { validationTable } from "../../generated/validation.js";
import { ConfigurationError } from "../errors/index.js";
import type { FakeContext, FakeRouteHandler, JournalEntry } from "./context.js";
import { checkOptions, type FakeVoiceAIOptions } from "./fake-options.js";
import { Faults, type Fault } from "./faults.js";
import { createIdGenerator, createRandom } from "./random.js";
import { RateLimits } from "./rate-limit.js";
import { handle, matchOperation, RESET } from "./router.js";
import { seedLocation } from "./seed.js";
import { listen, type FakeServer } from "./server.js";
import { TokenRegistry, type LocationState } from "./store.js";

/** The fake of the API alone (what `FakeVoiceAI` has beside webhooks). */
export interface FakeVoiceAICore {
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

export interface StartOptions {
  /** Extra routes tried before the API's (see FakeRouteHandler). */
  handlers?: FakeRouteHandler[];
  /** The port to listen on (default 0: a free one). */
  port?: number;
  /** Answers requests before the fake (an admin API): what it answers is not journaled. */
  intercept?: (request: Request) => Promise<Response | undefined>;
}

const operationIds = Object.keys(validationTable.operations);

export async function startFake(
  options: FakeVoiceAIOptions = {},
  start: StartOptions = {},
): Promise<{ fake: FakeVoiceAICore; context: () => FakeContext }> {
  const settings = checkOptions(options);
  const handlers = start.handlers ?? [];
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
    const intercepted = await start.intercept?.(request);
    if (intercepted) return intercepted;
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

  const server: FakeServer | undefined = settings.listen ? await listen(answer, start.port ?? 0) : undefined;
  const fake: FakeVoiceAICore = {
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
  return { fake, context: () => ctx };
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
