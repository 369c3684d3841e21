/**
 * What the nock-based client tests share: the API's address, sample ids, a set of rate-limit
 * headers with what the client parses them to, and the nock lifecycle (no real network; every
 * interceptor a test set up must have been used).
 */
import nock from "nock";
import { afterEach, beforeEach, expect } from "vitest";

export const BASE = "https://services.leadconnectorhq.com";
export const LOC = "LOC123456789ABCDEF";
export const AGENT_ID = "507f1f77bcf86cd799439011";
export const ACTION_ID = "507f1f77bcf86cd799439015";

export const RATE_LIMIT_HEADERS = {
  "X-RateLimit-Limit-Daily": "200000",
  "X-RateLimit-Daily-Remaining": "199990",
  "X-RateLimit-Interval-Milliseconds": "10000",
  "X-RateLimit-Max": "100",
  "X-RateLimit-Remaining": "99",
};
export const RATE_LIMIT = {
  limitDaily: 200000,
  dailyRemaining: 199990,
  intervalMs: 10000,
  max: 100,
  remaining: 99,
};

/** Registers the nock lifecycle hooks for the calling test file. */
export function useNock() {
  beforeEach(() => {
    nock.disableNetConnect();
  });
  afterEach(() => {
    const done = nock.isDone();
    nock.cleanAll();
    expect(done).toBe(true);
  });
}
