import { getEventListeners } from "node:events";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DailyQuotaSpent, type RateLimiterOptions } from "../src/rate-limit/contract.js";
import { createRateLimiter } from "../src/rate-limit/limiter.js";
import { parseRateLimitHeaders } from "../src/rate-limit/headers.js";

describe("parseRateLimitHeaders", () => {
  it("reads all five headers, case-insensitively", () => {
    const headers = new Headers({
      "X-RateLimit-Limit-Daily": "200000",
      "X-RateLimit-Daily-Remaining": "199990",
      "X-RateLimit-Interval-Milliseconds": "10000",
      "X-RateLimit-Max": "100",
      "x-ratelimit-remaining": "0",
    });
    expect(parseRateLimitHeaders(headers)).toEqual({
      limitDaily: 200_000,
      dailyRemaining: 199_990,
      intervalMs: 10_000,
      max: 100,
      remaining: 0,
    });
  });

  it("returns undefined when none is present, and skips garbage", () => {
    expect(parseRateLimitHeaders(new Headers({ "content-type": "application/json" }))).toBeUndefined();
    expect(
      parseRateLimitHeaders(new Headers({ "x-ratelimit-max": "lots", "x-ratelimit-remaining": "-1" })),
    ).toBeUndefined();
    expect(
      parseRateLimitHeaders(new Headers({ "x-ratelimit-max": "", "x-ratelimit-remaining": "7" })),
    ).toEqual({
      remaining: 7,
    });
  });
});

