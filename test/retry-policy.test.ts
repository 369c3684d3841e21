import http from "node:http";
import net from "node:net";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  RETRYABLE_STATUSES,
  backoffDelay,
  classifyNetworkError,
  isRetryable,
  parseRetryAfter,
  retryDelay,
  type FailureKind,
} from "../src/pipeline/retry-policy.js";

describe("RETRYABLE_STATUSES", () => {
  it("holds exactly 408, 429, 500, 502, 503, 504", () => {
    expect([...RETRYABLE_STATUSES].sort()).toEqual([408, 429, 500, 502, 503, 504]);
  });
});

describe("backoffDelay", () => {
  const almostOne = () => 1 - Number.EPSILON;

  it.each([
    [1, 500],
    [2, 1000],
    [3, 2000],
    [4, 4000],
    [5, 8000],
    [6, 8000],
    [50, 8000],
    [5000, 8000],
  ])("attempt %i stays in [0, %i)", (attempt, bound) => {
    expect(backoffDelay(attempt, () => 0)).toBe(0);
    const high = backoffDelay(attempt, almostOne);
    expect(high).toBeLessThan(bound);
    expect(high).toBeGreaterThan(bound * 0.999);
    expect(backoffDelay(attempt, () => 0.5)).toBe(bound / 2);
  });

  it("honours base and cap", () => {
    expect(backoffDelay(3, () => 0.5, 100, 10_000)).toBe(200);
    expect(backoffDelay(10, () => 0.5, 100, 1000)).toBe(500);
  });

  it("uses Math.random by default and stays in bounds", () => {
    for (let i = 0; i < 200; i++) {
      const d = backoffDelay(2);
      expect(d).toBeGreaterThanOrEqual(0);
      expect(d).toBeLessThan(1000);
    }
  });
});

describe("parseRetryAfter", () => {
  const now = Date.UTC(2024, 0, 1, 12, 0, 0);

  it("reads seconds, whole and fractional", () => {
    expect(parseRetryAfter("120", now)).toBe(120_000);
    expect(parseRetryAfter("1.5", now)).toBe(1500);
    expect(parseRetryAfter("0", now)).toBe(0);
    expect(parseRetryAfter(" 3 ", now)).toBe(3000);
  });

  it("reads an HTTP date in the future and clamps one in the past to 0", () => {
    expect(parseRetryAfter("Mon, 01 Jan 2024 12:00:30 GMT", now)).toBe(30_000);
    expect(parseRetryAfter("Mon, 01 Jan 2024 11:00:00 GMT", now)).toBe(0);
  });

  it("returns undefined when absent or unparseable", () => {
    for (const v of [undefined, null, "", "soon", "-5", "1e3", "12abc", "NaN", "Infinity"]) {
      expect(parseRetryAfter(v, now), String(v)).toBeUndefined();
    }
  });
});

describe("isRetryable", () => {
  const failures: [string, FailureKind][] = [
    ["408", { kind: "status", status: 408 }],
    ["429", { kind: "status", status: 429 }],
    ["500", { kind: "status", status: 500 }],
    ["502", { kind: "status", status: 502 }],
    ["503", { kind: "status", status: 503 }],
    ["504", { kind: "status", status: 504 }],
    ["400", { kind: "status", status: 400 }],
    ["404", { kind: "status", status: 404 }],
    ["501", { kind: "status", status: 501 }],
    ["connect", { kind: "connect" }],
    ["network", { kind: "network" }],
    ["timeout", { kind: "timeout" }],
  ];
  const retryableForIdempotent = new Set([
    "408",
    "429",
    "500",
    "502",
    "503",
    "504",
    "connect",
    "network",
    "timeout",
  ]);
  const retryableForPost = new Set(["429", "connect"]);

  const cases: [string, string, boolean][] = [];
  for (const method of ["GET", "HEAD", "OPTIONS", "PUT", "PATCH", "DELETE", "get", "delete"]) {
    for (const [name] of failures) cases.push([method, name, retryableForIdempotent.has(name)]);
  }
  for (const method of ["POST", "post", "TRACE", "FOO"]) {
    for (const [name] of failures) cases.push([method, name, retryableForPost.has(name)]);
  }

  it.each(cases)("%s after %s -> %s", (method, name, expected) => {
    const failure = failures.find(([n]) => n === name)![1];
    expect(isRetryable(method, failure)).toBe(expected);
  });
});

