/**
 * The second audit of issue 10, on the wire: a custom fetch or body that ignores the signal still
 * ends with the call (and gives its rate-limit slot back); a POST the server acted on (redirected
 * to a GET) is never sent again, whatever the follow-up answered; headers the HTTP layer owns are
 * refused before sending; a hop to another host gets no credentials, cookies included; another
 * host's 401 does not make the token provider refresh.
 */
import { describe, expect, it } from "vitest";
import {
  APITimeoutError,
  APIUserAbortError,
  ConfigurationError,
  InvalidRequestError,
  RateLimitError,
} from "../../src/index.js";
import { rejectionOf } from "../rejection.js";
import { AGENT, SETTLES_WITHIN_MS, clientFor, json, startServer } from "./helpers.js";

const hang = () => new Promise<Response>(() => {});
/** A body that sends nothing and ignores cancel; `length` declares a Content-Length. */
const stuckBody = (length?: string) =>
  new Response(new ReadableStream({ pull: () => new Promise<void>(() => {}) }), {
    headers: { "content-type": "application/json", ...(length && { "content-length": length }) },
  });

describe("a custom fetch that ignores the signal", () => {
  it.each<[string, () => Promise<Response>]>([
    ["a fetch that never answers", hang],
    ["a body that never ends (chunked)", async () => stuckBody()],
    ["a body that never ends (declared length)", async () => stuckBody("10")],
  ])("%s: timeoutMs ends the call, and the location's next call goes through", async (_name, stuck) => {
    const server = await startServer((_q, res) => json(res, 200, AGENT));
    let calls = 0;
    const voiceAI = clientFor(server.baseUrl, {
      fetch: (request) => (++calls === 1 ? stuck() : fetch(request)),
      timeoutMs: 150,
      maxRetries: 0,
      maxConcurrency: 1,
    });
    const started = performance.now();
    expect(await rejectionOf(voiceAI.agents.get({ agentId: "a1" }))).toBeInstanceOf(APITimeoutError);
    expect(performance.now() - started).toBeLessThan(SETTLES_WITHIN_MS);
    // The only concurrency slot was given back.
    expect(await voiceAI.agents.get({ agentId: "a1" })).toEqual(AGENT);
  });

  it("the caller's abort ends it too", async () => {
    const server = await startServer((_q, res) => json(res, 200, AGENT));
    const voiceAI = clientFor(server.baseUrl, { fetch: hang, timeoutMs: 60_000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const error = await rejectionOf(voiceAI.agents.get({ agentId: "a1" }, { signal: controller.signal }));
    expect(error).toBeInstanceOf(APIUserAbortError);
  });
});

describe("a POST the server acted on is not sent again", () => {
  /** The POST is answered 303 to the created agent; the GET that follows gets `followUp`. */
  async function createThen(followUp: "429" | "reset" | "401") {
    const server = await startServer((req, res, n) => {
      if (req.method === "POST") {
        res.writeHead(303, { location: "/voice-ai/agents/new" });
        return res.end();
      }
      if (followUp === "reset" && n === 2) return req.socket.destroy();
      if (followUp === "429" && n === 2)
        return json(res, 429, { message: "slow down" }, { "retry-after": "0" });
      if (followUp === "401") return json(res, 401, { message: "no" });
      json(res, 200, AGENT);
    });
    let invalidated = 0;
    const voiceAI = clientFor(server.baseUrl, {
      token: { getToken: () => "tok", invalidate: () => void invalidated++ },
      maxRetries: 3,
    });
    const error = await rejectionOf(voiceAI.agents.create({ body: { agentName: "x" } }));
    const posts = server.requests.filter((r) => r.method === "POST").length;
    return { error, posts, invalidated };
  }

  it("a 429 on the follow-up GET: RateLimitError, one POST", async () => {
    const { error, posts } = await createThen("429");
    expect(error).toBeInstanceOf(RateLimitError);
    expect(posts).toBe(1);
  });

  it("a connection reset on the follow-up GET: a connection error, one POST", async () => {
    const { error, posts } = await createThen("reset");
    expect(error).toMatchObject({ name: "APIConnectionError" });
    expect(posts).toBe(1);
  });

  it("a 401 on the follow-up GET: no refresh and re-send, one POST", async () => {
    const { error, posts, invalidated } = await createThen("401");
    expect(error).toMatchObject({ name: "AuthenticationError" });
    expect([posts, invalidated]).toEqual([1, 0]);
  });
});

describe("headers the HTTP layer owns", () => {
  it.each([
    "transfer-encoding",
    "expect",
    "upgrade",
    "keep-alive",
    "connection",
    "host",
    "content-length",
    "te",
  ])("%s: refused at creation and per call, nothing sent", async (name) => {
    const server = await startServer((_q, res) => json(res, 200, AGENT));
    expect(() => clientFor(server.baseUrl, { headers: { [name]: "x" } })).toThrow(ConfigurationError);
    const error = await rejectionOf(
      clientFor(server.baseUrl).agents.get({ agentId: "a" }, { headers: { [name]: "x" } }),
    );
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect((error as Error).message).toContain(name);
    expect(server.requests).toHaveLength(0);
  });

  it("a Version header is checked like the version option", async () => {
    const server = await startServer((_q, res) => json(res, 200, AGENT));
    const error = await rejectionOf(
      clientFor(server.baseUrl).agents.get({ agentId: "a" }, { headers: { version: "bogus" } }),
    );
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(() => clientFor(server.baseUrl, { headers: { Version: "1999" } })).toThrow(
      /version must be one of/,
    );
    expect(server.requests).toHaveLength(0);
  });
});

describe("a redirect to another host", () => {
  it("goes without Cookie and Proxy-Authorization, as without Authorization", async () => {
    const other = await startServer((_q, res) => json(res, 200, AGENT));
    const api = await startServer((_q, res) => {
      res.writeHead(302, { location: `${other.baseUrl}/x` });
      res.end();
    });
    const voiceAI = clientFor(api.baseUrl, {
      headers: { cookie: "session=SECRET", "proxy-authorization": "Basic SECRET" },
    });
    await voiceAI.agents.get({ agentId: "a" });
    expect(api.requests[0]!.headers.cookie).toBe("session=SECRET");
    const { headers } = other.requests[0]!;
    expect([headers.authorization, headers.cookie, headers["proxy-authorization"]]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });

  it("whose 401 does not make the token provider refresh the API's token", async () => {
    const other = await startServer((_q, res) => json(res, 401, { message: "not yours" }));
    const api = await startServer((_q, res) => {
      res.writeHead(302, { location: `${other.baseUrl}/cdn` });
      res.end();
    });
    let invalidated = 0;
    const voiceAI = clientFor(api.baseUrl, {
      token: { getToken: () => "tok", invalidate: () => void invalidated++ },
    });
    expect(await rejectionOf(voiceAI.agents.get({ agentId: "a" }))).toMatchObject({ status: 401 });
    expect(invalidated).toBe(0);
    expect(api.requests).toHaveLength(1);
  });
});
