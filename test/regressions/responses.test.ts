/**
 * Issue 10 §2.6, §2.12, §2.13 and hostile servers — what a response turns into: an empty or null
 * 2xx where an object is promised, a bad Content-Encoding, a reset mid-body, huge error and HTML
 * bodies read only as far as they are kept, `maxResponseBytes`, readable messages, redirects
 * to other hosts and loops, and 429 storms with garbage headers.
 */
import http from "node:http";
import zlib from "node:zlib";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  APIConnectionError,
  APIError,
  ConfigurationError,
  InternalServerError,
  InvalidRequestError,
  InvalidResponseError,
  NotFoundError,
  RateLimitError,
  UnprocessableEntityError,
} from "../../src/index.js";
import { rejectionOf } from "../rejection.js";
import { AGENT, clientFor, json, startServer, SETTLES_WITHIN_MS } from "./helpers.js";

afterEach(() => {
  vi.restoreAllMocks();
});

const send = (status: number, body: string | Buffer, headers: http.OutgoingHttpHeaders) =>
  startServer((_q, res) => {
    res.writeHead(status, headers);
    res.end(body);
  });
const JSON_TYPE = { "content-type": "application/json" };

describe("a 2xx body that is not the promised object", () => {
  it.each([
    ["empty", "", JSON_TYPE, /empty/],
    ["whitespace", "  \n ", JSON_TYPE, /empty/],
    ["empty, no content-type", "", {}, /empty/],
    ["null", "null", JSON_TYPE, /got null/],
    ["an array", "[1]", JSON_TYPE, /got an array/],
    ["a string", '"ok"', JSON_TYPE, /got string/],
    ["a number", "42", JSON_TYPE, /got number/],
    ["truncated JSON", '{"id":', JSON_TYPE, /not valid JSON/],
    [
      "HTML",
      "<!doctype html><h1>Gateway</h1>",
      { "content-type": "text/html" },
      /expected JSON, got text\/html/,
    ],
  ])("%s is an InvalidResponseError, not retried", async (_name, body, headers, reason) => {
    const server = await send(200, body, headers);
    const error = await rejectionOf(clientFor(server.baseUrl).agents.get({ agentId: "a1" }));
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as InvalidResponseError).status).toBe(200);
    expect((error as Error).message).toMatch(reason);
    expect(server.requests).toHaveLength(1);
  });

  it("a 204 (and an empty 200) of a DELETE resolves undefined", async () => {
    const server = await startServer((_q, res, n) => {
      res.writeHead(n === 1 ? 204 : 200);
      res.end();
    });
    const voiceAI = clientFor(server.baseUrl);
    await expect(voiceAI.agents.delete({ agentId: "a1" })).resolves.toBeUndefined();
    await expect(voiceAI.agents.delete({ agentId: "a1" })).resolves.toBeUndefined();
  });
});

describe("Content-Encoding", () => {
  it.each(["gzip", "br", "deflate"])(
    "a body that is not %s as it says is an InvalidResponseError",
    async (enc) => {
      const server = await send(200, JSON.stringify(AGENT), { ...JSON_TYPE, "content-encoding": enc });
      const error = await rejectionOf(clientFor(server.baseUrl).agents.get({ agentId: "a1" }));
      expect(error).toBeInstanceOf(InvalidResponseError);
      expect(error).not.toBeInstanceOf(APIConnectionError);
      expect((error as Error).message).toMatch(/Content-Encoding/);
      expect(server.requests).toHaveLength(1);
    },
  );

  it("a real gzip body is read", async () => {
    const server = await send(200, zlib.gzipSync(JSON.stringify(AGENT)), {
      ...JSON_TYPE,
      "content-encoding": "gzip",
    });
    await expect(clientFor(server.baseUrl).agents.get({ agentId: "a1" })).resolves.toEqual(AGENT);
  });
});

