import type { RequestInfo } from "../errors/index.js";
import type { Call, Outgoing } from "./types.js";

/** Names a request in errors, events and logs: its URL without credentials or fragment. */
export function requestInfo(
  request: Pick<Outgoing, "method" | "url">,
  call: Pick<Call, "operationId">,
): RequestInfo {
  return { operationId: call.operationId, method: request.method, url: safeUrl(request.url) };
}

export function safeUrl(url: string): string {
  return url.replace(/\/\/[^/@]*@/, "//").replace(/#.*/, "");
}

/** Whether `url` (absolute, normalized) is at `origin` (`scheme://host[:port]`, no slash). */
export const atOrigin = (url: string, origin: string) =>
  url.startsWith(origin) && "/?#".includes(url[origin.length] ?? "/");
