/** The public type of a client: the generated methods by group, `raw`, and `rateLimit`. */
import type { VoiceAIMethods } from "../../generated/client-methods.js";
import type { RateLimitInfo } from "../rate-limit/headers.js";
import type { RawClient } from "./raw-types.js";

/**
 * A client made by `createVoiceAIClient`: its methods by group, `raw`, and `rateLimit`.
 *
 * `HasDefaultLocation` says whether the client was created with a default `locationId`:
 * - `VoiceAIClient<true>`: it was; `locationId` may be left out of every call.
 * - `VoiceAIClient<false>`: it was not; every call must name its `locationId`.
 * - `VoiceAIClient` (= `VoiceAIClient<boolean>`), e.g. as the type of a field: either kind of
 *   client. `locationId` is optional in the types; a call that leaves it out on a client
 *   without a default fails at run time with `InvalidRequestError`, before anything is sent.
 */
export interface VoiceAIClient<
  HasDefaultLocation extends boolean = boolean,
> extends VoiceAIMethods<HasDefaultLocation> {
  /**
   * Requests by path (GET/POST/... of the spec's paths), with the same auth, version,
   * retries, rate limiting and typed errors as the methods. Error statuses throw.
   */
  readonly raw: RawClient;
  /** The X-RateLimit-* headers of the latest response for a location (default: the client's). */
  rateLimit(locationId?: string): RateLimitInfo | undefined;
}