describe("a connection reset while reading a 2xx body", () => {
  const resetOnce = () =>
    startServer((_q, res, n) => {
      if (n > 1) return json(res, 200, AGENT);
      res.writeHead(200, { ...JSON_TYPE, "content-length": "500" });
      res.write('{"id":"agent-1",');
      setTimeout(() => res.socket?.destroy(), 20);
    });

  it("of a GET is retried, and the call succeeds", async () => {
    vi.spyOn(Math, "random").mockReturnValue(0);
    const server = await resetOnce();
    await expect(clientFor(server.baseUrl).agents.get({ agentId: "a1" })).resolves.toEqual(AGENT);
    expect(server.requests).toHaveLength(2);
  });

  it("of a POST is an APIConnectionError, not sent again", async () => {
    const server = await resetOnce();
    const error = await rejectionOf(clientFor(server.baseUrl).agents.create({ body: { agentName: "x" } }));
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(server.requests).toHaveLength(1);
  });
});

/** A response that streams `total` bytes in 64 KiB chunks; tells how many the client took. */
async function hugeServer(status: number, type: string, first: string, total: number) {
  const written = { bytes: 0, finished: false };
  const server = await startServer((_q, res) => {
    res.writeHead(status, { "content-type": type });
    const chunk = Buffer.alloc(65536, "x");
    res.write(first);
    const pump = () => {
      while (written.bytes < total) {
        written.bytes += chunk.length;
        if (!res.write(chunk)) return void res.once("drain", pump);
      }
      res.end(() => (written.finished = true));
    };
    res.on("error", () => {});
    pump();
  });
  return { server, written };
}

describe("large bodies are read only as far as they are kept", () => {
  it("a 64 MB error body: APIError.body keeps at most 64 KiB and the rest is never read", async () => {
    const { server, written } = await hugeServer(500, "text/plain", "upstream exploded ", 64 << 20);
    const started = performance.now();
    const error = await rejectionOf(
      clientFor(server.baseUrl, { maxRetries: 0 }).agents.get({ agentId: "a1" }),
    );
    expect(error).toBeInstanceOf(InternalServerError);
    const { body, message } = error as APIError;
    expect(typeof body).toBe("string");
    expect((body as string).length).toBeLessThanOrEqual(64 * 1024);
    expect(message.length).toBeLessThan(700);
    expect(performance.now() - started).toBeLessThan(3000);
    expect(written.finished).toBe(false);
  });

  it("a 64 MB HTML 200: a 200-character snippet, the rest never read", async () => {
    const { server, written } = await hugeServer(200, "text/html", "<!doctype html>", 64 << 20);
    const error = await rejectionOf(clientFor(server.baseUrl).agents.get({ agentId: "a1" }));
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as InvalidResponseError).bodySnippet).toMatch(/^<!doctype html>x+$/);
    expect((error as InvalidResponseError).bodySnippet.length).toBe(200);
    expect(written.finished).toBe(false);
  });

  it("a JSON 200 larger than maxResponseBytes is an InvalidResponseError naming the limit", async () => {
    const big = JSON.stringify({ ...AGENT, pad: "y".repeat(5000) });
    const server = await send(200, big, JSON_TYPE);
    const voiceAI = clientFor(server.baseUrl, { maxResponseBytes: 4096 });
    const error = await rejectionOf(voiceAI.agents.get({ agentId: "a1" }));
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toMatch(/maxResponseBytes \(4096\)/);
    await expect(voiceAI.agents.get({ agentId: "a1" }, { maxResponseBytes: 8192 })).resolves.toMatchObject(
      AGENT,
    );
  });

  it.each([0, -1, 1.5, NaN, Infinity, "1000", 10n, {}])("maxResponseBytes %s is refused", (value) => {
    expect(() => clientFor("http://127.0.0.1:9", { maxResponseBytes: value as number })).toThrow(
      ConfigurationError,
    );
    const voiceAI = clientFor("http://127.0.0.1:9");
    return expect(
      voiceAI.agents.get({ agentId: "a" }, { maxResponseBytes: value as number }),
    ).rejects.toThrow(InvalidRequestError);
  });
});

