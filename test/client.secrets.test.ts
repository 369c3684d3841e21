/**
 * The token never ends up in anything the client hands back: not in any error of any class
 * (message, String(), stack, JSON, util.inspect with hidden properties and unlimited depth),
 * not in the client object, not in results or hook events.
 */
import util from "node:util";
import nock from "nock";
import { describe, expect, it } from "vitest";
import * as api from "../src/index.js";
import {
  APIConnectionError,
  APIError,
  APITimeoutError,
  APIUserAbortError,
  AuthenticationError,
  BadRequestError,
  ConfigurationError,
  InternalServerError,
  InvalidRequestError,
  InvalidResponseError,
  NotFoundError,
  PermissionDeniedError,
  QuotaExhaustedError,
  RateLimitError,
  UnprocessableEntityError,
  VoiceAIError,
  createVoiceAIClient,
  type ResponseEvent,
  type VoiceAIClientOptions,
} from "../src/index.js";
import { AGENT_ID, BASE, LOC, useNock } from "./nock-api.js";

const SECRET = "tok_SECRET_123";
const AGENT_PATH = `/voice-ai/agents/${AGENT_ID}`;
const agent = { id: AGENT_ID, locationId: LOC, agentName: "Support" };

/** Every way the client's output could show the token. */
function renderings(value: unknown): Record<string, string> {
  const out: Record<string, string> = {
    "util.inspect": util.inspect(value, { depth: Infinity, showHidden: true }),
    "util.inspect (default)": util.inspect(value),
    JSON: safeJson(value),
  };
  if (value instanceof Error) {
    out.message = value.message;
    out.String = String(value);
    out.stack = value.stack ?? "";
    out["util.format %s"] = util.format("%s", value);
  }
  return out;
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? "";
  } catch (error) {
    return `unserializable: ${String(error)}`;
  }
}

function expectNoSecret(value: unknown) {
  for (const [how, text] of Object.entries(renderings(value))) {
    expect(text.includes(SECRET), `${how} shows the token:\n${text}`).toBe(false);
  }
}

async function rejectionOf(run: () => unknown): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to fail, but it succeeded");
}

/** A fetch that never answers: it settles only when its request is aborted. */
function hangingFetch(request: Request): Promise<Response> {
  return new Promise((_, reject) => {
    request.signal.addEventListener("abort", () => reject(request.signal.reason));
  });
}

type TokenForm = VoiceAIClientOptions["token"];

function clientWith(token: TokenForm, options: Partial<VoiceAIClientOptions> = {}) {
  return createVoiceAIClient({ token, maxRetries: 0, rateLimit: false, ...options });
}

function replyStatus(status: number, body: unknown, headers: Record<string, string> = {}) {
  nock(BASE)
    .get(AGENT_PATH)
    .query(true)
    .reply(status, typeof body === "string" ? body : JSON.stringify(body), {
      "Content-Type": typeof body === "string" ? "text/html" : "application/json",
      "X-Request-Id": "req_secret",
      "X-RateLimit-Remaining": "5",
      ...headers,
    });
}

const getAgent = (token: TokenForm, options: Partial<VoiceAIClientOptions> = {}) =>
  clientWith(token, options).agents.get({ agentId: AGENT_ID, locationId: LOC });

interface Producer {
  name: string;
  expected: Function;
  produce: (token: TokenForm) => Promise<unknown>;
}

