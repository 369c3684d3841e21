/**
 * The access tokens this process holds, and when to renew each. A call whose token is valid reads
 * nothing from the store, so a store outage (a Redis restart) matters only once a renewal is due.
 * A token is held until its expiry at the latest, and dropped once a server refused it (401) or a
 * write through this process replaced or deleted its record. Renewal is due `refreshSkewMs`
 * before expiry, but never earlier than half-way through the token's life: tokens that live
 * shorter than the skew would otherwise be renewed for every call (warned once).
 */
import type { Log } from "../logging/logger.js";
import { parseRecord, type InstallationRecord } from "./records.js";
import type { TokenStore } from "./token-store.js";

const MAX_HELD = 10_000;
const MAX_REFUSED = 1_000;
/** After a failed renewal, the still-valid token is used this long before renewing is tried again. */
export const RENEW_RETRY_MS = 10_000;

interface Held {
  token: string;
  expiresAt: number;
  renewAt: number;
}

export interface TokenCache {
  /** The valid token held for `key` (not expired, not refused), and whether it is due for renewal. */
  get(key: string): { token: string; due: boolean } | undefined;
  /** What the store holds for `key` now (undefined: nothing). */
  remember(key: string, record: InstallationRecord | undefined): void;
  /** A server answered 401 to `token`: it is not handed out again, whatever a record says. */
  refuse(token: string): void;
  /** A renewal failed: the token held is used for RENEW_RETRY_MS more (never past its expiry). */
  postpone(key: string): void;
  /** `store`, with every read and write through it kept in this cache. */
  through(store: TokenStore): TokenStore;
}

export function createTokenCache(refreshSkewMs: number, now: () => number, log: Log): TokenCache {
  const held = new Map<string, Held>();
  const refused = new Set<string>();
  let warned = false;

  /** How long before expiry a token is renewed: the skew, at most half its life. */
  function skewFor(record: InstallationRecord, expiresAt: number): number {
    const lifetime = record.issuedAt === undefined ? Infinity : expiresAt - record.issuedAt;
    if (refreshSkewMs <= lifetime / 2) return refreshSkewMs;
    if (!warned) {
      warned = true;
      log.warn?.(
        `access tokens live ${Math.round(lifetime / 1000)} s, less than twice refreshSkewMs ` +
          `(${refreshSkewMs} ms): they are renewed when half their life is left instead`,
      );
    }
    return lifetime / 2;
  }

  function remember(key: string, record: InstallationRecord | undefined): void {
    held.delete(key);
    const token = record?.accessToken;
    const expiresAt = record?.expiresAt ?? 0;
    if (!token || record.revoked || refused.has(token) || expiresAt <= now()) return;
    // Re-inserting moves the key to the end: the first key is the least recently stored.
    held.set(key, { token, expiresAt, renewAt: expiresAt - skewFor(record, expiresAt) });
    if (held.size > MAX_HELD) held.delete(held.keys().next().value!);
  }

  return {
    get(key) {
      const entry = held.get(key);
      if (!entry) return undefined;
      if (entry.expiresAt <= now()) {
        held.delete(key);
        return undefined;
      }
      return { token: entry.token, due: entry.renewAt <= now() };
    },
    remember,
    refuse(token) {
      refused.add(token);
      if (refused.size > MAX_REFUSED) refused.delete(refused.values().next().value!);
      for (const [key, entry] of held) if (entry.token === token) held.delete(key);
    },
    postpone(key) {
      const entry = held.get(key);
      if (entry) entry.renewAt = Math.min(now() + RENEW_RETRY_MS, entry.expiresAt);
    },
    through(store) {
      const view: TokenStore = {
        async get(key) {
          const value = await store.get(key);
          remember(key, parseRecord(value));
          return value;
        },
        async set(key, value, options) {
          // A refused write (a lost lock) leaves the token held as it was: still valid.
          await store.set(key, value, options);
          remember(key, parseRecord(value));
        },
        async setMany(entries) {
          for (const [key] of entries) held.delete(key);
          if (store.setMany) await store.setMany(entries);
          else for (const [key, value] of entries) await store.set(key, value);
        },
        async delete(key) {
          held.delete(key);
          await store.delete(key);
        },
        maxLockTtlMs: store.maxLockTtlMs,
      };
      if (store.lock) view.lock = (key, options) => store.lock!(key, options);
      return view;
    },
  };
}
