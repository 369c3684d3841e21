/** What the fake's parts share: its state, clock, ids, limits, faults and journal. */
import type { Faults } from "./faults.js";
import type { Random } from "./random.js";
import type { RateLimits } from "./rate-limit.js";
import type { LocationState, TokenRegistry } from "./store.js";

/** One request the fake received, and how it answered. Never holds the Authorization header. */
export interface JournalEntry {
  /** The spec's operationId; undefined for a path the API does not have. */
  operationId: string | undefined;
  method: string;
  /** Path and query string. */
  url: string;
  /** The request body, parsed when it is JSON. */
  body: unknown;
  /** 0 when the connection was reset without an answer. */
  status: number;
  /** The response body, parsed when it is JSON. */
  response: unknown;
  /** The fake clock's time when the request arrived (epoch ms). */
  at: number;
}

/**
 * Extra routes mounted before the Voice AI API (the OAuth endpoints, for instance): a handler
 * answers the requests it knows and returns undefined for the others. Its `reset`, if any, is
 * called by `fake.reset()`. Tokens it issues are accepted once added to `ctx.tokens`.
 */
export type FakeRouteHandler = ((request: Request, ctx: FakeContext) => Promise<Response | undefined>) & {
  reset?: () => void;
};

export interface FakeContext {
  readonly clock: () => number;
  readonly newId: () => string;
  readonly random: Random;
  readonly tokens: TokenRegistry;
  readonly locations: Map<string, LocationState>;
  readonly rateLimits: RateLimits;
  readonly faults: Faults;
  readonly journal: JournalEntry[];
  readonly handlers: FakeRouteHandler[];
}

export interface RouteInput {
  ctx: FakeContext;
  location: LocationState;
  path: Record<string, string>;
  query: Record<string, unknown>;
  body: Record<string, unknown>;
}

export interface RouteResult {
  status: number;
  body?: unknown;
  /** Values rejected for reasons of state (an agent that does not exist): answered 422 or 400. */
  violations?: string[];
}

export type Route = (input: RouteInput) => RouteResult;

export const notFound = (what: string): RouteResult => ({ status: 404, body: `${what} not found` });