const producers: Producer[] = [
  {
    name: "ConfigurationError: http baseUrl",
    expected: ConfigurationError,
    produce: (token) => rejectionOf(() => clientWith(token, { baseUrl: "http://example.com" })),
  },
  {
    name: "ConfigurationError: the token also passed as an Authorization header",
    expected: ConfigurationError,
    produce: (token) =>
      rejectionOf(() => clientWith(token, { headers: { Authorization: `Bearer ${SECRET}` } })),
  },
  {
    name: "ConfigurationError: bad timeoutMs",
    expected: ConfigurationError,
    produce: (token) => rejectionOf(() => clientWith(token, { timeoutMs: -1 })),
  },
  {
    name: "InvalidRequestError: empty path id",
    expected: InvalidRequestError,
    produce: (token) => rejectionOf(() => clientWith(token).agents.get({ agentId: "", locationId: LOC })),
  },
  {
    name: "InvalidRequestError: missing locationId",
    expected: InvalidRequestError,
    produce: (token) => rejectionOf(() => clientWith(token).agents.get({ agentId: AGENT_ID } as never)),
  },
  {
    name: "InvalidRequestError: a body that cannot be serialized",
    expected: InvalidRequestError,
    produce: (token) =>
      rejectionOf(() =>
        clientWith(token).agents.create({ body: { locationId: LOC, maxCallDuration: 10n } as never }),
      ),
  },
  ...(
    [
      [400, BadRequestError, { statusCode: 400, message: "Bad Request" }],
      [401, AuthenticationError, { statusCode: 401, message: "Invalid token: access token is invalid" }],
      [
        403,
        PermissionDeniedError,
        { statusCode: 403, message: "The token does not have access to this location." },
      ],
      [404, NotFoundError, { statusCode: 404, message: "Not Found" }],
      [422, UnprocessableEntityError, { statusCode: 422, message: ["Unprocessable Entity"] }],
      [429, RateLimitError, { statusCode: 429, message: "Too Many Requests" }],
      [500, InternalServerError, { statusCode: 500, message: "Internal Server Error" }],
      [502, InternalServerError, "<html><body><h1>502 Bad Gateway</h1></body></html>"],
      [409, APIError, { statusCode: 409, message: "Conflict" }],
    ] as const
  ).map(([status, expected, body]): Producer => ({
    name: `${expected.name}: HTTP ${status}`,
    expected,
    produce: (token) => {
      replyStatus(status, body, status === 429 ? { "Retry-After": "3" } : {});
      // A source that can refresh answers a 401 with one fresh token and one more try.
      if (status === 401 && typeof token === "object") replyStatus(status, body);
      return rejectionOf(() => getAgent(token));
    },
  })),
  {
    name: "APIConnectionError: network error (nock)",
    expected: APIConnectionError,
    produce: (token) => {
      nock(BASE).get(AGENT_PATH).query(true).replyWithError("socket hang up");
      return rejectionOf(() => getAgent(token));
    },
  },
  {
    name: "APIConnectionError: custom fetch throws an Error whose message contains the token",
    expected: APIConnectionError,
    produce: (token) =>
      rejectionOf(() =>
        getAgent(token, {
          fetch: async (request) => {
            throw new Error(
              `request failed: ${request.method} with Authorization: ${request.headers.get("authorization")}`,
            );
          },
        }),
      ),
  },
  {
    name: "APIConnectionError: custom fetch throws an Error whose cause contains the token",
    expected: APIConnectionError,
    produce: (token) =>
      rejectionOf(() =>
        getAgent(token, {
          fetch: async () => {
            throw new TypeError("fetch failed", { cause: new Error(`bad header value ${SECRET}`) });
          },
        }),
      ),
  },
  {
    name: "APIConnectionError: custom fetch throws a string containing the token",
    expected: APIConnectionError,
    produce: (token) =>
      rejectionOf(() =>
        getAgent(token, {
          fetch: async () => {
            throw `failed with Bearer ${SECRET}`;
          },
        }),
      ),
  },
  {
    name: "APIConnectionError: custom fetch (a wrapper like ky) throws an Error that carries the Request",
    expected: APIConnectionError,
    produce: (token) =>
      rejectionOf(() =>
        getAgent(token, {
          fetch: async (request) => {
            throw Object.assign(new Error("Request failed"), { request });
          },
        }),
      ),
  },
  {
    name: "APIConnectionError: an unfollowed redirect",
    expected: APIConnectionError,
    produce: (token) => {
      nock(BASE).get(AGENT_PATH).query(true).reply(304, "");
      return rejectionOf(() => getAgent(token));
    },
  },
  {
    name: "APITimeoutError",
    expected: APITimeoutError,
    produce: (token) => rejectionOf(() => getAgent(token, { fetch: hangingFetch, timeoutMs: 20 })),
  },
  {
    name: "APIUserAbortError",
    expected: APIUserAbortError,
    produce: (token) => {
      const controller = new AbortController();
      const call = clientWith(token, { fetch: hangingFetch }).agents.get(
        { agentId: AGENT_ID, locationId: LOC },
        { signal: controller.signal },
      );
      setTimeout(() => controller.abort(), 10);
      return rejectionOf(() => call);
    },
  },
  {
    name: "QuotaExhaustedError: the daily quota is spent, nothing sent",
    expected: QuotaExhaustedError,
    produce: async (token) => {
      nock(BASE).get(AGENT_PATH).query(true).reply(200, agent, { "Content-Type": "application/json" });
      const voiceAI = createVoiceAIClient({ token, maxRetries: 0, rateLimit: { maxPerDay: 1 } });
      await voiceAI.agents.get({ agentId: AGENT_ID, locationId: LOC });
      return rejectionOf(() => voiceAI.agents.get({ agentId: AGENT_ID, locationId: LOC }));
    },
  },
  {
    name: "APIConnectionError: a fetch error whose code and name carry the token",
    expected: APIConnectionError,
    produce: (token) =>
      rejectionOf(() =>
        getAgent(token, {
          fetch: async (request) => {
            const auth = request.headers.get("authorization") ?? "";
            throw Object.assign(new TypeError("fetch failed"), { code: auth, name: auth });
          },
        }),
      ),
  },
  {
    name: "APIConnectionError: a 2xx body stream that fails with the request as its cause",
    expected: APIConnectionError,
    produce: (token) =>
      rejectionOf(() =>
        getAgent(token, {
          fetch: async (request) => {
            const body = new ReadableStream({
              pull(controller) {
                controller.error(new Error(`reset while reading ${request.headers.get("authorization")}`));
              },
            });
            return new Response(body, { status: 200, headers: { "Content-Type": "application/json" } });
          },
        }),
      ),
  },
  {
    name: "ConfigurationError: a token provider that fails naming the token it gave before",
    expected: ConfigurationError,
    produce: async (token) => {
      if (typeof token === "string") return new ConfigurationError("(a string token cannot fail)");
      nock(BASE).get(AGENT_PATH).query(true).reply(200, agent, { "Content-Type": "application/json" });
      let calls = 0;
      const failing = () => {
        if (calls++ === 0) return SECRET;
        throw new Error(`refresh of ${SECRET} failed`, { cause: new Error(`old token ${SECRET}`) });
      };
      const voiceAI = clientWith(failing);
      await voiceAI.agents.get({ agentId: AGENT_ID, locationId: LOC });
      return rejectionOf(() => voiceAI.agents.get({ agentId: AGENT_ID, locationId: LOC }));
    },
  },
  {
    name: "InvalidResponseError: HTML body",
    expected: InvalidResponseError,
    produce: (token) => {
      replyStatus(200, "<html><body>Sign in</body></html>");
      return rejectionOf(() => getAgent(token));
    },
  },
  {
    name: "InvalidResponseError: truncated JSON",
    expected: InvalidResponseError,
    produce: (token) => {
      nock(BASE)
        .get(AGENT_PATH)
        .query(true)
        .reply(200, '{"id":"507f', { "Content-Type": "application/json" });
      return rejectionOf(() => getAgent(token));
    },
  },
];

