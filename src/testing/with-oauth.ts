/**
 * Mounts the fake OAuth endpoints on the fake Voice AI API: one server answers both, and the API
 * accepts a Location access token exactly while the OAuth fake says it is valid (so an expired or
 * revoked token gets the API's 401, as at HighLevel). Agency tokens are refused, as at HighLevel.
 */
import type { FakeRouteHandler } from "./context.js";
import type { FakeOAuth } from "./oauth/index.js";

export function oauthRoute(oauth: FakeOAuth): FakeRouteHandler {
  const vouched = new Set<string>();
  return async (request, ctx) => {
    const answer = await oauth.handle(request);
    if (answer) return answer;
    const header = request.headers.get("authorization");
    const token = /^Bearer (\S+)$/i.exec(header ?? "")?.[1];
    if (!token) return undefined;
    const grant = oauth.authorize(header);
    if (grant?.userType === "Location" && grant.locationId) {
      // No expiry of its own (a clock that moves while the request is handled would expire it):
      // every request asks the OAuth fake again, and a token it no longer vouches for is removed.
      ctx.tokens.add(token, { locationId: grant.locationId });
      vouched.add(token);
    } else if (vouched.delete(token)) ctx.tokens.remove(token);
    return undefined;
  };
}
