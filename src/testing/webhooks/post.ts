/**
 * One attempt to deliver a webhook: a POST with node:http(s), on its own connection (no pool: nothing
 * lingers after close()), ended by the timeout or the fake's signal. Never throws: the outcome is
 * the attempt's record.
 */
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import type { DeliveryAttempt } from "./types.js";

const KEEP = 200;
const MAX_READ = 65_536;

export function post(
  url: string,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<DeliveryAttempt> {
  const startedAt = Date.now();
  const started = performance.now();
  return new Promise((resolve) => {
    let settled = false;
    const finish = (status: number, text: string, error?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal.removeEventListener("abort", onAbort);
      req.destroy();
      const ms = Math.round(performance.now() - started);
      resolve({ status, body: text.slice(0, KEEP), startedAt, ms, ...(error !== undefined && { error }) });
    };
    const send = url.startsWith("https:") ? httpsRequest : httpRequest;
    const req = send(url, {
      method: "POST",
      agent: false,
      headers: {
        ...headers,
        "content-length": Buffer.byteLength(body),
        "user-agent": "highlevel-voice-ai-fake",
      },
    });
    const timer = setTimeout(() => finish(0, "", "timeout"), timeoutMs);
    timer.unref();
    const onAbort = () => finish(0, "", "cancelled");
    signal.addEventListener("abort", onAbort, { once: true });
    req.on("error", (error: NodeJS.ErrnoException) => finish(0, "", error.code ?? error.name));
    req.on("response", (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        // Only the beginning is kept; past 64 KiB the answer counts as complete.
        if (text.length < MAX_READ) text += chunk;
        else finish(res.statusCode ?? 0, text);
      });
      res.on("end", () => finish(res.statusCode ?? 0, text));
      res.on("error", () => finish(res.statusCode ?? 0, text));
    });
    if (signal.aborted) onAbort();
    else req.end(body);
  });
}
