/**
 * Issue 10 §2.2, §2.7 — tokens: one the Headers API would reject (CR, LF, NUL, above U+00FF) is
 * a ConfigurationError, at creation for a static token and before sending for a provider's,
 * without quoting it and without keeping the location's slot; and no error carries a token,
 * whether it hides in a fetch error's code or name, a body stream's error or a provider's error.
 */
import { describe, expect, it } from "vitest";
import {
  APIConnectionError,
  ConfigurationError,
  createVoiceAIClient,
  type TokenSource,
} from "../../src/index.js";
import { rejectionOf } from "../rejection.js";
import { AGENT, SECRET, clientFor, expectNoSecret, json, startServer } from "./helpers.js";

const BAD_TOKENS: [string, string][] = [
  ["CR LF header injection", `${SECRET}\r\nX-Evil: 1`],
  ["a lone LF", `${SECRET}\n`],
  ["NUL", `${SECRET}\0`],
  ["a character above U+00FF", `${SECRET}€`],
  ["an emoji", `${SECRET}😀`],
  ["a leading space (trimmed by Headers)", ` ${SECRET}`],
  ["a space inside", `${SECRET} x`],
  ["a tab", `${SECRET}\t`],
  ["DEL", `${SECRET}\x7f`],
];

describe("a static token", () => {
  it.each(BAD_TOKENS)("with %s is refused at creation, without quoting it", (_name, token) => {
    let error: unknown;
    try {
      createVoiceAIClient({ token });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toMatch(/token/);
    expectNoSecret(error);
  });

  it.each([
    ["empty", ""],
    ["a number", 42],
    ["null", null],
    ["undefined", undefined],
    ["a BigInt", 10n],
    ["an array", [SECRET]],
    ["an object without getToken", { token: SECRET }],
    ["an object whose getToken is a string", { getToken: SECRET }],
  ])("that is %s is a ConfigurationError", (_name, token) => {
    expect(() => createVoiceAIClient({ token: token as unknown as TokenSource })).toThrow(ConfigurationError);
  });
});

describe("a provider's token that cannot go into a header", () => {
  it.each([...BAD_TOKENS, ["empty", ""], ["a number", 42], ["undefined", undefined], ["an object", {}]])(
    "(%s) is a ConfigurationError before sending; the location's next call goes through",
    async (_name, bad) => {
      const server = await startServer((_q, res) => json(res, 200, AGENT));
      let calls = 0;
      const voiceAI = clientFor(server.baseUrl, {
        token: async () => (++calls === 1 ? (bad as string) : SECRET),
        maxConcurrency: 1,
        maxRetries: 3,
      });
      const error = await rejectionOf(voiceAI.agents.get({ agentId: "a1" }));
      expect(error).toBeInstanceOf(ConfigurationError);
      expect((error as Error).message).toMatch(/token provider returned a bad token/);
      expectNoSecret(error);
      expect(server.requests).toHaveLength(0);
      await expect(voiceAI.agents.get({ agentId: "a1" }, { timeoutMs: 2000 })).resolves.toEqual(AGENT);
      expect(server.requests).toHaveLength(1);
      expect(server.requests[0]!.headers.authorization).toBe(`Bearer ${SECRET}`);
    },
  );

  it("a synchronous bad token is refused the same way", async () => {
    const server = await startServer((_q, res) => json(res, 200, AGENT));
    const voiceAI = clientFor(server.baseUrl, { token: () => `${SECRET}\r\n` });
    const error = await rejectionOf(voiceAI.agents.get({ agentId: "a1" }));
    expect(error).toBeInstanceOf(ConfigurationError);
    expectNoSecret(error);
    expect(server.requests).toHaveLength(0);
  });
});

describe("token hygiene", () => {
  it("a fetch error whose code, name, message and cause carry the token", async () => {
    const voiceAI = clientFor("http://127.0.0.1:9", {
      maxRetries: 0,
      fetch: async (request) => {
        const auth = request.headers.get("authorization")!;
        const error = new TypeError(`fetch failed for ${auth}`);
        Object.assign(error, { code: `E_${auth}`, request });
        error.name = `Err ${auth}`;
        error.cause = Object.assign(new Error(`socket ${auth}`), { code: auth, headers: request.headers });
        throw error;
      },
    });
    const error = await rejectionOf(voiceAI.agents.get({ agentId: "a1" }));
    expect(error).toBeInstanceOf(APIConnectionError);
    expectNoSecret(error);
  });

  it("a 2xx body stream that fails with an error embedding the request", async () => {
    const voiceAI = clientFor("http://127.0.0.1:9", {
      maxRetries: 0,
      fetch: async (request) => {
        const body = new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('{"id":'));
            const error = Object.assign(new Error(`stream broke, ${request.headers.get("authorization")}`), {
              request,
              cause: { headers: Object.fromEntries(request.headers) },
            });
            controller.error(error);
          },
        });
        return new Response(body, { status: 200, headers: { "content-type": "application/json" } });
      },
    });
    const error = await rejectionOf(voiceAI.agents.get({ agentId: "a1" }));
    expect(error).toBeInstanceOf(APIConnectionError);
    expectNoSecret(error);
  });

  it("a provider's own error quoting a token it handed out before", async () => {
    const server = await startServer((_q, res) => json(res, 200, AGENT));
    let calls = 0;
    const voiceAI = clientFor(server.baseUrl, {
      token: {
        getToken: () => {
          if (++calls === 1) return SECRET;
          throw Object.assign(new Error(`refresh of ${SECRET} failed`), {
            code: SECRET,
            cause: new Error(`upstream said no to ${SECRET}`),
          });
        },
      },
    });
    await voiceAI.agents.get({ agentId: "a1" });
    const error = await rejectionOf(voiceAI.agents.get({ agentId: "a1" }));
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toMatch(/token provider failed/);
    expect((error as Error).cause).toBeInstanceOf(Error);
    expectNoSecret(error);
    expect(server.requests).toHaveLength(1);
  });

  it("a provider that rejects with a non-Error value quoting the token", async () => {
    const server = await startServer((_q, res) => json(res, 200, AGENT));
    let calls = 0;
    const voiceAI = clientFor(server.baseUrl, {
      token: () => (++calls === 1 ? SECRET : Promise.reject({ token: SECRET, text: `bad ${SECRET}` })),
    });
    await voiceAI.agents.get({ agentId: "a1" });
    const error = await rejectionOf(voiceAI.agents.get({ agentId: "a1" }));
    expect(error).toBeInstanceOf(ConfigurationError);
    expectNoSecret(error);
  });

  it("the token is only sent to the API's origin, never to a host a redirect points at", async () => {
    const other = await startServer((_q, res) => json(res, 200, AGENT));
    const api = await startServer((_q, res) => {
      res.writeHead(302, { location: `${other.baseUrl}/elsewhere` });
      res.end();
    });
    const voiceAI = clientFor(api.baseUrl);
    await expect(voiceAI.agents.get({ agentId: "a1" })).resolves.toEqual(AGENT);
    expect(api.requests[0]!.headers.authorization).toBe(`Bearer ${SECRET}`);
    expect(other.requests).toHaveLength(1);
    expect(other.requests[0]!.headers.authorization).toBeUndefined();
    expect(JSON.stringify(other.requests[0]!.headers)).not.toContain(SECRET);
  });

  it("a 307 re-sends a POST's body to the other host, still without the token", async () => {
    const other = await startServer((_q, res) => json(res, 201, AGENT));
    const api = await startServer((_q, res) => {
      res.writeHead(307, { location: `${other.baseUrl}/moved` });
      res.end();
    });
    const voiceAI = clientFor(api.baseUrl);
    await expect(voiceAI.agents.create({ body: { agentName: "x" } })).resolves.toEqual(AGENT);
    expect(other.requests.map((r) => [r.method, r.headers.authorization, r.body])).toEqual([
      ["POST", undefined, api.requests[0]!.body],
    ]);
  });
});
