/** The raw body of a webhook call, read up to a bound (a sender cannot make the receiver buffer more). */

/** The largest body accepted: HighLevel's events are a few KiB; a call-end with a long transcript stays far below. */
export const MAX_BODY = 1_048_576;

/** The body's bytes; a RangeError once it passes MAX_BODY (the rest is not read). */
export async function readBounded(request: Request): Promise<Uint8Array> {
  if (!request.body) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > MAX_BODY) {
      await reader.cancel();
      throw new RangeError("body too large");
    }
    chunks.push(value);
  }
  return concat(chunks, size);
}

export function concat(chunks: readonly Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}
