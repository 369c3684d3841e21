/**
 * What the client throws for each error response the spec documents (and some it does not):
 * the class, the parsed body and messages, where the request went, the request id, the
 * rate-limit headers and a readable message. Also 2xx bodies that are not JSON, and
 * network failures.
 */
import nock from "nock";
import { describe, expect, it } from "vitest";
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
  RateLimitError,
  UnprocessableEntityError,
  VoiceAIError,
  createVoiceAIClient,
} from "../src/index.js";
import { AGENT_ID, BASE, LOC, RATE_LIMIT, RATE_LIMIT_HEADERS, useNock } from "./nock-api.js";
import { rejectionOf } from "./rejection.js";

const GET_AGENT_PATH = `/voice-ai/agents/${AGENT_ID}?locationId=${LOC}`;
const GET_AGENT_URL = `${BASE}${GET_AGENT_PATH}`;

const client = () => createVoiceAIClient({ token: "tok_errors_test", maxRetries: 0, rateLimit: false });

const ALL_CLASSES = [
  ConfigurationError,
  InvalidRequestError,
  APIError,
  BadRequestError,
  AuthenticationError,
  PermissionDeniedError,
  NotFoundError,
  UnprocessableEntityError,
  RateLimitError,
  InternalServerError,
  APIConnectionError,
  APITimeoutError,
  APIUserAbortError,
  InvalidResponseError,
];

/** `error` is an instance of `expected` and its ancestors, and of no other error class. */
function expectExactClass(error: unknown, expected: Function) {
  expect(error).toBeInstanceOf(expected);
  expect(error).toBeInstanceOf(VoiceAIError);
  expect(error).toBeInstanceOf(Error);
  expect((error as object).constructor).toBe(expected);
  expect((error as Error).name).toBe(expected.name);
  for (const other of ALL_CLASSES) {
    const related = other === expected || expected.prototype instanceof other;
    expect(error instanceof other, `${expected.name} instanceof ${other.name}`).toBe(related);
  }
}

interface StatusCase {
  status: number;
  class: new (...args: never) => APIError;
  contentType: string;
  /** The body as sent. */
  raw: string;
  /** `error.body` */
  body: unknown;
  messages: string[];
  extraHeaders?: Record<string, string>;
}

const json = (value: unknown) => ({
  raw: JSON.stringify(value),
  body: value,
  contentType: "application/json",
});

const statusCases: StatusCase[] = [
  {
    status: 400,
    class: BadRequestError,
    ...json({ statusCode: 400, message: "Bad Request" }),
    messages: ["Bad Request"],
  },
  {
    status: 401,
    class: AuthenticationError,
    ...json({ statusCode: 401, message: "Invalid token: access token is invalid", error: "Unauthorized" }),
    messages: ["Invalid token: access token is invalid"],
  },
  {
    status: 403,
    class: PermissionDeniedError,
    ...json({
      statusCode: 403,
      message: "The token does not have access to this location.",
      error: "Forbidden",
    }),
    messages: ["The token does not have access to this location."],
  },
  {
    status: 404,
    class: NotFoundError,
    ...json({ statusCode: 404, message: "Not Found" }),
    messages: ["Not Found"],
  },
  {
    status: 422,
    class: UnprocessableEntityError,
    ...json({
      statusCode: 422,
      message: [
        "agentName must be shorter than or equal to 40 characters",
        "maxCallDuration must not be less than 180",
      ],
      error: "Unprocessable Entity",
    }),
    messages: [
      "agentName must be shorter than or equal to 40 characters",
      "maxCallDuration must not be less than 180",
    ],
  },
  {
    status: 429,
    class: RateLimitError,
    ...json({ statusCode: 429, message: "Too Many Requests" }),
    messages: ["Too Many Requests"],
    extraHeaders: { "Retry-After": "7" },
  },
  {
    status: 500,
    class: InternalServerError,
    ...json({ statusCode: 500, message: "Internal Server Error" }),
    messages: ["Internal Server Error"],
  },
  {
    status: 502,
    class: InternalServerError,
    contentType: "text/html",
    raw: "<html><body><h1>502 Bad Gateway</h1></body></html>",
    body: "<html><body><h1>502 Bad Gateway</h1></body></html>",
    // An HTML error page is not a message.
    messages: [],
  },
  {
    status: 503,
    class: InternalServerError,
    ...json({ statusCode: 503, message: "Service Unavailable", error: "Service Unavailable" }),
    messages: ["Service Unavailable"],
  },
  {
    status: 504,
    class: InternalServerError,
    contentType: "text/plain",
    raw: "upstream request timeout",
    body: "upstream request timeout",
    messages: ["upstream request timeout"],
  },
  {
    status: 409,
    class: APIError,
    ...json({ statusCode: 409, message: "Conflict" }),
    messages: ["Conflict"],
  },
];

useNock();

