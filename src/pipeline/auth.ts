/**
 * Puts the call's credentials and the headers every request carries on each attempt. The token
 * is asked for the call's location; when the source can refresh and the server answers 401, the
 * token is invalidated and the request sent once more with a fresh one (a 401 means nothing was
 * done, so a POST may go again too). A second 401 is the caller's AuthenticationError. The
 * token never comes back up: it is scrubbed from error bodies and failures.
 */
import type { TokenContext } from "./token-provider.js";
import { scrubFailure, without } from "./redact.js";
import { atOrigin } from "./request-info.js";
import type { Tokens } from "./tokens.js";
import type { Outgoing, Stage } from "./types.js";

export const authorize =
  (tokens: Tokens, origin: string): Stage =>
  (next) =>
  async (request, call) => {
    const ctx: TokenContext = {
      locationId: call.locationId,
      operationId: call.operationId,
      signal: call.signal,
    };
    // What comes back never shows the token it was sent with (an echoing server, a custom fetch).
    const send = async (token: string) => {
      try {
        const reply = await next(withCredentials(request, token, call.version, origin), call);
        return reply.text.includes(token) ? { ...reply, text: without(token)(reply.text) } : reply;
      } catch (error) {
        throw scrubFailure(error, without(token));
      }
    };
    const token = await tokens.get(ctx);
    const reply = await send(token);
    // Only the API's own 401 says the token is bad; and a request the server acted on stays sent.
    if (reply.status !== 401 || !tokens.invalidate || !reply.fromApi || reply.acted) return reply;
    await tokens.invalidate(ctx, token);
    return send(await tokens.get(ctx));
  };

/** A copy of the request with its headers; the token only for the API's own origin. */
function withCredentials(request: Outgoing, token: string, version: string, origin: string): Outgoing {
  const headers = new Headers(request.headers);
  const { url } = request;
  if (atOrigin(url, origin)) {
    headers.set("authorization", `Bearer ${token}`);
  } else headers.delete("authorization");
  if (!headers.has("version")) headers.set("version", version);
  if (!headers.has("accept")) headers.set("accept", "application/json");
  return { ...request, headers };
}
