/** The OAuth fake as a real HTTP server on 127.0.0.1, on a free port. */
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { createFakeOAuthHandler, type FakeOAuth, type FakeOAuthOptions } from "./fake-oauth.js";

export interface FakeOAuthServer extends FakeOAuth {
  /** `http://127.0.0.1:PORT`: the `baseUrl` to give createOAuth. */
  readonly url: string;
  close(): Promise<void>;
}

export async function createFakeOAuth(options: FakeOAuthOptions = {}): Promise<FakeOAuthServer> {
  const fake = createFakeOAuthHandler(options);
  const server = createServer((req, res) => {
    toRequest(req)
      .then((request) => fake.handle(request))
      .then(async (response) => {
        response ??= new Response(JSON.stringify({ statusCode: 404, message: "Not Found" }), { status: 404 });
        res.writeHead(response.status, Object.fromEntries(response.headers));
        res.end(Buffer.from(await response.arrayBuffer()));
      })
      .catch(() => {
        res.writeHead(500);
        res.end();
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    ...fake,
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function toRequest(req: IncomingMessage): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value])
      headers.append(name, item);
  }
  const method = req.method ?? "GET";
  return new Request(`http://127.0.0.1${req.url ?? "/"}`, {
    method,
    headers,
    ...(method !== "GET" && method !== "HEAD" && { body: Buffer.concat(chunks) }),
  });
}