describe.each(statusCases)("HTTP $status", (c) => {
  function reply() {
    return nock(BASE)
      .get(`/voice-ai/agents/${AGENT_ID}`)
      .query({ locationId: LOC })
      .reply(c.status, c.raw, {
        "Content-Type": c.contentType,
        "X-Request-Id": `req_${c.status}`,
        ...RATE_LIMIT_HEADERS,
        ...c.extraHeaders,
      });
  }

  it(`throws ${c.class.name} with everything known about the response`, async () => {
    const scope = reply();
    const error = await rejectionOf(client().agents.get({ agentId: AGENT_ID, locationId: LOC }));
    scope.done();

    expectExactClass(error, c.class);
    const e = error as APIError;
    expect(e.status).toBe(c.status);
    expect(e.body).toEqual(c.body);
    expect(e.messages).toEqual(c.messages);
    expect(e.operationId).toBe("getAgent");
    expect(e.method).toBe("GET");
    expect(e.url).toBe(GET_AGENT_URL);
    expect(e.requestId).toBe(`req_${c.status}`);
    expect(e.headers.get("x-request-id")).toBe(`req_${c.status}`);
    expect(e.rateLimit).toEqual(RATE_LIMIT);

    expect(e.message).toContain(String(c.status));
    expect(e.message).toContain("getAgent");
    for (const message of c.messages) expect(e.message).toContain(message);
    if (c.contentType === "text/html") expect(e.message).not.toContain("<html>");
  });

  it(`throws ${c.class.name} for the same response to voiceAI.raw`, async () => {
    const scope = reply();
    const error = await rejectionOf(
      client().raw.GET("/voice-ai/agents/{agentId}", {
        params: { path: { agentId: AGENT_ID }, query: { locationId: LOC } },
      }),
    );
    scope.done();

    expectExactClass(error, c.class);
    const e = error as APIError;
    expect(e.status).toBe(c.status);
    expect(e.body).toEqual(c.body);
    expect(e.messages).toEqual(c.messages);
    expect(e.operationId).toBe("getAgent");
    expect(e.method).toBe("GET");
    expect(e.url).toBe(GET_AGENT_URL);
    expect(e.requestId).toBe(`req_${c.status}`);
    expect(e.rateLimit).toEqual(RATE_LIMIT);
  });
});

describe("RateLimitError", () => {
  it("carries Retry-After in ms", async () => {
    const scope = nock(BASE)
      .get(`/voice-ai/agents/${AGENT_ID}`)
      .query(true)
      .reply(429, { statusCode: 429, message: "Too Many Requests" }, { "Retry-After": "7" });
    const error = (await rejectionOf(
      client().agents.get({ agentId: AGENT_ID, locationId: LOC }),
    )) as RateLimitError;
    scope.done();
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.retryAfterMs).toBe(7000);
    expect(error.rateLimit).toBeUndefined();
  });

  it("falls back to the burst window when the quota is used up and there is no Retry-After", async () => {
    const scope = nock(BASE)
      .get(`/voice-ai/agents/${AGENT_ID}`)
      .query(true)
      .reply(
        429,
        { statusCode: 429, message: "Too Many Requests" },
        { ...RATE_LIMIT_HEADERS, "X-RateLimit-Remaining": "0" },
      );
    const error = (await rejectionOf(
      client().agents.get({ agentId: AGENT_ID, locationId: LOC }),
    )) as RateLimitError;
    scope.done();
    expect(error.retryAfterMs).toBe(10000);
    expect(error.rateLimit).toEqual({ ...RATE_LIMIT, remaining: 0 });
  });
});

describe("errors of other operations", () => {
  it("names the operation, method and URL of a POST", async () => {
    const scope = nock(BASE)
      .post("/voice-ai/actions")
      .reply(
        422,
        {
          statusCode: 422,
          message: ["actionParameters.messageBody should not be empty"],
          error: "Unprocessable Entity",
        },
        { "x-request-id": "req_post" },
      );
    const error = (await rejectionOf(
      client().actions.create({
        body: {
          agentId: AGENT_ID,
          locationId: LOC,
          actionType: "SMS",
          name: "Send SMS",
          actionParameters: { triggerPrompt: "p", triggerMessage: "m", messageBody: "" },
        },
      }),
    )) as APIError;
    scope.done();
    expectExactClass(error, UnprocessableEntityError);
    expect(error.operationId).toBe("createAction");
    expect(error.method).toBe("POST");
    expect(error.url).toBe(`${BASE}/voice-ai/actions`);
    expect(error.messages).toEqual(["actionParameters.messageBody should not be empty"]);
    expect(error.message).toContain("422");
    expect(error.message).toContain("createAction");
    expect(error.message).toContain("actionParameters.messageBody should not be empty");
    expect(error.rateLimit).toBeUndefined();
    expect(error.requestId).toBe("req_post");
  });

  it("throws a typed error for a DELETE that is answered 404", async () => {
    const scope = nock(BASE)
      .delete(`/voice-ai/actions/act_1`)
      .query({ locationId: LOC, agentId: AGENT_ID })
      .reply(404, { statusCode: 404, message: "Not Found" });
    const error = (await rejectionOf(
      client().actions.delete({ actionId: "act_1", locationId: LOC, agentId: AGENT_ID }),
    )) as APIError;
    scope.done();
    expectExactClass(error, NotFoundError);
    expect(error.operationId).toBe("deleteAction");
    expect(error.method).toBe("DELETE");
    expect(error.url).toBe(`${BASE}/voice-ai/actions/act_1?locationId=${LOC}&agentId=${AGENT_ID}`);
    expect(error.requestId).toBeUndefined();
  });

  it("handles an error with an empty body", async () => {
    const scope = nock(BASE).get(`/voice-ai/agents/${AGENT_ID}`).query(true).reply(500, "");
    const error = (await rejectionOf(
      client().agents.get({ agentId: AGENT_ID, locationId: LOC }),
    )) as APIError;
    scope.done();
    expectExactClass(error, InternalServerError);
    expect(error.body).toBe("");
    expect(error.messages).toEqual([]);
    expect(error.message).toContain("500");
    expect(error.message).toContain("getAgent");
  });
});

