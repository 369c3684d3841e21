/**
 * A real HTTP server on 127.0.0.1 for the tests that need one (test/resilience.test.ts and the
 * regression suites): it records every request it receives and hands each to the test's handler
 * once the body has been read. Every server a test starts is closed after that test, also when it
 * fails. `failOnUnhandledRejections()` makes a file fail if any promise was left rejected unheard.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, expect } from "vitest";

export interface Received {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  /** The body as text: complete when the handler is called. */
  body: string;
  /** performance.now() when the request arrived (before its body). */
  at: number;
}

/** Sees each request after its body was read; `n` is its place in arrival order, from 1. */
export type Handler = (req: http.IncomingMessage, res: http.ServerResponse, n: number) => void;

export interface TestServer {
  baseUrl: string;
  /** Requests the server received, in arrival order. */
  requests: Received[];
  close(): Promise<void>;
}

const open: TestServer[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((server) => server.close()));
});

/** Starts a server on `port` (default: a free one). */
export async function startServer(handler: Handler, port = 0): Promise<TestServer> {
  const requests: Received[] = [];
  const server = http.createServer((req, res) => {
    const received: Received = {
      method: req.method!,
      url: req.url!,
      headers: req.headers,
      body: "",
      at: performance.now(),
    };
    requests.push(received);
    const n = requests.length;
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      received.body = Buffer.concat(chunks).toString();
      handler(req, res, n);
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const started: TestServer = {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  open.push(started);
  return started;
}

/** Answers `status` with `body` as JSON (no body when undefined). */
export function json(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers: http.OutgoingHttpHeaders = {},
) {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(body === undefined ? undefined : JSON.stringify(body));
}

/** A port nothing listens on (it was free a moment ago). */
export async function freePort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Fails the calling test file if a promise was rejected with nobody listening while it ran. */
export function failOnUnhandledRejections() {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  beforeAll(() => {
    process.on("unhandledRejection", onUnhandled);
  });
  afterAll(async () => {
    // Give stray promises a turn to surface before checking.
    await new Promise((resolve) => setTimeout(resolve, 50));
    process.off("unhandledRejection", onUnhandled);
    expect(unhandled).toEqual([]);
  });
}
