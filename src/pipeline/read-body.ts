/**
 * Reads the response body inside the attempt (so its timer and signal cover it, and a reset
 * while reading can be retried), only as far as it is kept: a whole success body up to
 * `maxResponseBytes`, the first bytes of an error body or of a body that is not JSON.
 */
import { parseRateLimitHeaders } from "../rate-limit-headers.js";
import { untilAborted } from "./abortable.js";
import { Failure } from "./failure.js";
import type { Call, Exchanges, Send } from "./types.js";

/** How much of an error body is kept (APIError.body). */
export const ERROR_BODY_BYTES = 64 * 1024;
/** How much of a 2xx that is not JSON is kept, for InvalidResponseError.bodySnippet. */
const SNIPPET_BYTES = 1024;

export const readBody =
  (next: Exchanges): Send =>
  async (request, call) => {
    const { response, fromApi, acted } = await next(request, call);
    const { status, headers } = response;
    // Parsed once here for every stage above (limiter, events, errors); another host's are not ours.
    const rateLimit = fromApi ? parseRateLimitHeaders(headers) : undefined;
    const reply = { status, headers, rateLimit, fromApi, acted, text: "", data: undefined };
    if (status < 200 || status > 299) {
      try {
        return { ...reply, text: await readText(response, ERROR_BODY_BYTES, false, call) };
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
        await readText(response, SNIPPET_BYTES, false, call),
      );
    }
    const text = await readText(response, call.maxResponseBytes, true, call);
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
    if (typeof data !== "object" || data === null || Array.isArray(data)) {
      throw invalid(
        `expected a JSON object, got ${data === null ? "null" : Array.isArray(data) ? "an array" : typeof data}`,
        text.slice(0, 200),
      );
    }
    return { ...reply, data };
  };

/**
 * The body as text, at most `limit` bytes: past it the rest is cancelled, and the read fails
 * when `strict` (a success body must be whole) or is cut when not (an error body or a snippet).
 */
async function readText(response: Response, limit: number, strict: boolean, call: Call): Promise<string> {
  const { headers } = response;
  const declared = Number(headers.get("content-length") ?? NaN);
  // The common case, a plain body whose declared length fits: read whole by fetch itself.
  if (declared >= 0 && declared <= limit && !headers.has("content-encoding")) {
    try {
      // A custom fetch's body may ignore the signal: the wait ends when it fires all the same.
      return await untilAborted(response.text(), call.signal);
    } catch (error) {
      throw readFailure(error, response, call);
    }
  }
  const reader = response.body?.getReader();
  if (!reader) return "";
  const decoder = new TextDecoder();
  let text = "";
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await untilAborted(reader.read(), call.signal);
      if (done) break;
      const room = limit - size;
      if (value.byteLength > room && strict) {
        throw new Failure("invalid-response", `the body is larger than maxResponseBytes (${limit})`, {
          status: response.status,
        });
      }
      text += decoder.decode(value.subarray(0, room), { stream: true });
      size += value.byteLength;
      if (size >= limit && !strict) break; // what is kept is read: the rest is cancelled
    }
  } catch (error) {
    void reader.cancel().catch(() => {});
    throw readFailure(error, response, call);
  }
  void reader.cancel().catch(() => {});
  // A cut may split a character: the decoder's end replaces the broken part instead of throwing.
  return text + decoder.decode();
}

/** What a failed read was: an abort (passed on), an undecodable body, or a broken connection. */
function readFailure(error: unknown, response: Response, call: Call): unknown {
  if (error instanceof Failure || call.signal?.aborted) return error;
  if (isDecodingError(error)) {
    return new Failure("invalid-response", "the body could not be decoded (Content-Encoding)", {
      status: response.status,
    });
  }
  return new Failure("network", "Reading the response failed", { cause: error });
}

/**
 * zlib and brotli errors reach fetch's body stream as the cause of a TypeError("terminated").
 * zlib's codes start with Z_; Node names brotli decoder errors ERR__ERROR_FORMAT_... and the like.
 */
function isDecodingError(error: unknown): boolean {
  for (let e = error, depth = 0; depth < 6 && typeof e === "object" && e !== null; depth++) {
    const { code } = e as { code?: unknown };
    if (typeof code === "string" && /^Z_|^ERR__ERROR_|BROTLI|ZLIB/i.test(code)) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}