/** Seeded PRNG, so that a failure can be replayed. */
function mulberry32(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("createRateLimiter", () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  /** A limiter on the fake clock that counts its timers. */
  function setup(options: RateLimiterOptions = {}) {
    const timers = { live: 0, maxLive: 0, created: 0 };
    const limiter = createRateLimiter({
      now: () => Date.now(),
      setTimer: (fn, ms) => {
        timers.created++;
        timers.maxLive = Math.max(timers.maxLive, ++timers.live);
        return setTimeout(() => {
          timers.live--;
          fn();
        }, ms);
      },
      clearTimer: (timer) => {
        timers.live--;
        clearTimeout(timer as ReturnType<typeof setTimeout>);
      },
      ...options,
    });
    const sends: { id: number; key: string; at: number; release: () => void }[] = [];
    const acquire = (key: string, id: number, signal?: AbortSignal) =>
      limiter.acquire(key, signal).then((release) => {
        sends.push({ id, key, at: Date.now(), release });
        return release;
      });
    return { limiter, timers, sends, acquire };
  }

  /** No span of `interval` ms holds more than `max` of the send times. */
  function expectWithinLimit(times: number[], max: number, interval: number) {
    const sorted = [...times].sort((a, b) => a - b);
    for (let i = 0; i + max < sorted.length; i++) {
      expect(sorted[i + max]! - sorted[i]!, `sends ${i} and ${i + max}`).toBeGreaterThanOrEqual(interval);
    }
  }

  it("never lets more than max sends into any interval under a burst of 250, in FIFO order", async () => {
    const { timers, sends, acquire } = setup();
    for (let i = 0; i < 250; i++) void acquire("loc", i);
    await vi.advanceTimersByTimeAsync(0);
    expect(sends).toHaveLength(100);
    await vi.runAllTimersAsync();
    expect(sends).toHaveLength(250);
    expect(sends.map((s) => s.id)).toEqual([...Array(250).keys()]);
    expectWithinLimit(
      sends.map((s) => s.at),
      100,
      10_000,
    );
    // Each batch goes as soon as the window allows, not later.
    expect(sends[99]!.at).toBe(0);
    expect(sends[100]!.at).toBe(10_000);
    expect(sends[199]!.at).toBe(10_000);
    expect(sends[200]!.at).toBe(20_000);
    expect(timers.maxLive).toBe(1);
    expect(timers.created).toBe(2);
    expect(timers.live).toBe(0);
  });

  it("sends every request at the earliest instant the sliding window allows", async () => {
    const max = 10;
    const interval = 1000;
    const { timers, sends, acquire } = setup({ maxPerInterval: max, intervalMs: interval });
    const random = mulberry32(42);
    const arrivals: number[] = [];
    for (let i = 0, t = 0; i < 300; i++, t += Math.floor(random() * 250)) arrivals.push(t);
    arrivals.forEach((t, i) => setTimeout(() => void acquire("loc", i), t));
    await vi.runAllTimersAsync();

    expect(sends.map((s) => s.id)).toEqual([...arrivals.keys()]);
    const expected: number[] = [];
    arrivals.forEach((arrival, i) => {
      expected.push(Math.max(arrival, expected[i - 1] ?? 0, i >= max ? expected[i - max]! + interval : 0));
    });
    expect(sends.map((s) => s.at)).toEqual(expected);
    expectWithinLimit(
      sends.map((s) => s.at),
      max,
      interval,
    );
    expect(timers.maxLive).toBe(1);
  });

  it("takes the fast path without timers while quota is left", async () => {
    const { timers, sends, acquire } = setup({ maxPerInterval: 5 });
    for (let i = 0; i < 5; i++) void acquire("loc", i);
    await vi.advanceTimersByTimeAsync(0);
    expect(sends).toHaveLength(5);
    expect(timers.created).toBe(0);
  });

  it("keeps keys independent", async () => {
    const { sends, acquire } = setup({ maxPerInterval: 1, intervalMs: 1000 });
    void acquire("a", 1);
    void acquire("a", 2);
    void acquire("b", 3);
    void acquire("b", 4);
    void acquire("c", 5);
    await vi.advanceTimersByTimeAsync(0);
    expect(sends.map((s) => s.id)).toEqual([1, 3, 5]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(sends.map((s) => [s.id, s.at])).toEqual([
      [1, 0],
      [3, 0],
      [5, 0],
      [2, 1000],
      [4, 1000],
    ]);
  });

  it("trusts a lower remaining from the server until the window ends", async () => {
    const { limiter, sends, acquire } = setup({ maxPerInterval: 10, intervalMs: 1000 });
    void acquire("loc", 0);
    void acquire("loc", 1);
    await vi.advanceTimersByTimeAsync(100);
    // Another process used most of the quota: the server has 3 left where we think 8.
    limiter.observe("loc", { remaining: 3, max: 10, intervalMs: 1000 });
    for (let i = 2; i < 8; i++) void acquire("loc", i);
    await vi.advanceTimersByTimeAsync(0);
    expect(sends).toHaveLength(5);
    // A stale answer saying more is left changes nothing while the server's count is trusted.
    limiter.observe("loc", { remaining: 2 });
    await vi.advanceTimersByTimeAsync(999);
    expect(sends).toHaveLength(5);
    await vi.advanceTimersByTimeAsync(1);
    expect(sends.slice(5).map((s) => s.at)).toEqual([1100, 1100, 1100]);
  });

  it("does not take a count that still includes its own expired sends as someone else's use", async () => {
    const { limiter, sends, acquire } = setup({ maxPerInterval: 2, intervalMs: 100 });
    // A at t=0 (answered at once), B at t=50 (answered at once).
    const a = await acquire("loc", 0);
    a();
    await vi.advanceTimersByTimeAsync(50);
    const b = await acquire("loc", 1);
    b();
    // C goes at t=100, when A has left the window; the server counts B and C: nothing left.
    await vi.advanceTimersByTimeAsync(50);
    const c = await acquire("loc", 2);
    // C's answer is slow: by t=160 B has left our window, but the count was taken before.
    await vi.advanceTimersByTimeAsync(60);
    c();
    limiter.observe("loc", { remaining: 0 });
    // Our own sends explain the 0: the next request goes at once, not a window later.
    void acquire("loc", 3);
    await vi.advanceTimersByTimeAsync(0);
    expect(sends.map((s) => s.at)).toEqual([0, 50, 100, 160]);
  });

  it("ignores a remaining that is not lower than its own count", async () => {
    const { limiter, sends, acquire } = setup({ maxPerInterval: 4, intervalMs: 1000 });
    void acquire("loc", 0);
    limiter.observe("loc", { remaining: 3 });
    limiter.observe("loc", { remaining: 50 });
    for (let i = 1; i < 6; i++) void acquire("loc", i);
    await vi.advanceTimersByTimeAsync(0);
    expect(sends).toHaveLength(4);
  });

  it("learns quota and window length from the server", async () => {
    const { limiter, sends, acquire } = setup();
    limiter.observe("other", { max: 3, intervalMs: 500 });
    for (let i = 0; i < 7; i++) void acquire("loc", i);
    await vi.runAllTimersAsync();
    expect(sends.map((s) => s.at)).toEqual([0, 0, 0, 500, 500, 500, 1000]);
  });

  it("keeps configured limits as ceilings: headers may lower them, never raise them", async () => {
    const { limiter, sends, acquire } = setup({ maxPerInterval: 2, intervalMs: 1000, maxPerDay: 5 });
    // The server allows far more (another process's share, say): this one keeps its own share.
    limiter.observe("loc", { max: 100, intervalMs: 500, limitDaily: 200_000 });
    for (let i = 0; i < 6; i++) void acquire("loc", i);
    await vi.advanceTimersByTimeAsync(2000);
    expect(sends.map((s) => s.at)).toEqual([0, 0, 1000, 1000, 2000]);
    // A lower server max does lower it.
    limiter.observe("other", { max: 1 });
    for (let i = 10; i < 12; i++) void acquire("other", i);
    await vi.advanceTimersByTimeAsync(1000);
    expect(sends.filter((s) => s.key === "other").map((s) => s.at)).toEqual([2000, 3000]);
  });

  it("applies a smaller learned quota to the sends already in the window", async () => {
    const { limiter, timers, sends, acquire } = setup({ maxPerInterval: 10, intervalMs: 1000 });
    for (let i = 0; i < 4; i++) void acquire("loc", i);
    await vi.advanceTimersByTimeAsync(500);
    for (let i = 4; i < 8; i++) void acquire("loc", i);
    limiter.observe("loc", { max: 3 });
    void acquire("loc", 8);
    await vi.runAllTimersAsync();
    // Fewer than 3 sends in the last second only once the four sent at 500 have left it.
    expect(sends.map((s) => s.at)).toEqual([0, 0, 0, 0, 500, 500, 500, 500, 1500]);
    // One timer, due exactly then.
    expect(timers.created).toBe(1);
  });

  it("learns the daily limit", async () => {
    const { limiter, sends, acquire } = setup();
    limiter.observe("x", { limitDaily: 2 });
    for (let i = 0; i < 3; i++) void acquire("loc", i);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(sends).toHaveLength(2);
  });

  it("serves a request arriving when a waiter is due after that waiter", async () => {
    const { sends, acquire } = setup({ maxPerInterval: 1, intervalMs: 1000 });
    // This timer is due together with the limiter's and, made first, fires first.
    setTimeout(() => void acquire("loc", 2), 1000);
    void acquire("loc", 0);
    void acquire("loc", 1);
    await vi.runAllTimersAsync();
    expect(sends.map((s) => [s.id, s.at])).toEqual([
      [0, 0],
      [1, 1000],
      [2, 2000],
    ]);
  });

  it("ignores nonsense quota values", async () => {
    const { limiter, sends, acquire } = setup({ maxPerInterval: 2, intervalMs: 1000 });
    limiter.observe("loc", { max: 0, intervalMs: 0, limitDaily: 0 });
    for (let i = 0; i < 3; i++) void acquire("loc", i);
    await vi.runAllTimersAsync();
    expect(sends.map((s) => s.at)).toEqual([0, 0, 1000]);
  });

  it("holds back a key whose daily quota is used up, until its day is over", async () => {
    const day = 86_400_000;
    const { limiter, sends, acquire } = setup({ maxPerInterval: 100, intervalMs: 1000, maxPerDay: 3 });
    for (let i = 0; i < 4; i++) void acquire("a", i);
    await vi.advanceTimersByTimeAsync(1000);
    expect(sends).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(day - 1001);
    expect(sends).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(1);
    expect(sends.map((s) => s.at)).toEqual([0, 0, 0, day]);

    // The server's spent daily quota is trusted too; with no reset time, one request probes
    // for it a minute later (not a guessed day), and only its answer lets the rest go.
    void acquire("b", 10);
    await vi.advanceTimersByTimeAsync(0);
    limiter.observe("b", { dailyRemaining: 0 });
    void acquire("b", 11);
    void acquire("b", 12);
    await vi.advanceTimersByTimeAsync(59_999);
    const b = () => sends.filter((s) => s.key === "b").map((s) => s.id);
    expect(b()).toEqual([10]);
    await vi.advanceTimersByTimeAsync(1);
    expect(b()).toEqual([10, 11]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(b()).toEqual([10, 11]);
    limiter.observe("b", { dailyRemaining: 500 });
    await vi.advanceTimersByTimeAsync(0);
    expect(b()).toEqual([10, 11, 12]);
  });

  it("waits for X-RateLimit-Daily-Reset (ms) when the server says when the day comes back", async () => {
    const { limiter, sends, acquire } = setup();
    void acquire("c", 1);
    await vi.advanceTimersByTimeAsync(0);
    limiter.observe("c", { dailyRemaining: 0, dailyResetMs: 5000 });
    void acquire("c", 2);
    await vi.advanceTimersByTimeAsync(4999);
    expect(sends.map((s) => s.id)).toEqual([1]);
    await vi.advanceTimersByTimeAsync(1);
    expect(sends.map((s) => s.id)).toEqual([1, 2]);
  });

  it("refuses, queued or new, what would wait longer than maxDailyWaitMs for a spent day", async () => {
    const day = 86_400_000;
    const { limiter, sends, acquire, timers } = setup({
      maxPerInterval: 2,
      intervalMs: 1000,
      maxPerDay: 3,
      maxDailyWaitMs: 60_000,
    });
    const controller = new AbortController();
    const outcomes = Array.from({ length: 5 }, (_, i) =>
      acquire("a", i, i === 4 ? controller.signal : undefined).then(
        () => "sent",
        (reason: unknown) => reason,
      ),
    );
    await vi.advanceTimersByTimeAsync(0);
    // Two go now; the rest wait for the window, which the third send then empties of day quota.
    expect(sends.map((s) => s.id)).toEqual([0, 1]);
    await vi.advanceTimersByTimeAsync(1000);
    const results = await Promise.all(outcomes);
    expect(results.slice(0, 3)).toEqual(["sent", "sent", "sent"]);
    for (const refused of results.slice(3)) {
      expect(refused).toBeInstanceOf(DailyQuotaSpent);
      expect((refused as DailyQuotaSpent).waitMs).toBe(day - 1000);
    }
    expect(timers.live).toBe(0);
    // The refused waiter's signal is no longer listened to.
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);

    // A new request is refused at once, without being queued.
    await expect(limiter.acquire("a")).rejects.toEqual(new DailyQuotaSpent(day - 1000));
    expect(limiter.tryAcquire("a")).toBeUndefined();
    // Another key is not affected.
    await acquire("b", 10);

    // Within maxDailyWaitMs of the day's end, a request waits for it instead.
    await vi.advanceTimersByTimeAsync(day - 1000 - 60_000);
    const late = acquire("a", 11);
    await vi.advanceTimersByTimeAsync(59_999);
    expect(sends.map((s) => s.id)).toEqual([0, 1, 2, 10]);
    await vi.advanceTimersByTimeAsync(1);
    await late;
    expect(sends.at(-1)).toMatchObject({ id: 11, at: day });
  });

  it("refuses the queue when the server reports the day's quota spent", async () => {
    const { limiter, sends, acquire } = setup({ maxPerInterval: 1, intervalMs: 1000, maxDailyWaitMs: 0 });
    void acquire("a", 0);
    const queued = [acquire("a", 1), acquire("a", 2)].map((p) => p.catch((reason: unknown) => reason));
    await vi.advanceTimersByTimeAsync(0);
    limiter.observe("a", { dailyRemaining: 0 });
    for (const reason of await Promise.all(queued)) expect(reason).toBeInstanceOf(DailyQuotaSpent);
    await vi.advanceTimersByTimeAsync(5000);
    expect(sends.map((s) => s.id)).toEqual([0]);
  });

  it("blocks a penalized key, and only that key", async () => {
    const { limiter, sends, acquire } = setup();
    void acquire("a", 0);
    await vi.advanceTimersByTimeAsync(0);
    limiter.penalize("a", 5000);
    void acquire("a", 1);
    void acquire("a", 2);
    void acquire("b", 3);
    await vi.advanceTimersByTimeAsync(2000);
    // A shorter penalty does not shorten the block; a longer one extends it.
    limiter.penalize("a", 1);
    await vi.advanceTimersByTimeAsync(2999);
    expect(sends.map((s) => s.id)).toEqual([0, 3]);
    await vi.advanceTimersByTimeAsync(1);
    expect(sends.map((s) => [s.id, s.at])).toEqual([
      [0, 0],
      [3, 0],
      [1, 5000],
      [2, 5000],
    ]);
    limiter.penalize("a", 2000);
    void acquire("a", 4);
    await vi.advanceTimersByTimeAsync(1999);
    expect(sends).toHaveLength(4);
    await vi.advanceTimersByTimeAsync(1);
    expect(sends[4]).toMatchObject({ id: 4, at: 7000 });
  });

  it("rejects a waiter whose signal aborts, without leaking its slot or timer", async () => {
    const { limiter, timers, sends, acquire } = setup({ maxPerInterval: 1, intervalMs: 1000 });
    void acquire("loc", 0);
    const controller = new AbortController();
    const aborted = acquire("loc", 1, controller.signal);
    void acquire("loc", 2);
    await vi.advanceTimersByTimeAsync(500);
    const reason = new Error("caller gave up");
    controller.abort(reason);
    await expect(aborted).rejects.toBe(reason);
    // The next waiter gets the slot the aborted one would have had.
    await vi.advanceTimersByTimeAsync(500);
    expect(sends.map((s) => [s.id, s.at])).toEqual([
      [0, 0],
      [2, 1000],
    ]);

    // A lone waiter that aborts leaves no timer behind, and a later acquire is not delayed by it.
    const lone = new AbortController();
    const gone = acquire("loc", 3, lone.signal);
    expect(timers.live).toBe(1);
    lone.abort();
    await expect(gone).rejects.toMatchObject({ name: "AbortError" });
    expect(timers.live).toBe(0);
    await vi.advanceTimersByTimeAsync(1000);
    expect(sends).toHaveLength(2);
    void acquire("loc", 4);
    await vi.advanceTimersByTimeAsync(0);
    expect(sends.map((s) => s.id)).toEqual([0, 2, 4]);
    expect(limiter.size).toBe(1);
  });

  it("rejects at once when the signal is already aborted, taking no slot", async () => {
    const { sends, acquire } = setup({ maxPerInterval: 1 });
    const reason = new Error("already");
    await expect(acquire("loc", 0, AbortSignal.abort(reason))).rejects.toBe(reason);
    void acquire("loc", 1);
    await vi.advanceTimersByTimeAsync(0);
    expect(sends.map((s) => s.id)).toEqual([1]);
  });

  it("respects maxConcurrency; a release frees one slot, once", async () => {
    const { sends, acquire } = setup({ maxConcurrency: 2 });
    for (let i = 0; i < 5; i++) void acquire("loc", i);
    await vi.advanceTimersByTimeAsync(0);
    expect(sends.map((s) => s.id)).toEqual([0, 1]);
    sends[0]!.release();
    sends[0]!.release();
    await vi.advanceTimersByTimeAsync(0);
    expect(sends.map((s) => s.id)).toEqual([0, 1, 2]);
    sends[1]!.release();
    sends[2]!.release();
    await vi.advanceTimersByTimeAsync(0);
    expect(sends.map((s) => s.id)).toEqual([0, 1, 2, 3, 4]);
  });

  it("applies window and concurrency together", async () => {
    const { sends, acquire } = setup({ maxConcurrency: 1, maxPerInterval: 2, intervalMs: 1000 });
    for (let i = 0; i < 4; i++) void acquire("loc", i);
    await vi.advanceTimersByTimeAsync(0);
    sends[0]!.release();
    await vi.advanceTimersByTimeAsync(0);
    sends[1]!.release();
    await vi.advanceTimersByTimeAsync(0);
    // Concurrency is free, but the window is full until 1000.
    expect(sends).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1000);
    expect(sends.map((s) => s.at)).toEqual([0, 0, 1000]);
    sends[2]!.release();
    await vi.advanceTimersByTimeAsync(0);
    expect(sends.map((s) => s.at)).toEqual([0, 0, 1000, 1000]);
  });

  it("drops the state of idle keys", async () => {
    const { limiter, acquire } = setup({ intervalMs: 100 });
    let largest = 0;
    for (let i = 0; i < 10_000; i++) {
      void acquire(`loc-${i}`, i);
      vi.advanceTimersByTime(1);
      largest = Math.max(largest, limiter.size);
    }
    // About 100 keys are live at any moment; without collection there would be 10 000.
    expect(largest).toBeLessThanOrEqual(2 * 100 + 64);

    // A request whose response comes after its window emptied counts again from the response
    // (the server counted it on arrival, which is no later): its key is kept for that window.
    const { limiter: single, sends, acquire: acquireOne } = setup({ maxConcurrency: 1, intervalMs: 100 });
    void acquireOne("loc", 0);
    await vi.advanceTimersByTimeAsync(200);
    expect(single.size).toBe(1);
    sends[0]!.release();
    expect(single.size).toBe(1);
  });
});
