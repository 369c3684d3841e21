/**
 * The innermost stage: one exchange on the wire through the configured fetch. Redirects are never
 * followed here (the redirects stage decides where credentials may go). With `guard` (the
 * caller's own fetch, which may ignore the signal) the exchange is raced with the attempt's
 * signal: the stages above (the rate-limit slot among them) are never held by a fetch that hangs.
 */
import { classifyNetworkError } from "./retry-policy.js";
import { untilAborted } from "./abortable.js";
import { Failure } from "./failure.js";
import type { Wire } from "./types.js";

/** What the client calls to send: the global fetch, or the user's `fetch` option. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export function sendOnWire(fetchImpl: FetchLike, guard: boolean): Wire {
  return async ({ method, url, headers, body }, call) => {
    let response: unknown;
    try {
      const { signal } = call;
      const sent = fetchImpl(url, {
        method,
        headers,
        body: body ?? null,
        signal: signal ?? null,
        redirect: "manual",
      });
      response = await (guard ? untilAborted(sent, signal) : sent);
    } catch (error) {
      throw new Failure(classifyNetworkError(error), "Connection failed", { cause: error });
    }
    // A custom fetch may hand back anything; only a Response-like object can be read.
    const r = response as Partial<Response> | null;
    if (typeof r?.status !== "number" || typeof r.headers?.get !== "function") {
      throw new Failure("configuration", "The fetch function did not return a Response");
    }
    return response as Response;
  };
}
