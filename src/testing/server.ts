/** The fake's HTTP server on 127.0.0.1 (a free port): each request goes to the same handler as `fake.fetch`. */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { RESET, type Outcome } from "./router.js";

export interface FakeServer {
  url: string;
  close(): Promise<void>;
}

export async function listen(answer: (request: Request) => Promise<Outcome>, port = 0): Promise<FakeServer> {
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    void serve(req, res, answer).catch(() => res.destroy());
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}`,
    close: () =>
      new Promise((resolve) => {
        // Idle keep-alive connections would hold close() open: end them all.
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

async function serve(
  req: IncomingMessage,
  res: ServerResponse,
  answer: (request: Request) => Promise<Outcome>,
) {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  const method = req.method ?? "GET";
  const body = chunks.length > 0 && method !== "GET" && method !== "HEAD" ? Buffer.concat(chunks) : null;
  const outcome = await answer(new Request(`http://127.0.0.1${req.url ?? "/"}`, { method, headers, body }));
  if (outcome === RESET) {
    req.socket.destroy();
    return;
  }
  res.writeHead(outcome.status, Object.fromEntries(outcome.headers));
  res.end(Buffer.from(await outcome.arrayBuffer()));
}
