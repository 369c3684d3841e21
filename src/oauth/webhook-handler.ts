/**
 * The webhook endpoint, framework-neutral: a fetch-style `(Request) => Promise<Response>` handler,
 * and an adapter for node:http and Express-style `(req, res, next)` middleware.
 */
import { VoiceAIError } from "../errors/index.js";
import { WebhookVerificationError } from "./errors.js";
import type { OAuth } from "./oauth.js";
import type { WebhookOutcome } from "./webhook-actions.js";
import type { WebhookEvent } from "./webhook-events.js";
import {
  DEFAULT_REPLAY_TIMEOUT_MS,
  checkReplayOptions,
  defaultReplayGuard,
  forgetSeen,
} from "./replay-guard.js";
import { verifyWebhook, type VerifyWebhookOptions } from "./webhook-verify.js";

export interface WebhookHandlerOptions extends Omit<VerifyWebhookOptions, "rawBody" | "headers"> {
  /** Applies INSTALL / UNINSTALL to its store (`oauth.handleWebhook`). */
  oauth?: OAuth | undefined;
  /** Told of every verified event, after the store was updated. */
  onEvent?: ((event: WebhookEvent, outcome: WebhookOutcome | undefined) => void | Promise<void>) | undefined;
}

const MAX_BODY = 1_048_576;
const STATUS: Partial<Record<WebhookVerificationError["reason"], number>> = {
  malformed: 400,
  replay_check_failed: 503,
};
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

/**
 * 200 for a verified event, 401 for a bad signature or a replay, 400 for a malformed call, 503 when
 * the replay guard could not be asked, 500 when applying the event failed (its ID is then forgotten,
 * so the sender's retry is accepted).
 */
export function createWebhookHandler(
  options: WebhookHandlerOptions,
): (request: Request) => Promise<Response> {
  const { oauth, onEvent, ...verify } = options;
  checkReplayOptions(verify.replayGuard, verify.replayTimeoutMs);
  const guard = verify.replayGuard ?? defaultReplayGuard;
  return async (request) => {
    if (request.method !== "POST") return json(405, { error: "method_not_allowed" });
    const declared = Number(request.headers.get("content-length") ?? 0);
    if (declared > MAX_BODY) return json(413, { error: "too_large" });
    let rawBody: Uint8Array;
    try {
      rawBody = await readBounded(request);
    } catch {
      return json(413, { error: "too_large" });
    }
    let event: WebhookEvent;
    try {
      event = await verifyWebhook({ ...verify, replayGuard: guard, rawBody, headers: request.headers });
    } catch (error) {
      if (!(error instanceof WebhookVerificationError)) throw error;
      return json(STATUS[error.reason] ?? 401, { error: error.reason });
    }
    try {
      const outcome = oauth ? await oauth.handleWebhook(event) : undefined;
      await onEvent?.(event, outcome);
      return json(200, { ok: true, ...(outcome && { action: outcome.action }) });
    } catch (error) {
      // Nothing about the failure goes back to the caller; a 500 makes a retrying sender try again.
      if (event.webhookId !== undefined)
        await forgetSeen(guard, event.webhookId, verify.replayTimeoutMs ?? DEFAULT_REPLAY_TIMEOUT_MS);
      return json(500, { error: error instanceof VoiceAIError ? error.name : "internal_error" });
    }
  };
}

async function readBounded(request: Request): Promise<Uint8Array> {
  if (!request.body) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > MAX_BODY) {
      await reader.cancel();
      throw new RangeError("body too large");
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.length;
  }
  return body;
}

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

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}
