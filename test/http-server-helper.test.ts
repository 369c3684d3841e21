/**
 * The one local-HTTP-server helper of the tests (test/support/http-server.ts): what it records,
 * that it closes what a test started, and that no test file grows its own copy again.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { json, startServer, type TestServer } from "./support/http-server.js";

const testDir = import.meta.dirname;
let fromFirstTest: TestServer | undefined;

describe("startServer", () => {
  it("records method, url, headers and body in arrival order, and hands the handler its number", async () => {
    const seen: number[] = [];
    const server = await startServer((req, res, n) => {
      seen.push(n);
      json(res, 201, { n, body: server.requests[n - 1]!.body }, { "x-n": String(n) });
    });
    fromFirstTest = server;
    const first = await fetch(`${server.baseUrl}/a?x=1`, { method: "POST", body: "hello" });
    expect(first.headers.get("x-n")).toBe("1");
    expect(await first.json()).toEqual({ n: 1, body: "hello" });
    await fetch(`${server.baseUrl}/b`, { headers: { "x-test": "yes" } });
    expect(seen).toEqual([1, 2]);
    expect(server.requests.map((r) => [r.method, r.url, r.body])).toEqual([
      ["POST", "/a?x=1", "hello"],
      ["GET", "/b", ""],
    ]);
    expect(server.requests[1]!.headers["x-test"]).toBe("yes");
    expect(server.requests[1]!.at).toBeGreaterThanOrEqual(server.requests[0]!.at);
  });

  it("the previous test's server was closed after it", async () => {
    expect(fromFirstTest).toBeDefined();
    const error = await fetch(`${fromFirstTest!.baseUrl}/a`).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TypeError); // fetch failed: connection refused
  });

  it("is the only local-HTTP-server helper: no test file defines its own startServer", async () => {
    const files = (await readdir(testDir, { recursive: true })).filter((f) => f.endsWith(".ts"));
    const defining: string[] = [];
    for (const file of files) {
      const text = await readFile(path.join(testDir, file), "utf8");
      if (/function startServer\(/.test(text)) defining.push(file.split(path.sep).join("/"));
    }
    expect(defining).toEqual(["support/http-server.ts"]);
  });
});
