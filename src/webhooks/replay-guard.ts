/**
 * Webhook IDs already accepted, so a replayed delivery is refused. The guard is pluggable: one
 * over shared storage lets every process behind the webhook URL de-duplicate together; the default
 * is in this process's memory, bounded.
 */
import { ConfigurationError } from "../errors/index.js";
import { WebhookVerificationError } from "./errors.js";

/**
 * Remembers the IDs of accepted webhooks (and, prefixed `VoiceAiCallEnd:`, the call IDs of handled
 * call ends); share one across the processes behind a webhook URL.
 */
export interface ReplayGuard {
  /**
   * True the first time `webhookId` is offered within `ttlMs`, false for a repeat. Must be atomic
   * across the processes sharing the guard (e.g. Redis `SET key 1 NX PX ttlMs`, a unique index).
   */
  firstSeen(webhookId: string, ttlMs: number): boolean | Promise<boolean>;
  /** Forgets an ID whose processing failed, so the sender's next delivery of it is accepted. */
  forget?(webhookId: string): void | Promise<void>;
}

const MAX_BOUND = 10_000_000;
export const DEFAULT_REPLAY_TIMEOUT_MS = 5_000;

/** An in-memory guard of at most `maxEntries` IDs (the oldest dropped first), for one process. */
export function createReplayGuard(maxEntries = 10_000): ReplayGuard {
  if (!Number.isInteger(maxEntries) || maxEntries < 1 || maxEntries > MAX_BOUND) {
    throw new ConfigurationError(`maxEntries must be an integer from 1 to ${MAX_BOUND}`);
  }
  const seen = new Map<string, number>();
  return {
    firstSeen(id, ttlMs) {
      const now = Date.now();
      // Insertion order is nearly expiry order (webhook IDs and call IDs have a ttl each): the
      // sweep stops at the first live entry, and a lookup checks the expiry of its own.
      for (const [key, until] of seen) {
        if (until > now) break;
        seen.delete(key);
      }
      if ((seen.get(id) ?? 0) > now) return false;
      seen.delete(id); // an expired entry: re-inserted at the end, in expiry order
      seen.set(id, now + ttlMs);
      if (seen.size > maxEntries) seen.delete(seen.keys().next().value!);
      return true;
    },
    forget(id) {
      seen.delete(id);
    },
  };
}

/** The guard of calls that pass none: one per process. */
export const defaultReplayGuard = createReplayGuard();

/** Checks the replay options before any call: a guard with `firstSeen`, a sane timeout. */
export function checkReplayOptions(guard: unknown, timeoutMs: unknown): void {
  if (guard !== undefined && typeof (guard as ReplayGuard | null)?.firstSeen !== "function") {
    throw new ConfigurationError("replayGuard must have a firstSeen(webhookId, ttlMs) method");
  }
  if (guard !== undefined) {
    const forget = (guard as ReplayGuard).forget;
    if (forget !== undefined && typeof forget !== "function")
      throw new ConfigurationError("replayGuard.forget must be a function");
  }
  if (
    timeoutMs !== undefined &&
    (!Number.isInteger(timeoutMs) || (timeoutMs as number) < 1 || (timeoutMs as number) > 60_000)
  ) {
    throw new ConfigurationError("replayTimeoutMs must be an integer from 1 to 60000");
  }
}

/**
 * The guard's answer, within `timeoutMs`. A guard that fails, hangs or answers something else is
 * no answer: the call is refused as unchecked (retryable), and nothing of the guard's error is
 * shown, since a store's error may name its credentials. The sender is then told to retry, so the
 * ID must not stay recorded: it is forgotten now (a failed store may have written it before
 * failing), and again if a late answer says this call recorded it after all.
 */
export async function askFirstSeen(
  guard: ReplayGuard,
  webhookId: string,
  ttlMs: number,
  timeoutMs: number,
): Promise<boolean> {
  const asked = Promise.resolve().then(() => guard.firstSeen(webhookId, ttlMs));
  const answer = await withTimeout(() => asked, timeoutMs).catch((error: unknown) => ({
    failed: error instanceof Error ? error.name : typeof error,
  }));
  if (typeof answer === "boolean") return answer;
  if (answer === TIMED_OUT)
    asked.then(
      (late) => late === true && void forgetSeen(guard, webhookId, timeoutMs),
      () => undefined,
    );
  else await forgetSeen(guard, webhookId, timeoutMs);
  const why =
    answer === TIMED_OUT
      ? `no answer within ${timeoutMs} ms`
      : typeof answer === "object" && answer !== null && "failed" in answer
        ? `it threw ${answer.failed}`
        : `it answered ${typeof answer}, not a boolean`;
  throw new WebhookVerificationError("replay_check_failed", `the replay guard could not be asked (${why})`);
}

/** Forgets an ID, best effort: a failure leaves the retry to be refused as a replay. */
export async function forgetSeen(guard: ReplayGuard, webhookId: string, timeoutMs: number): Promise<void> {
  if (!guard.forget) return;
  await withTimeout(() => guard.forget!(webhookId), timeoutMs).catch(() => undefined);
}

const TIMED_OUT = Symbol("timed out");

async function withTimeout<T>(work: () => T | Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<typeof TIMED_OUT>((resolve) => (timer = setTimeout(resolve, ms, TIMED_OUT)));
  try {
    return await Promise.race([Promise.resolve().then(work), late]);
  } finally {
    clearTimeout(timer);
  }
}
