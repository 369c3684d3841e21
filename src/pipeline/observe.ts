/**
 * Watches every exchange on the wire (each attempt, each re-send after a 401): records the
 * location's latest X-RateLimit-* headers, tells `onResponse`, and logs the attempt at debug level.
 * Event objects are built only when someone listens.
 */
import { requestIdOf, type RequestInfo } from "../errors/index.js";
import type { Log } from "../logging/logger.js";
import type { RateLimitInfo } from "../rate-limit/headers.js";
import { Failure } from "./failure.js";
import { requestInfo } from "./request-info.js";
import type { Stage } from "./types.js";

/** Told after every response, success or error. */
export interface ResponseEvent extends RequestInfo {
  status: number;
  /** The rate-limit bucket (location) the request counted against ("" when it names none). */
  locationId: string;
  rateLimit: RateLimitInfo | undefined;
  /** The attempt, starting at 1. */
  attempt: number;
  /** From sending to the end of the body. */
  durationMs: number;
  requestId: string | undefined;
}

export interface ObserveConfig {
  log: Log;
  onResponse: ((event: ResponseEvent) => void) | undefined;
  /** Keeps the latest headers per location (for `client.rateLimit()`). */
  record: (locationId: string, info: RateLimitInfo) => void;
}

export const observe =
  ({ log, onResponse, record }: ObserveConfig): Stage =>
  (next) =>
  async (request, call) => {
    const started = performance.now();
    let status: number | string;
    try {
      const reply = await next(request, call);
      const { rateLimit } = reply;
      if (rateLimit) record(call.locationId ?? "", rateLimit);
      status = reply.status;
      if (onResponse || log.debug) {
        const event: ResponseEvent = {
          ...requestInfo(request, call),
          status: reply.status,
          locationId: call.locationId ?? "",
          rateLimit,
          attempt: call.attempt,
          durationMs: Math.round(performance.now() - started),
          requestId: requestIdOf(reply.headers),
        };
        onResponse?.(event);
        log.debug?.("response", event);
      }
      return reply;
    } catch (error) {
      status = error instanceof Failure ? error.kind : "error";
      log.debug?.("attempt failed", {
        ...requestInfo(request, call),
        failure: status,
        attempt: call.attempt,
        durationMs: Math.round(performance.now() - started),
      });
      throw error;
    }
  };