describe("messages", () => {
  it("a 422's messages are joined with '; '", async () => {
    const server = await send(
      422,
      JSON.stringify({ message: ["name is required", "type is invalid"] }),
      JSON_TYPE,
    );
    const error = await rejectionOf(clientFor(server.baseUrl).agents.patch({ agentId: "a1", body: {} }));
    expect(error).toBeInstanceOf(UnprocessableEntityError);
    expect((error as APIError).messages).toEqual(["name is required", "type is invalid"]);
    expect((error as Error).message).toMatch(/^422: name is required; type is invalid \(patchAgent /);
  });

  it("a very long id is shortened in the message, kept whole in `url`", async () => {
    const server = await send(404, JSON.stringify({ message: "not found" }), JSON_TYPE);
    const id = "z".repeat(5000);
    const error = await rejectionOf(clientFor(server.baseUrl).agents.get({ agentId: id }));
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as Error).message.length).toBeLessThan(300);
    expect((error as Error).message).toContain("…");
    expect((error as NotFoundError).url).toContain(id);
  });

  it("a gateway's HTML error page is kept in body but not put in the message", async () => {
    const server = await send(502, "<html><body><h1>502 Bad Gateway</h1></body></html>", {
      "content-type": "text/html",
    });
    const error = await rejectionOf(
      clientFor(server.baseUrl, { maxRetries: 0 }).agents.get({ agentId: "a1" }),
    );
    expect(error).toBeInstanceOf(InternalServerError);
    expect((error as APIError).body).toMatch(/^<html>/);
    expect((error as Error).message).not.toMatch(/<html>/);
    expect((error as Error).message).toMatch(/^502 \(getAgent /);
  });

  it("a huge server message is shortened too", async () => {
    const server = await send(400, JSON.stringify({ message: "m".repeat(100_000) }), JSON_TYPE);
    const error = await rejectionOf(clientFor(server.baseUrl).agents.get({ agentId: "a1" }));
    expect((error as Error).message.length).toBeLessThan(800);
  });
});

describe("redirects", () => {
  it("a redirect loop ends with an APIConnectionError", async () => {
    const server = await startServer((_q, res) => {
      res.writeHead(302, { location: "/voice-ai/agents/a1?locationId=x" });
      res.end();
    });
    const error = await rejectionOf(
      clientFor(server.baseUrl, { maxRetries: 0 }).agents.get({ agentId: "a1" }),
    );
    expect(error).toBeInstanceOf(APIConnectionError);
    expect((error as Error).message).toMatch(/redirects/);
    expect(server.requests.length).toBeLessThanOrEqual(6);
  });

  it.each(["javascript:alert(1)", "file:///etc/passwd", "http://[::1"])(
    "to %s is refused",
    async (location) => {
      const server = await startServer((_q, res) => {
        res.writeHead(301, { location });
        res.end();
      });
      const error = await rejectionOf(
        clientFor(server.baseUrl, { maxRetries: 0 }).agents.get({ agentId: "a1" }),
      );
      expect(error).toBeInstanceOf(APIConnectionError);
      expect(server.requests).toHaveLength(1);
    },
  );
});

describe("429 storms", () => {
  it.each([
    ["Retry-After garbage", { "retry-after": "soon" }],
    ["Retry-After negative", { "retry-after": "-5" }],
    ["Retry-After exponent", { "retry-after": "1e9" }],
    [
      "rate-limit headers garbage",
      { "x-ratelimit-remaining": "abc", "x-ratelimit-interval-milliseconds": "-1" },
    ],
    [
      "remaining 0 and a NaN window",
      { "x-ratelimit-remaining": "0", "x-ratelimit-interval-milliseconds": "NaN" },
    ],
  ])("with %s: retried with backoff, then a RateLimitError", async (_name, headers) => {
    vi.spyOn(Math, "random").mockReturnValue(0);
    const server = await send(429, JSON.stringify({ message: "slow down" }), { ...JSON_TYPE, ...headers });
    const started = performance.now();
    const error = await rejectionOf(
      clientFor(server.baseUrl, { maxRetries: 2 }).agents.get({ agentId: "a1" }),
    );
    expect(error).toBeInstanceOf(RateLimitError);
    expect(server.requests).toHaveLength(3);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it("a Retry-After of a day is reported at once, not waited", async () => {
    const server = await send(429, "{}", { ...JSON_TYPE, "retry-after": "86400" });
    const started = performance.now();
    const error = await rejectionOf(clientFor(server.baseUrl, { maxRetries: 5 }).agents.create({ body: {} }));
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(86_400_000);
    expect(server.requests).toHaveLength(1);
    expect(performance.now() - started).toBeLessThan(SETTLES_WITHIN_MS);
  });
});
