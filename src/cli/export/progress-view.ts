/**
 * An export's or sync's progress on stderr: on a terminal, one status line redrawn in place (at
 * most ten times a second); otherwise a plain line at the first page and then every few seconds;
 * with --json, the same as JSON objects. Fed by the library's onProgress reports.
 */
import type { CallLogProgress } from "../../sync/index.js";
import type { Output } from "../output.js";

const LIVE_EVERY_MS = 100;
const PLAIN_EVERY_MS = 5_000;

export function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${String(s % 60).padStart(2, "0")}s`;
  return `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, "0")}m`;
}

const int = (n: number) => n.toLocaleString("en-US");

/** `locations 3/50 (4 active, 1 failed) · calls 12,345 · 812/s · rate-limit wait 0.4 s/request · ETA 1m 20s` */
export function describeProgress(p: CallLogProgress): string {
  const { locations: l } = p;
  const states = [
    l.active ? `${l.active} active` : "",
    l.waiting ? `${l.waiting} held by other workers` : "",
    l.failed ? `${l.failed} failed` : "",
  ].filter(Boolean);
  const wait = p.requests ? p.rateLimitWaitMs / p.requests / 1000 : 0;
  return [
    `locations ${l.done}/${l.total}${states.length ? ` (${states.join(", ")})` : ""}`,
    `calls ${int(p.calls)}${p.expectedCalls !== undefined ? ` of ~${int(p.expectedCalls)}` : ""}`,
    `${p.callsPerSecond}/s`,
    `rate-limit wait ${wait.toFixed(1)} s/request`,
    p.etaMs === undefined ? "ETA …" : `ETA ${duration(p.etaMs)}`,
  ].join(" · ");
}

/** The fields of a progress report as a JSON event (failures by location and reason). */
export function progressEvent(p: CallLogProgress): Record<string, unknown> {
  const { failures, ...rest } = p;
  return { ...rest, failures: failures.map((f) => ({ locationId: f.locationId, reason: f.reason })) };
}

export class ProgressView {
  #last = -Infinity;
  #latest: CallLogProgress | undefined;

  constructor(
    private readonly out: Output,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  get latest(): CallLogProgress | undefined {
    return this.#latest;
  }

  update = (p: CallLogProgress): void => {
    const first = this.#latest === undefined;
    this.#latest = p;
    const now = this.clock();
    const every = this.out.live ? LIVE_EVERY_MS : PLAIN_EVERY_MS;
    if (!first && now - this.#last < every && p.state === "running") return;
    this.#last = now;
    this.out.progress(
      this.out.live ? describeProgress(p) : `progress: ${describeProgress(p)}`,
      progressEvent(p),
    );
  };
}
