/**
 * Issue 10 §2.3 and §3 — hooks and logs: a hook that throws (or rejects) never changes a call's
 * outcome and is reported at warn level; hooks and loggers are checked at creation; debug logs
 * each attempt with its operation, method, URL, status, duration, attempt and request id; warn
 * logs each retry; no log line at any level ever carries a token, and none at info or above a body.
 */
import util from "node:util";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  ConfigurationError,
  createVoiceAIClient,
  type ResponseEvent,
  type RetryEvent,
  type VoiceAIClientOptions,
} from "../../src/index.js";
import { rejectionOf } from "../rejection.js";
import {
  AGENT,
  LOC,
  SECRET,
  captureLogger,
  clientFor,
  json,
  renderings,
  startServer,
  tick,
  trackTimers,
} from "./helpers.js";

afterEach(() => {
  vi.restoreAllMocks();
});

/** 503 first (request id r1), then the agent (r2). */
const flaky = () =>
  startServer((_q, res, n) =>
    n === 1
      ? json(res, 503, { message: "BODY_MARKER busy" }, { "x-request-id": "r1" })
      : json(res, 200, { ...AGENT, note: "BODY_MARKER" }, { "x-request-id": "r2" }),
  );

describe("a hook that throws", () => {
  it("onResponse throwing leaves a POST create successful, sent once, with no timer left armed", async () => {
    const server = await startServer((_q, res) => json(res, 201, AGENT));
    const { lines, logger } = captureLogger();
    const timers = trackTimers();
    const voiceAI = clientFor(server.baseUrl, {
      timeoutMs: 30_000,
      logger,
      logLevel: "warn",
      onResponse: () => {
        throw new Error("hook broke");
      },
    });
    await expect(voiceAI.agents.create({ body: { agentName: "x" } })).resolves.toEqual(AGENT);
    expect(server.requests).toHaveLength(1);
    expect(timers.pending(30_000)).toBe(0);
    expect(lines.filter((l) => l.level === "warn").map((l) => l.message)).toEqual([
      expect.stringMatching(/onResponse/),
    ]);
  });

  it("onRetry throwing does not stop the retry", async () => {
    vi.spyOn(Math, "random").mockReturnValue(0);
    const server = await flaky();
    const { lines, logger } = captureLogger();
    const voiceAI = clientFor(server.baseUrl, {
      logger,
      logLevel: "warn",
      onRetry: () => {
        throw new TypeError("retry hook broke");
      },
    });
    await expect(voiceAI.agents.get({ agentId: "a1" })).resolves.toMatchObject(AGENT);
    expect(server.requests).toHaveLength(2);
    expect(lines.some((l) => l.level === "warn" && /onRetry/.test(l.message))).toBe(true);
  });

  it("an async hook that rejects changes nothing and leaves no unhandled rejection", async () => {
    const server = await startServer((_q, res) => json(res, 200, AGENT));
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    try {
      const { lines, logger } = captureLogger();
      const voiceAI = clientFor(server.baseUrl, {
        logger,
        logLevel: "warn",
        onResponse: async () => {
          throw new Error("async hook broke");
        },
      });
      await expect(voiceAI.agents.get({ agentId: "a1" })).resolves.toEqual(AGENT);
      await tick(20);
      expect(unhandled).toEqual([]);
      expect(lines.some((l) => l.level === "warn" && /onResponse/.test(l.message))).toBe(true);
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
  });

  it("a logger whose every method throws breaks nothing", async () => {
    const server = await flaky();
    vi.spyOn(Math, "random").mockReturnValue(0);
    const boom = () => {
      throw new Error("logger broke");
    };
    const voiceAI = clientFor(server.baseUrl, {
      logger: { debug: boom, info: boom, warn: boom, error: boom },
      logLevel: "debug",
      onResponse: boom,
    });
    await expect(voiceAI.agents.get({ agentId: "a1" })).resolves.toMatchObject(AGENT);
  });
});

describe("hooks and loggers are checked at creation", () => {
  const base = { token: SECRET } satisfies VoiceAIClientOptions;
  it.each([
    ["onRetry", { onRetry: "log it" }, /onRetry must be a function/],
    ["onResponse", { onResponse: {} }, /onResponse must be a function/],
    ["onResponse null", { onResponse: null }, /onResponse must be a function/],
    ["logLevel", { logLevel: "verbose" }, /logLevel must be one of/],
    ["logger without warn", { logger: { error() {} } }, /logger\.warn must be a function/],
    ["logger without debug at debug", { logger: console, logLevel: "debug" }, null],
    ["logger.debug not a function", { logger: { ...console, debug: 1 }, logLevel: "debug" }, /logger\.debug/],
    ["logger a string", { logger: "console" }, /logger\.warn/],
  ])("%s", (_name, extra, message) => {
    const create = () => createVoiceAIClient({ ...base, ...extra } as VoiceAIClientOptions);
    if (message === null) return expect(create).not.toThrow();
    expect(create).toThrow(ConfigurationError);
    expect(create).toThrow(message);
  });
});

describe("logs", () => {
  it("debug: one line per attempt with operation, method, URL, status, duration, attempt, request id", async () => {
    vi.spyOn(Math, "random").mockReturnValue(0);
    const server = await flaky();
    const { lines, logger } = captureLogger();
    const voiceAI = clientFor(server.baseUrl, { logger, logLevel: "debug" });
    await voiceAI.agents.get({ agentId: "a1" });
    const attempts = lines.filter((l) => l.level === "debug" && "status" in (l.fields ?? {}));
    expect(attempts.map((l) => l.fields)).toEqual(
      [
        [503, 1, "r1"],
        [200, 2, "r2"],
      ].map(([status, attempt, requestId]) =>
        expect.objectContaining({
          operationId: "getAgent",
          method: "GET",
          url: `${server.baseUrl}/voice-ai/agents/a1?locationId=${LOC}`,
          status,
          attempt,
          requestId,
          durationMs: expect.any(Number),
        }),
      ),
    );
    const warns = lines.filter((l) => l.level === "warn");
    expect(warns).toHaveLength(1);
    expect(warns[0]!.message).toMatch(/retry/i);
    expect(warns[0]!.fields).toMatchObject({ operationId: "getAgent", attempt: 1, requestId: "r1" });
  });

  it("at the default level (warn) there are no debug lines; at off there are none at all", async () => {
    vi.spyOn(Math, "random").mockReturnValue(0);
    const server = await flaky();
    const warn = captureLogger();
    await clientFor(server.baseUrl, { logger: warn.logger, logLevel: "warn" }).agents.get({ agentId: "a" });
    expect(warn.lines.map((l) => l.level)).toEqual(["warn"]);
    const off = captureLogger();
    await clientFor(server.baseUrl, { logger: off.logger, logLevel: "off" }).agents.get({ agentId: "a" });
    expect(off.lines).toEqual([]);
  });

  it("no line at any level carries a token; none at info or above a body", async () => {
    vi.spyOn(Math, "random").mockReturnValue(0);
    let n = 0;
    const server = await startServer((req, res) => {
      n++;
      if (req.headers.authorization === `Bearer ${SECRET}`) return json(res, 401, { message: "expired" });
      if (n < 4) return json(res, 503, { message: `BODY_MARKER ${SECRET}` }, { "x-request-id": "r" });
      json(res, 200, { ...AGENT, note: "BODY_MARKER" });
    });
    const { lines, logger } = captureLogger();
    let fresh = 0;
    const voiceAI = clientFor(server.baseUrl, {
      logger,
      logLevel: "debug",
      token: {
        getToken: () => (fresh ? `${SECRET}-2` : SECRET),
        invalidate: () => void fresh++,
      },
      onResponse: (event) => {
        throw new Error(`hook saw ${SECRET} in ${util.inspect(event)}`);
      },
      onRetry: () => {
        throw Object.assign(new Error(`retry ${SECRET}`), { name: `Err${SECRET}` });
      },
      maxRetries: 3,
    });
    await voiceAI.agents.get({ agentId: "a1" });
    expect(lines.length).toBeGreaterThanOrEqual(8);
    for (const line of lines) {
      for (const text of renderings(line)) {
        expect(text.includes(SECRET), `${line.level} line shows a token: ${text}`).toBe(false);
        if (line.level !== "debug")
          expect(text, `${line.level} line shows a body`).not.toContain("BODY_MARKER");
      }
    }
  });
});

describe("events", () => {
  it("onResponse and onRetry events carry durationMs, attempt and requestId", async () => {
    vi.spyOn(Math, "random").mockReturnValue(0);
    const server = await flaky();
    const responses: ResponseEvent[] = [];
    const retries: RetryEvent[] = [];
    const voiceAI = clientFor(server.baseUrl, {
      onResponse: (e) => responses.push(e),
      onRetry: (e) => retries.push(e),
    });
    await voiceAI.agents.get({ agentId: "a1" });
    expect(responses.map(({ attempt, requestId, status }) => [attempt, requestId, status])).toEqual([
      [1, "r1", 503],
      [2, "r2", 200],
    ]);
    for (const e of responses) expect(Number.isInteger(e.durationMs) && e.durationMs >= 0).toBe(true);
    expect(retries).toEqual([
      expect.objectContaining({ attempt: 1, requestId: "r1", durationMs: expect.any(Number) }),
    ]);
  });

  it("an error is not logged as a success: a failing call still rejects with its own error", async () => {
    const server = await startServer((_q, res) => json(res, 404, { message: "no agent" }));
    const { lines, logger } = captureLogger();
    const voiceAI = clientFor(server.baseUrl, { logger, logLevel: "debug", onResponse: () => {} });
    const error = await rejectionOf(voiceAI.agents.get({ agentId: "a1" }));
    expect((error as Error).name).toBe("NotFoundError");
    expect(lines.filter((l) => l.level === "debug").map((l) => l.fields)).toEqual([
      expect.objectContaining({ status: 404, attempt: 1 }),
    ]);
  });
});
