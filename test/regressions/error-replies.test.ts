/**
 * The second audit of issue 10, on error answers: a status is what counts once it arrived (a body
 * that breaks while it is read does not turn a 404 into a connection error, nor hide a 429 or a
 * 503 from the retry rules); any shape of `message` gives an APIError with a readable message; and
 * no token shows, neither one a server echoes nor a call's own among hundreds of others.
 */
import util from "node:util";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import {
  APIError,
  InternalServerError,
  NotFoundError,
  UnprocessableEntityError,
  type TokenContext,
} from "../../src/index.js";
import { rejectionOf } from "../rejection.js";
import { AGENT, SECRET, clientFor, expectNoSecret, json, startServer } from "./helpers.js";

describe("an error body that cannot be read", () => {
  /** Answers `status` with a body cut by a reset after its first bytes, then `AGENT`. */
  const cutThenOk = (status: number, headers: Record<string, string> = {}) =>
    startServer((req, res, n) => {
      if (n > 1) return json(res, 200, AGENT);
      res.writeHead(status, { "content-length": "1000", ...headers });
      res.write('{"mess');
      setTimeout(() => res.socket?.destroy(), 20);
    });

  it("a 404 stays a NotFoundError, sent once", async () => {
    const server = await cutThenOk(404);
    expect(await rejectionOf(clientFor(server.baseUrl).agents.get({ agentId: "a" }))).toBeInstanceOf(
      NotFoundError,
    );
    expect(server.requests).toHaveLength(1);
  });

  it("a 429 to a POST is retried as a 429 (the server did nothing)", async () => {
    const server = await cutThenOk(429, { "retry-after": "0" });
    expect(await clientFor(server.baseUrl).agents.create({ body: { agentName: "x" } })).toEqual(AGENT);
    expect(server.requests.map((r) => r.method)).toEqual(["POST", "POST"]);
  });

  it("a 503 with a broken gzip body is retried as a 503", async () => {
    const server = await startServer((_q, res, n) => {
      if (n > 1) return json(res, 200, AGENT);
      res.writeHead(503, { "content-encoding": "gzip" });
      res.end("not gzip at all");
    });
    expect(await clientFor(server.baseUrl).agents.get({ agentId: "a" })).toEqual(AGENT);
    expect(server.requests).toHaveLength(2);
  });

  it("a 500 whose gzip body is fine is read as usual", async () => {
    const server = await startServer((_q, res) => {
      res.writeHead(500, { "content-encoding": "gzip", "content-type": "application/json" });
      res.end(gzipSync(JSON.stringify({ message: "boom" })));
    });
    const error = await rejectionOf(
      clientFor(server.baseUrl, { maxRetries: 0 }).agents.get({ agentId: "a" }),
    );
    expect(error).toBeInstanceOf(InternalServerError);
    expect((error as APIError).messages).toEqual(["boom"]);
  });
});

describe("the shape of an error's `message`", () => {
  it.each<[string, unknown, string]>([
    ["objects with a hostile toString", [{ toString: 0 }], '{"toString":0}'],
    [
      "validation objects",
      [{ property: "agentName", constraints: { isString: "must be a string" } }],
      '{"property":"agentName","constraints":{"isString":"must be a string"}}',
    ],
    ["numbers and strings", [1, "two"], "1; two"],
  ])("%s: an UnprocessableEntityError with a readable message", async (_name, message, shown) => {
    const server = await startServer((_q, res) => json(res, 422, { message }));
    const error = await rejectionOf(clientFor(server.baseUrl).agents.get({ agentId: "a" }));
    expect(error).toBeInstanceOf(UnprocessableEntityError);
    expect((error as APIError).message).toContain(shown);
  });
});

describe("tokens in error answers", () => {
  it("a token the server echoes is scrubbed from the message and the body", async () => {
    const server = await startServer((req, res) =>
      json(res, 401, { message: `Invalid JWT ${req.headers.authorization}` }),
    );
    const error = await rejectionOf(clientFor(server.baseUrl).agents.get({ agentId: "a" }));
    expect(error).toMatchObject({ status: 401 });
    expect((error as APIError).message).toContain("[redacted]");
    expectNoSecret(error);
  });

  it("a call's own token is scrubbed however many other tokens were used meanwhile", async () => {
    const tokenOf = ({ locationId }: TokenContext) => `${SECRET}_${locationId}`;
    const voiceAI = clientFor("http://127.0.0.1:9", {
      token: tokenOf,
      maxRetries: 0,
      // The first call's failure quotes its token, and arrives after 300 other tokens were used.
      fetch: (request) =>
        new Promise<Response>((_, reject) => {
          const quote = () =>
            reject(new TypeError(`fetch failed for ${request.headers.get("authorization")}`));
          setTimeout(quote, request.url.includes("locationId=L0") ? 300 : 5);
        }),
    });
    const first = rejectionOf(voiceAI.agents.get({ agentId: "a", locationId: "L0" }));
    await Promise.all(
      Array.from({ length: 300 }, (_, i) =>
        rejectionOf(voiceAI.agents.get({ agentId: "a", locationId: `L${i + 1}` })),
      ),
    );
    const error = await first;
    expect(util.inspect(error, { depth: Infinity })).toContain("[redacted]");
    expectNoSecret(error, `${SECRET}_L0`);
  });
});
