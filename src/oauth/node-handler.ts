/**
 * The adapter of a fetch-style webhook handler for node:http servers and Express-style
 * `(req, res, next)` middleware: the raw body is read from the request (or taken from a raw or
 * text body parser), never from a parsed JSON object, which cannot be verified.
 */
import { MAX_BODY, concat } from "../webhooks/read-body.js";

/** What the adapter needs of a node:http / Express request. */
export interface NodeRequestLike extends AsyncIterable<Uint8Array | string> {
  method?: string | undefined;
  url?: string | undefined;
  headers: Record<string, string | string[] | undefined>;
  /** Set by body parsers: a Buffer (express.raw) or text is the raw body; a parsed object cannot be verified. */
  body?: unknown;
  readableEnded?: boolean | undefined;
}
export interface NodeResponseLike {
  statusCode: number;
  setHeader(name: string, value: string): unknown;
  end(body?: string): unknown;
}

/** `(req, res, next)` for node:http servers and Express; mount it before any JSON body parser. */
export function toNodeHandler(handler: (request: Request) => Promise<Response>) {
  return async (req: NodeRequestLike, res: NodeResponseLike, next?: (error?: unknown) => void) => {
    try {
      let body: Uint8Array;
      if (req.body instanceof Uint8Array) body = req.body;
      else if (typeof req.body === "string")
        body = new TextEncoder().encode(req.body); // express.text()
      else if (req.body !== undefined || req.readableEnded) {
        res.statusCode = 500;
        res.setHeader("content-type", "application/json");
        res.end(
          JSON.stringify({ error: "raw_body_unavailable: mount the handler before a JSON body parser" }),
        );
        return;
      } else {
        const chunks: Uint8Array[] = [];
        let size = 0;
        for await (const chunk of req) {
          const bytes = typeof chunk === "string" ? new TextEncoder().encode(chunk) : chunk;
          size += bytes.length;
          if (size > MAX_BODY) break;
          chunks.push(bytes);
        }
        body = size > MAX_BODY ? new Uint8Array(MAX_BODY + 1) : concat(chunks, size);
      }
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        if (value === undefined) continue;
        for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
      }
      const method = req.method ?? "GET";
      const request = new Request(new URL(req.url ?? "/", "http://localhost"), {
        method,
        headers,
        ...(method !== "GET" && method !== "HEAD" && { body: new Uint8Array(body) }),
      });
      const response = await handler(request);
      res.statusCode = response.status;
      response.headers.forEach((value, name) => res.setHeader(name, value));
      res.end(await response.text());
    } catch (error) {
      if (next) next(error);
      else {
        res.statusCode = 500;
        res.end();
      }
    }
  };
}