describe("classifyNetworkError", () => {
  const withCode = (code: string) => Object.assign(new Error(code), { code });

  it("finds connect-phase codes anywhere on the cause chain", () => {
    for (const code of [
      "ECONNREFUSED",
      "ENOTFOUND",
      "EAI_AGAIN",
      "EHOSTUNREACH",
      "UND_ERR_CONNECT_TIMEOUT",
    ]) {
      expect(classifyNetworkError(new TypeError("fetch failed", { cause: withCode(code) }))).toBe("connect");
      expect(classifyNetworkError(new Error("a", { cause: new Error("b", { cause: withCode(code) }) }))).toBe(
        "connect",
      );
    }
    // Node's happy-eyeballs failure: an AggregateError that carries the first code.
    const aggregate = Object.assign(new AggregateError([withCode("ECONNREFUSED")]), { code: "ECONNREFUSED" });
    expect(classifyNetworkError(new TypeError("fetch failed", { cause: aggregate }))).toBe("connect");
  });

  it("treats everything else as network", () => {
    for (const code of ["ECONNRESET", "UND_ERR_SOCKET", "EPIPE", "ETIMEDOUT"]) {
      expect(classifyNetworkError(new TypeError("fetch failed", { cause: withCode(code) }))).toBe("network");
    }
    expect(classifyNetworkError(new TypeError("Failed to fetch"))).toBe("network");
    expect(classifyNetworkError("boom")).toBe("network");
    expect(classifyNetworkError(undefined)).toBe("network");
    expect(classifyNetworkError(null)).toBe("network");
    const loop: { cause?: unknown } = {};
    loop.cause = loop;
    expect(classifyNetworkError(loop)).toBe("network");
  });

  describe("on real undici errors", () => {
    let server: http.Server;
    let base: string;
    let mode: "destroy" | "reset" | "midBody" = "destroy";

    beforeAll(async () => {
      server = http.createServer((req, res) => {
        req.resume();
        req.on("end", () => {
          if (mode === "destroy") req.socket.destroy();
          else if (mode === "reset") req.socket.resetAndDestroy();
          else {
            res.writeHead(200, { "content-length": "1000" });
            res.write("partial");
            setTimeout(() => req.socket.destroy(), 20);
          }
        });
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });

    afterAll(async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    });

    async function failure(run: () => Promise<unknown>): Promise<unknown> {
      try {
        await run();
      } catch (error) {
        return error;
      }
      throw new Error("expected the request to fail");
    }

    it("a refused connection is connect", async () => {
      // A port that was free a moment ago: nothing listens there.
      const probe = net.createServer();
      await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
      const port = (probe.address() as AddressInfo).port;
      await new Promise((resolve) => probe.close(resolve));

      const error = await failure(() => fetch(`http://127.0.0.1:${port}/`, { method: "POST", body: "{}" }));
      expect((error as Error).cause).toMatchObject({ code: "ECONNREFUSED" });
      expect(classifyNetworkError(error)).toBe("connect");
    });

    it("a socket closed after the request was read is network", async () => {
      mode = "destroy";
      const error = await failure(() => fetch(base, { method: "POST", body: "{}" }));
      expect((error as Error).cause).toMatchObject({ code: "UND_ERR_SOCKET" });
      expect(classifyNetworkError(error)).toBe("network");
    });

    it("a TCP reset after the request was read is network", async () => {
      mode = "reset";
      const error = await failure(() => fetch(base, { method: "POST", body: "{}" }));
      expect((error as Error).cause).toMatchObject({ code: "ECONNRESET" });
      expect(classifyNetworkError(error)).toBe("network");
    });

    it("a connection lost in the middle of the body is network", async () => {
      mode = "midBody";
      const response = await fetch(base);
      expect(response.status).toBe(200);
      const error = await failure(() => response.text());
      expect((error as Error).cause).toMatchObject({ code: "UND_ERR_SOCKET" });
      expect(classifyNetworkError(error)).toBe("network");
    });
  });
});

describe("retryDelay", () => {
  const half = () => 0.5;

  it("prefers Retry-After", () => {
    const headers = new Headers({ "retry-after": "2", "x-ratelimit-remaining": "0" });
    expect(retryDelay(1, headers, 429, half)).toBe(2000);
    expect(retryDelay(3, new Headers({ "retry-after": "0" }), 503, half)).toBe(0);
  });

  it("waits out the rate-limit window on a 429 with nothing remaining", () => {
    const headers = new Headers({
      "x-ratelimit-remaining": "0",
      "x-ratelimit-interval-milliseconds": "10000",
    });
    expect(retryDelay(1, headers, 429, half)).toBe(10_000);
    // Not a 429, or quota left, or no interval: plain backoff.
    expect(retryDelay(1, headers, 503, half)).toBe(250);
    const left = new Headers({ "x-ratelimit-remaining": "5", "x-ratelimit-interval-milliseconds": "10000" });
    expect(retryDelay(2, left, 429, half)).toBe(500);
    expect(retryDelay(1, new Headers({ "x-ratelimit-remaining": "0" }), 429, half)).toBe(250);
  });

  it("falls back to backoff", () => {
    expect(retryDelay(3, undefined, undefined, half)).toBe(1000);
    expect(retryDelay(1, new Headers({ "retry-after": "garbage" }), 500, half)).toBe(250);
  });
});
