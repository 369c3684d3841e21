/** A request, call settings and replies for unit-testing one pipeline stage with a fake `next`. */
import type { Call, Outgoing, Reply } from "../../src/pipeline/types.js";
import { parseRateLimitHeaders } from "../../src/rate-limit/headers.js";

export const ORIGIN = "https://api.test";

export function request(over: Partial<Outgoing> = {}): Outgoing {
  return {
    method: "GET",
    url: `${ORIGIN}/voice-ai/agents/a1?locationId=L1`,
    headers: new Headers(),
    body: undefined,
    ...over,
  };
}

export function call(over: Partial<Call> = {}): Call {
  return {
    operationId: "getAgent",
    locationId: "L1",
    signal: undefined,
    timeoutMs: 60_000,
    maxRetries: 2,
    deadline: undefined,
    version: "2021-04-15",
    expect: "object",
    maxResponseBytes: 1 << 20,
    startedAt: performance.now(),
    attempt: 1,
    ...over,
  };
}

export function reply(status: number, headers: Record<string, string> = {}, data: unknown = {}): Reply {
  const parsed = new Headers(headers);
  const rateLimit = parseRateLimitHeaders(parsed);
  return { status, headers: parsed, rateLimit, fromApi: true, acted: false, text: "", data };
}

/** A promise that never settles unless its signal fires. */
export function forever(signal: AbortSignal | undefined): Promise<never> {
  return new Promise((_, reject) => signal?.addEventListener("abort", () => reject(signal.reason)));
}
