/**
 * Sends again what may be sent again: retryable statuses and connection failures, with backoff
 * (Retry-After honoured), up to `maxRetries`. It owns the attempt count. A wait ends early on
 * the caller's abort, and none starts that would outlast a minute or the call's deadline.
 */
import { backoffDelay, isRetryable, retryDelay, type FailureKind as RetryReason } from "./retry-policy.js";
import { sleep } from "./abortable.js";
import { Failure } from "./failure.js";
import { MAX_RETRY_WAIT_MS } from "./limit.js";
import { requestInfo } from "./request-info.js";
import type { Reply, Stage } from "./types.js";
import { requestIdOf, type RequestInfo } from "../errors/index.js";

/** Told before each retry: which attempt failed, why, and how long the client waits. */
export interface RetryEvent extends RequestInfo {
  /** The attempt that failed, starting at 1. */
  attempt: number;
  /** How long that attempt took. */
  durationMs: number;
  delayMs: number;
  reason: RetryReason;
  requestId: string | undefined;
}

export const retry =
  (onRetry: (event: RetryEvent) => void): Stage =>
  (next) =>
  async (request, call) => {
    for (let attempt = 1; ; attempt++) {
      let reply: Reply | undefined;
      let failure: Failure | undefined;
      let reason: RetryReason;
      const started = performance.now();
      try {
        reply = await next(request, { ...call, attempt });
        // A request the server acted on (a POST redirected to a GET) is never sent again.
        if (reply.status < 400 || attempt > call.maxRetries || reply.acted) return reply;
        reason = { kind: "status", status: reply.status };
      } catch (error) {
        if (!(error instanceof Failure)) throw error;
        const { kind } = error;
        // The attempt count goes into the message ("timed out after 3 attempts").
        failure = new Failure(kind, error.reason, { ...error.details, attempt });
        const again = kind === "connect" || kind === "network" || kind === "timeout";
        if (attempt > call.maxRetries || !again || error.details.acted) throw failure;
        reason = { kind };
      }
      const delay = Math.ceil(
        reply ? retryDelay(attempt, reply.headers, reply.status) : backoffDelay(attempt),
      );
      const fits = delay <= MAX_RETRY_WAIT_MS && performance.now() + delay < (call.deadline ?? Infinity);
      if (!isRetryable(request.method, reason) || !fits) {
        if (reply) return reply;
        throw failure;
      }
      onRetry({
        ...requestInfo(request, call),
        attempt,
        durationMs: Math.round(performance.now() - started),
        delayMs: delay,
        reason,
        requestId: reply ? requestIdOf(reply.headers) : undefined,
      });
      try {
        await sleep(delay, call.signal);
      } catch (cause) {
        throw new Failure("abort", "Aborted by the caller", { cause });
      }
    }
  };
