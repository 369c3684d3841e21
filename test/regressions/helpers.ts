/**
 * What the regression suites share: the tests' local HTTP server (test/support/http-server.ts,
 * closed after each test), a logger that keeps every line, checks that a secret shows nowhere, and
 * a count of the timers the process has armed.
 */
import util from "node:util";
import { expect, vi } from "vitest";
import { createVoiceAIClient, type VoiceAIClient, type VoiceAIClientOptions } from "../../src/index.js";
import { failOnUnhandledRejections } from "../support/http-server.js";

export { json, startServer, type Handler, type Received, type TestServer } from "../support/http-server.js";

export const SECRET = "tok_REGRESSION_s3cr3t";
/**
 * Bound on how long a call that must end early may take: far below a hang (the client's default
 * timeoutMs is 60 s, a Retry-After here is 5 s or more), loose enough for a loaded machine.
 */
export const SETTLES_WITHIN_MS = 2500;
export const LOC = "LOC_regress_1";
export const AGENT = { id: "agent-1", locationId: LOC, agentName: "Support" };

// No call may leave a promise rejected with nobody listening (a hook's, a limiter wait's, a body's).
failOnUnhandledRejections();

/** A client on `baseUrl` with the test token, no client-side rate limit and no retry jitter waits. */
export function clientFor(baseUrl: string, options: Partial<VoiceAIClientOptions> = {}): VoiceAIClient<true> {
  // The options are spread, so the type cannot see the default location: say it.
  return createVoiceAIClient({
    token: SECRET,
    baseUrl,
    locationId: LOC,
    rateLimit: false,
    logLevel: "off",
    ...options,
  } as VoiceAIClientOptions) as VoiceAIClient<boolean> as VoiceAIClient<true>;
}

export interface LogLine {
  level: "debug" | "info" | "warn" | "error";
  message: string;
  fields: object | undefined;
}

/** A logger that keeps every line it is given. */
export function captureLogger() {
  const lines: LogLine[] = [];
  const at = (level: LogLine["level"]) => (message: string, fields?: object) => {
    lines.push({ level, message, fields });
  };
  return { lines, logger: { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") } };
}

/** Every way a value could show a secret: message, String, stack, JSON, util.inspect (hidden too). */
export function renderings(value: unknown): string[] {
  const out = [util.inspect(value, { depth: Infinity, showHidden: true }), util.format("%o", value)];
  try {
    out.push(JSON.stringify(value) ?? "");
  } catch {
    // cycles: inspect covers them
  }
  if (value instanceof Error) out.push(value.message, String(value), value.stack ?? "");
  return out;
}

export function expectNoSecret(value: unknown, secret = SECRET) {
  for (const text of renderings(value)) {
    expect(text.includes(secret), `shows the secret:\n${text.slice(0, 2000)}`).toBe(false);
  }
}

/**
 * Watches the timers armed through the global setTimeout from now on (restored by
 * vi.restoreAllMocks): `pending(ms)` counts those of that delay neither fired nor cleared yet.
 */
export function trackTimers() {
  const live = new Map<unknown, number>();
  const realSet = globalThis.setTimeout;
  const realClear = globalThis.clearTimeout;
  const armed = (fn: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
    const handle: unknown = realSet(() => {
      live.delete(handle);
      fn(...args);
    }, ms);
    live.set(handle, ms ?? 0);
    return handle;
  };
  vi.spyOn(globalThis, "setTimeout").mockImplementation(armed as typeof setTimeout);
  vi.spyOn(globalThis, "clearTimeout").mockImplementation((handle) => {
    live.delete(handle);
    realClear(handle);
  });
  return { pending: (ms: number) => [...live.values()].filter((delay) => delay === ms).length };
}

/** Resolves when the event loop has had a turn (lets finally blocks and aborts run). */
export const tick = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `fn` with a property added to Object.prototype, removed again whatever happens. */
export async function withPollutedPrototype<T>(props: Record<string, unknown>, fn: () => Promise<T>) {
  const proto = Object.prototype as Record<string, unknown>;
  for (const [key, value] of Object.entries(props)) {
    Object.defineProperty(proto, key, { value, configurable: true, enumerable: true, writable: true });
  }
  try {
    return await fn();
  } finally {
    for (const key of Object.keys(props)) delete proto[key];
  }
}
