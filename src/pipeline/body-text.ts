/**
 * A response body as text, read only as far as it is kept, inside the attempt: its signal ends
 * every wait (a body that stalls, from a custom fetch that ignores the signal too), and a failed
 * read says what it was — an abort, an undecodable body, or a broken connection.
 */
import { untilAborted } from "./abortable.js";
import { Failure } from "./failure.js";
import type { Call } from "./types.js";

/**
 * The body as text, at most `limit` bytes: past it the rest is cancelled, and the read fails
 * when `strict` (a success body must be whole) or is cut when not (an error body or a snippet).
 * `guard`: the body comes from the caller's own fetch, which may ignore the signal: every wait on
 * it is raced with the signal (the built-in fetch's bodies end with it by themselves).
 */
export async function readText(
  response: Response,
  limit: number,
  strict: boolean,
  call: Call,
  guard: boolean,
): Promise<string> {
  const wait = <T>(work: Promise<T>) => (guard ? untilAborted(work, call.signal) : work);
  const { headers } = response;
  const declared = Number(headers.get("content-length") ?? NaN);
  // The common case, a plain body whose declared length fits: read whole by fetch itself.
  if (declared >= 0 && declared <= limit && !headers.has("content-encoding")) {
    try {
      return await wait(response.text());
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
      const { done, value } = await wait(reader.read());
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
