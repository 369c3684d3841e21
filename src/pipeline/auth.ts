/**
 * Puts the call's credentials and the headers every request carries on each attempt. The token
 * is asked for the call's location; when the source can refresh and the server answers 401, the
 * token is invalidated and the request sent once more with a fresh one (a 401 means nothing was
 * done, so a POST may go again too). A second 401 is the caller's AuthenticationError. The
 * token never comes back up: the typed-errors stage scrubs what comes back of every token the
 * redactor holds, and each attempt's own is made its most recent on the way out.
 */
import type { TokenContext } from "./token-provider.js";
import type { Redactor } from "./redact.js";
import { atOrigin } from "./request-info.js";
import type { Tokens } from "./tokens.js";
import type { Outgoing, Stage } from "./types.js";

export const authorize =
  (tokens: Tokens, origin: string, redactor: Redactor): Stage =>
  (next) =>
  async (request, call) => {
    const ctx: TokenContext = {
      locationId: call.locationId,
      operationId: call.operationId,
      signal: call.signal,
    };
    // What comes back never shows the token it was sent with (an echoing server, a custom fetch),
    // however many other tokens the redactor was given meanwhile.
    const send = (token: string) =>
      next(withCredentials(request, token, call.version, origin), call).finally(() => redactor.add(token));
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