describe("2xx responses whose body is not the promised JSON", () => {
  it("throws InvalidResponseError for a 200 with an HTML body", async () => {
    const scope = nock(BASE)
      .get(`/voice-ai/agents/${AGENT_ID}`)
      .query({ locationId: LOC })
      .reply(200, "<!doctype html><html><body>Login</body></html>", {
        "Content-Type": "text/html; charset=utf-8",
      });
    const error = (await rejectionOf(
      client().agents.get({ agentId: AGENT_ID, locationId: LOC }),
    )) as InvalidResponseError;
    scope.done();
    expectExactClass(error, InvalidResponseError);
    expect(error.status).toBe(200);
    expect(error.operationId).toBe("getAgent");
    expect(error.method).toBe("GET");
    expect(error.url).toBe(GET_AGENT_URL);
    expect(error.bodySnippet).toContain("<!doctype html>");
    expect(error.message).toContain("200");
    expect(error.message).toContain("getAgent");
    expect(error.message).toContain("text/html");
  });

  it("throws InvalidResponseError for a 200 with truncated JSON", async () => {
    const scope = nock(BASE)
      .get(`/voice-ai/agents/${AGENT_ID}`)
      .query({ locationId: LOC })
      .reply(200, '{"id":"507f1f77bcf86cd799439011","agentName":"Cust', {
        "Content-Type": "application/json",
      });
    const error = (await rejectionOf(
      client().agents.get({ agentId: AGENT_ID, locationId: LOC }),
    )) as InvalidResponseError;
    scope.done();
    expectExactClass(error, InvalidResponseError);
    expect(error.status).toBe(200);
    expect(error.operationId).toBe("getAgent");
    expect(error.method).toBe("GET");
    expect(error.url).toBe(GET_AGENT_URL);
    expect(error.cause).toBeInstanceOf(SyntaxError);
    expect(error.message).toContain("getAgent");
    expect(error.message).toMatch(/JSON/);
  });

  it("throws InvalidResponseError for a 201 with truncated JSON from raw", async () => {
    const scope = nock(BASE)
      .post("/voice-ai/agents")
      .reply(201, '{"id":', { "Content-Type": "application/json" });
    const error = await rejectionOf(
      client().raw.POST("/voice-ai/agents", { body: { locationId: LOC } as never }),
    );
    scope.done();
    expectExactClass(error, InvalidResponseError);
    expect((error as InvalidResponseError).operationId).toBe("createAgent");
    expect((error as InvalidResponseError).status).toBe(201);
  });
});

describe("network failures", () => {
  it("throws APIConnectionError with the cause for a network error", async () => {
    const scope = nock(BASE).get(`/voice-ai/agents/${AGENT_ID}`).query(true).replyWithError("socket hang up");
    const error = (await rejectionOf(
      client().agents.get({ agentId: AGENT_ID, locationId: LOC }),
    )) as APIConnectionError;
    scope.done();
    expectExactClass(error, APIConnectionError);
    expect(error.cause).toBeInstanceOf(Error);
    expect(String((error.cause as Error).message)).toContain("socket hang up");
    expect(error.operationId).toBe("getAgent");
    expect(error.method).toBe("GET");
    expect(error.url).toBe(GET_AGENT_URL);
    expect(error.message).toContain("getAgent");
    expect(error).not.toHaveProperty("status");
  });

  it("throws APIConnectionError for a POST whose connection fails", async () => {
    const scope = nock(BASE).post("/voice-ai/agents").replyWithError("ECONNRESET");
    const error = (await rejectionOf(
      client().agents.create({ body: { locationId: LOC } as never }),
    )) as APIConnectionError;
    scope.done();
    expectExactClass(error, APIConnectionError);
    expect(error.operationId).toBe("createAgent");
    expect(error.method).toBe("POST");
    expect(error.cause).toBeDefined();
  });
});