const tokenForms: [string, TokenForm][] = [
  ["a provider object that can refresh", { getToken: () => SECRET, invalidate: () => {} }],
  ["a string token", SECRET],
  ["a token provider", () => SECRET],
  ["an async token provider", async () => SECRET],
];

/** The error classes the package exports (every subclass of VoiceAIError; the base itself is never thrown). */
const exportedClasses = new Set(
  Object.values(api as Record<string, unknown>).filter(
    (value): value is Function => typeof value === "function" && value.prototype instanceof VoiceAIError,
  ),
);
const covered = new Set<Function>();

useNock();

describe.each(tokenForms)("with %s", (_, token) => {
  // A loop rather than it.each: it.each truncates "$name" in the report.
  for (const { name, expected, produce } of producers) {
    it(name, async () => {
      const error = await produce(token);
      expect(error).toBeInstanceOf(expected);
      expect(error).toBeInstanceOf(VoiceAIError);
      expect((error as object).constructor).toBe(expected);
      covered.add((error as object).constructor as Function);
      expectNoSecret(error);
    });
  }

  it("the client object does not show the token", () => {
    const voiceAI = clientWith(token, { locationId: LOC });
    expectNoSecret(voiceAI);
    expectNoSecret(voiceAI.raw);
    expectNoSecret(voiceAI.agents);
    expect(Object.keys(voiceAI)).not.toContain("token");
  });

  it("results, raw responses and hook events do not show the token", async () => {
    const events: ResponseEvent[] = [];
    nock(BASE)
      .get(AGENT_PATH)
      .query(true)
      .times(2)
      .reply(200, agent, { "X-RateLimit-Remaining": "9", "X-Request-Id": "req_ok" });
    const voiceAI = clientWith(token, { onResponse: (e) => events.push(e) });
    const result = await voiceAI.agents.get({ agentId: AGENT_ID, locationId: LOC });
    expect(result).toEqual(agent);
    expectNoSecret(result);
    const raw = await voiceAI.raw.GET("/voice-ai/agents/{agentId}", {
      params: { path: { agentId: AGENT_ID }, query: { locationId: LOC } },
    });
    expectNoSecret(raw);
    expectNoSecret(raw.response.headers);
    expect(events).toHaveLength(2);
    for (const event of events) expectNoSecret(event);
    expectNoSecret(voiceAI.rateLimit(LOC));
  });
});

describe("coverage of the table", () => {
  // Runs after the tables above (tests of a file run in order).
  it("produced and checked an instance of every error class the package exports", () => {
    const names = (set: Set<Function>) => [...set].map((c) => c.name).sort();
    expect(names(covered)).toEqual(names(exportedClasses));
    expect(exportedClasses.size).toBe(15);
  });
});
