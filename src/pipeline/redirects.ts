/**
 * Follows redirects here rather than in fetch, so that credentials only ever go to the API's own
 * origin: a hop to another host goes without Authorization, Cookie and Proxy-Authorization, a hop
 * back gets them again. 307 and 308 repeat the request as it was; the others go on with a GET and
 * no body — and a request they turned into a GET was acted on by the server, so what follows says
 * so (`acted`): it must not be sent again.
 */
import { Failure } from "./failure.js";
import { atOrigin } from "./request-info.js";
import type { Exchanges, Outgoing, Wire } from "./types.js";

const MAX_REDIRECTS = 5;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
/** What only the API's origin may be sent. */
const CREDENTIALS = ["authorization", "cookie", "proxy-authorization"];

export const followRedirects =
  (origin: string) =>
  (next: Wire): Exchanges =>
  async (request, call) => {
    let current: Outgoing = request;
    let acted = false;
    let response = await next(current, call);
    for (let hop = 0; REDIRECTS.has(response.status); hop++) {
      const location = response.headers.get("location");
      // Without a Location there is nowhere to go: the 3xx is reported as it is.
      if (location === null) break;
      await response.body?.cancel().catch(() => {});
      if (hop === MAX_REDIRECTS) throw new Failure("redirect", `More than ${MAX_REDIRECTS} redirects`);
      const url = URL.canParse(location, current.url) ? new URL(location, current.url) : undefined;
      if (!url || (url.protocol !== "https:" && url.protocol !== "http:")) {
        throw new Failure("redirect", "A redirect pointed to an unusable Location");
      }
      const keep = response.status === 307 || response.status === 308;
      const method = keep || current.method === "HEAD" ? current.method : "GET";
      if (method !== current.method) acted = true;
      const body = keep ? current.body : undefined;
      // The original headers each time: credentials come back when a hop returns to the origin.
      const headers = new Headers(request.headers);
      if (body === undefined) ["content-type", "content-length"].forEach((name) => headers.delete(name));
      if (url.origin !== origin) CREDENTIALS.forEach((name) => headers.delete(name));
      current = { method, url: url.href, headers, body };
      try {
        response = await next(current, call);
      } catch (error) {
        if (acted && error instanceof Failure) {
          throw new Failure(error.kind, error.reason, { ...error.details, acted });
        }
        throw error;
      }
    }
    return { response, fromApi: atOrigin(current.url, origin), acted };
  };
