/**
 * Call ids already handled, shared by the two ways call logs arrive: `VoiceAiCallEnd` webhooks
 * (fast) and a sync (the safety net). Each asks `has` before handing a call over and calls `add`
 * once its consumer is done with it, so a call the webhook handled is not handed over again by the
 * sync, and the other way round. (Both may hand a call over if they meet it at the same moment:
 * delivery stays at least once.) One over shared storage (Redis: highlevel-voice-ai/redis) lets
 * every process de-duplicate together.
 */
import { ConfigurationError } from "../errors/index.js";

export interface SeenCallIds {
  /** True when the call was handled already (by a webhook or a sync). */
  has(callId: string): boolean | Promise<boolean>;
  /** Records that the call was handled (its consumer returned). */
  add(callId: string): void | Promise<void>;
}

export interface MemorySeenCallIdsOptions {
  /** Ids kept at most (default 100 000); past it the oldest is forgotten. */
  maxEntries?: number | undefined;
  /** How long an id is kept (default 7 days): longer than a webhook can come after the sync, or the other way round. */
  ttlMs?: number | undefined;
}

const DAY = 86_400_000;

/** Seen call ids in this process's memory, bounded in count and time. */
export function createMemorySeenCallIds(options: MemorySeenCallIdsOptions = {}): SeenCallIds {
  const maxEntries = options.maxEntries ?? 100_000;
  const ttlMs = options.ttlMs ?? 7 * DAY;
  if (!Number.isSafeInteger(maxEntries) || maxEntries < 1)
    throw new ConfigurationError("maxEntries must be an integer >= 1");
  if (!Number.isSafeInteger(ttlMs) || ttlMs < 1)
    throw new ConfigurationError("ttlMs must be an integer >= 1");
  const seen = new Map<string, number>();
  const prune = (now: number) => {
    for (const [id, until] of seen) {
      if (until > now) break; // insertion order is expiry order: one ttl for all
      seen.delete(id);
    }
  };
  return {
    has(callId) {
      prune(Date.now());
      return seen.has(callId);
    },
    add(callId) {
      const now = Date.now();
      prune(now);
      seen.delete(callId);
      seen.set(callId, now + ttlMs);
      if (seen.size > maxEntries) seen.delete(seen.keys().next().value!);
    },
  };
}

/** Checks a `seen` option: an object with has and add. */
export function checkSeen(seen: unknown, what: string): SeenCallIds | undefined {
  if (seen === undefined) return undefined;
  const s = seen as Partial<SeenCallIds> | null;
  if (typeof s?.has !== "function" || typeof s.add !== "function")
    throw new ConfigurationError(`${what}: seen must have has(callId) and add(callId)`);
  return seen as SeenCallIds;
}
