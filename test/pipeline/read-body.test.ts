import { describe, expect, it, vi } from "vitest";
import { Failure } from "../../src/pipeline/failure.js";
import { ERROR_BODY_BYTES, readBody } from "../../src/pipeline/read-body.js";
import type { Call } from "../../src/pipeline/types.js";
import { call, request } from "./fakes.js";

/** A response whose body stream counts the bytes pulled from it. */
function counted(status: number, chunks: number, chunkBytes: number, type = "application/json") {
  let pulled = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled >= chunks) return controller.close();
      pulled++;
      controller.enqueue(new Uint8Array(chunkBytes).fill(0x61));
    },
  });
  return {
    response: new Response(body, { status, headers: { "content-type": type } }),
    pulled: () => pulled,
  };
}

const read = (response: Response, over: Partial<Call> = {}) =>
  readBody(async () => ({ response, fromApi: true, acted: false }), true)(request(), call(over)).catch(
    (e: unknown) => e,
  );

describe("readBody stage", () => {
  it("parses a 2xx JSON object; 204 and operations that promise nothing give undefined", async () => {
    expect(await read(Response.json({ id: "a" }))).toMatchObject({ status: 200, data: { id: "a" } });
    expect(await read(new Response(null, { status: 204 }))).toMatchObject({ status: 204, data: undefined });
    expect(await read(new Response("ignored", { status: 200 }), { expect: "none" })).toMatchObject({
      data: undefined,
    });
  });

  it("an empty body, JSON null, an array or a number where an object is promised is an invalid response", async () => {
    for (const body of ["", "  ", "null", "[]", "42", '{"id":']) {
      const failure = (await read(
        new Response(body, { headers: { "content-type": "application/json" } }),
      )) as Failure;
      expect(failure, body).toBeInstanceOf(Failure);
      expect(failure.kind).toBe("invalid-response");
    }
  });

  it("reads only a snippet of a 2xx that is not JSON (an HTML sign-in page)", async () => {
    const { response, pulled } = counted(200, 1000, 1024, "text/html");
    const failure = (await read(response)) as Failure;
    expect(failure.kind).toBe("invalid-response");
    expect(failure.reason).toMatch(/text\/html/);
    expect(failure.details.snippet!.length).toBeLessThanOrEqual(1024);
    expect(pulled()).toBeLessThanOrEqual(3); // the stream may pull one chunk ahead
  });

  it("keeps only the first 64 KiB of an error body, and reads no further", async () => {
    const { response, pulled } = counted(500, 50 * 1024, 1024, "text/plain"); // 50 MB on offer
    const result = (await read(response)) as { status: number; text: string };
    expect(result.status).toBe(500);
    expect(result.text.length).toBe(ERROR_BODY_BYTES);
    expect(pulled()).toBeLessThanOrEqual(66);
  });

  it("refuses a success body larger than maxResponseBytes", async () => {
    const { response, pulled } = counted(200, 100, 1024);
    const failure = (await read(response, { maxResponseBytes: 10_000 })) as Failure;
    expect(failure.kind).toBe("invalid-response");
    expect(failure.reason).toMatch(/maxResponseBytes/);
    expect(pulled()).toBeLessThanOrEqual(11);
  });

  it("a success body that fills maxResponseBytes exactly is read whole; one byte more is refused", async () => {
    // Chunked (no Content-Length): the reader only knows there is more by reading on.
    const exact = (extra: number) => {
      // The first chunk ends exactly at the limit; the rest, if any, comes in a chunk of its own.
      const body = `{"a":"${"x".repeat(1000 - 8 + extra)}"}`;
      const parts = [body.slice(0, 1000), body.slice(1000)].filter(Boolean);
      return new Response(
        new ReadableStream({
          pull(controller) {
            const next = parts.shift();
            if (next === undefined) return controller.close();
            controller.enqueue(new TextEncoder().encode(next));
          },
        }),
        { headers: { "content-type": "application/json" } },
      );
    };
    expect(await read(exact(0), { maxResponseBytes: 1000 })).toMatchObject({
      status: 200,
      data: { a: expect.any(String) },
    });
    expect(await read(exact(1), { maxResponseBytes: 1000 })).toMatchObject({
      kind: "invalid-response",
      reason: expect.stringMatching(/maxResponseBytes/),
    });
    expect(await read(exact(-1), { maxResponseBytes: 999 })).toMatchObject({ status: 200 });
  });

  it("a stream that fails mid-body is a network failure (retryable); a decoding error is an invalid response", async () => {
    const failing = (error: unknown) =>
      new Response(new ReadableStream({ pull: (c) => c.error(error) }), {
        headers: { "content-type": "application/json" },
      });
    expect(await read(failing(new TypeError("terminated", { cause: { code: "ECONNRESET" } })))).toMatchObject(
      { kind: "network" },
    );
    expect(
      await read(failing(new TypeError("terminated", { cause: { code: "Z_DATA_ERROR" } }))),
    ).toMatchObject({
      kind: "invalid-response",
    });
  });

  it("cancels the body of a response it does not read", async () => {
    const cancel = vi.fn();
    const body = new ReadableStream({ cancel });
    await read(new Response(body, { status: 200 }), { expect: "none" });
    expect(cancel).toHaveBeenCalled();
  });
});
