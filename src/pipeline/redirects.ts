/**
 * Follows redirects here rather than in fetch, so that the Authorization header only ever goes to
 * the API's own origin: a hop to another host goes without it, a hop back gets it again. 307 and
 * 308 repeat the request as it was; the others go on with a GET and no body.
 */
import { Failure } from "./failure.js";
import type { Outgoing, WireStage } from "./types.js";

const MAX_REDIRECTS = 5;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export const followRedirects =
  (origin: string): WireStage =>
  (next) =>
  async (request, call) => {
    const authorization = request.headers.get("authorization");
    let current: Outgoing = request;
    let response = await next(current, call);
    for (let hop = 0; REDIRECTS.has(response.status); hop++) {
      const location = response.headers.get("location");
      // Without a Location there is nowhere to go: the 3xx is reported as it is.
      if (location === null) return response;
      await response.body?.cancel().catch(() => {});
      if (hop === MAX_REDIRECTS) throw new Failure("redirect", `More than ${MAX_REDIRECTS} redirects`);
      const url = URL.canParse(location, current.url) ? new URL(location, current.url) : undefined;
      if (!url || (url.protocol !== "https:" && url.protocol !== "http:")) {
        throw new Failure("redirect", "A redirect pointed to an unusable Location");
      }
      const keep = response.status === 307 || response.status === 308;
      const headers = new Headers(current.headers);
      if (!keep) ["content-type", "content-length"].forEach((name) => headers.delete(name));
      if (url.origin === origin && authorization !== null) headers.set("authorization", authorization);
      else headers.delete("authorization");
      current = {
        method: keep || current.method === "HEAD" ? current.method : "GET",
        url: url.href,
        headers,
        body: keep ? current.body : undefined,
      };
      response = await next(current, call);
    }
    return response;
  };
