/**
 * Reads the response body inside the attempt (so its timer and signal cover it, and a reset
 * while reading can be retried), only as far as it is kept: a whole success body up to
 * `maxResponseBytes`, the first bytes of an error body or of a body that is not JSON.
 */
import { parseRateLimitHeaders } from "../rate-limit/headers.js";
import { isObject } from "../request/own.js";
import { readText } from "./body-text.js";
import { Failure } from "./failure.js";
import type { Exchanges, Send } from "./types.js";

/** How much of an error body is kept (APIError.body). */
export const ERROR_BODY_BYTES = 64 * 1024;
/** How much of a 2xx that is not JSON is kept, for InvalidResponseError.bodySnippet. */
const SNIPPET_BYTES = 1024;

/** `guard`: the responses come from the caller's own fetch (see readText). */
export const readBody =
  (next: Exchanges, guard: boolean): Send =>
  async (request, call) => {
    const { response, fromApi, acted } = await next(request, call);
    const { status, headers } = response;
    // Parsed once here for every stage above (limiter, events, errors); another host's are not ours.
    const rateLimit = fromApi ? parseRateLimitHeaders(headers) : undefined;
    const reply = { status, headers, rateLimit, fromApi, acted, text: "", data: undefined };
    if (status < 200 || status > 299) {
      try {
        return { ...reply, text: await readText(response, ERROR_BODY_BYTES, false, call, guard) };
      } catch (error) {
        // The status is what counts; its body only explains it. An abort is still an abort.
        if (call.signal?.aborted) throw error;
        return reply;
      }
    }
    if (status === 204 || call.expect === "none") {
      await response.body?.cancel().catch(() => {});
      return reply;
    }
    const invalid = (reason: string, snippet = "") =>
      new Failure("invalid-response", reason, { status, snippet });
    const type = headers.get("content-type");
    if (type && !/json/i.test(type)) {
      throw invalid(
        `expected JSON, got ${type.split(";")[0]}`,
        await readText(response, SNIPPET_BYTES, false, call, guard),
      );
    }
    const text = await readText(response, call.maxResponseBytes, true, call, guard);
    if (!text.trim()) throw invalid("the body is empty");
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (error) {
      throw new Failure("invalid-response", "the body is not valid JSON", {
        status,
        snippet: text.slice(0, 200),
        cause: error,
      });
    }
    if (!isObject(data)) {
      throw invalid(
        `expected a JSON object, got ${data === null ? "null" : Array.isArray(data) ? "an array" : typeof data}`,
        text.slice(0, 200),
      );
    }
    return { ...reply, data };
  };
