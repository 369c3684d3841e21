/**
 * Counts what a run did and turns it into CallLogProgress reports: per location its state, the
 * server's totals (for the expected count and the ETA), and the rate-limit wait of its requests.
 * The wait is modelled on the client's limiter, which lets a location's request go `intervalMs`
 * after the response of the request `max` before it (the limits its X-RateLimit-* headers gave).
 */
import type { RateLimitInfo } from "../rate-limit/headers.js";
import type { CallLogProgress, LocationFailure } from "./types.js";

interface Location {
  total: number;
  processed: number;
  /** When its latest responses arrived (performance.now()), oldest first. */
  responses: number[];
}

/** The rate is measured over this much recent time. */
const RATE_SPAN_MS = 5_000;

export class Progress {
  readonly #started = performance.now();
  readonly #locations = new Map<string, Location>();
  readonly #samples: { at: number; processed: number }[] = [];
  readonly #failures: LocationFailure[] = [];
  #state: CallLogProgress["state"] = "running";
  #done = 0;
  #active = 0;
  #waiting = 0;
  #calls = 0;
  #skipped = 0;
  #requests = 0;
  #waitMs = 0;

  constructor(
    readonly total: number,
    private readonly hook: ((progress: CallLogProgress) => void) | undefined,
  ) {}

  #location(id: string): Location {
    let found = this.#locations.get(id);
    if (!found) this.#locations.set(id, (found = { total: 0, processed: 0, responses: [] }));
    return found;
  }

  /** A list request sent at `sentAt` was answered now, with the location's limits as last reported. */
  request(locationId: string, sentAt: number, total: number, limits: RateLimitInfo | undefined): void {
    const now = performance.now();
    const location = this.#location(locationId);
    this.#requests++;
    location.total = Math.max(location.total, total);
    const { responses } = location;
    const max = limits?.max ?? Infinity;
    const window = limits?.intervalMs ?? 0;
    if (responses.length >= max) {
      const free = responses[responses.length - max]! + window;
      this.#waitMs += Math.min(Math.max(0, free - sentAt), now - sentAt);
    }
    responses.push(now);
    if (responses.length > Math.min(max, 1000)) responses.splice(0, responses.length - Math.min(max, 1000));
  }

  handed(locationId: string, delivered: number, skipped: number): void {
    this.#calls += delivered;
    this.#skipped += skipped;
    this.#location(locationId).processed += delivered + skipped;
  }

  started = () => void (this.#active++, this.emit());
  waiting = (delta: 1 | -1) => void ((this.#waiting += delta), this.emit());
  finished = () => void (this.#active--, this.#done++, this.emit());
  /** A location given back without finishing (the run stopped, or its lease passed to another). */
  left = () => void (this.#active--, this.emit());
  failed(failure: LocationFailure): void {
    this.#active--;
    this.#failures.push(failure);
    this.emit();
  }

  end(state: "done" | "aborted"): void {
    this.#state = state;
    this.emit();
  }

  snapshot(): CallLogProgress {
    const now = performance.now();
    const processed = this.#calls + this.#skipped;
    if (!this.#samples.length || now - this.#samples.at(-1)!.at > 100)
      this.#samples.push({ at: now, processed });
    while (this.#samples.length > 2 && this.#samples[1]!.at < now - RATE_SPAN_MS) this.#samples.shift();
    const first = this.#samples[0]!;
    const span = (now - first.at) / 1000;
    const rate = span > 0.2 ? (processed - first.processed) / span : 0;
    let expected = 0;
    for (const l of this.#locations.values()) expected += Math.max(l.total, l.processed);
    const read = this.#locations.size;
    // Locations not read yet are expected to hold as many logs as the average one read so far.
    const expectedCalls = read ? Math.round(expected + (expected / read) * (this.total - read)) : undefined;
    const left = expectedCalls === undefined ? undefined : Math.max(0, expectedCalls - processed);
    return {
      state: this.#state,
      locations: {
        total: this.total,
        done: this.#done,
        active: this.#active,
        failed: this.#failures.length,
        waiting: this.#waiting,
      },
      calls: this.#calls,
      skipped: this.#skipped,
      requests: this.#requests,
      elapsedMs: Math.round(now - this.#started),
      callsPerSecond: Math.round(rate * 10) / 10,
      rateLimitWaitMs: Math.round(this.#waitMs),
      expectedCalls,
      etaMs:
        left === undefined
          ? undefined
          : left === 0
            ? 0
            : rate > 0
              ? Math.round((left / rate) * 1000)
              : undefined,
      failures: [...this.#failures],
    };
  }

  emit(): void {
    if (!this.hook) return;
    try {
      this.hook(this.snapshot());
    } catch {
      // a display that fails must not stop the run
    }
  }
}
