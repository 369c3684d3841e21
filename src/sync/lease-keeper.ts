/**
 * Holds a location's lease while a worker syncs it: renews it every third of its time, and
 * reports it lost — through `signal` and `valid()` — when a renewal is refused, or when none
 * succeeded for the lease's whole time (the store unreachable, or this process paused: SIGSTOP, a
 * debugger, a long GC). The time is counted from when each renewal was sent, so a slow answer
 * shortens it rather than stretching it.
 */
import type { CheckpointStore, Lease } from "./checkpoint-store.js";
import { LeaseLostError } from "./errors.js";

type LeasingStore = Required<CheckpointStore>;

/** A lease is treated as lost this share of its time before the store would end it. */
const MARGIN = 0.2;

export class LeaseKeeper {
  readonly #stop = new AbortController();
  #validUntil: number;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #renewing = false;

  private constructor(
    private readonly store: LeasingStore,
    readonly lease: Lease,
    private readonly ttlMs: number,
    sentAt: number,
  ) {
    this.#validUntil = sentAt + ttlMs * (1 - MARGIN);
    this.#schedule();
  }

  /** The location's lease, or undefined when another worker holds it. */
  static async take(
    store: LeasingStore,
    locationId: string,
    ttlMs: number,
  ): Promise<LeaseKeeper | undefined> {
    const sentAt = performance.now();
    const lease = await store.lease(locationId, ttlMs);
    return lease && new LeaseKeeper(store, lease, ttlMs, sentAt);
  }

  /** Fires once the lease is lost or released. */
  get signal(): AbortSignal {
    return this.#stop.signal;
  }

  /** Still certainly held: safe to hand a log over under it. */
  valid(): boolean {
    if (!this.#stop.signal.aborted && performance.now() >= this.#validUntil) this.#lose();
    return !this.#stop.signal.aborted;
  }

  async release(): Promise<void> {
    const held = !this.#stop.signal.aborted;
    this.#end(new LeaseLostError("the lease was released"));
    if (held) await this.store.release(this.lease).catch(() => {}); // it ends by itself anyway
  }

  #schedule(): void {
    const timer = setTimeout(() => void this.#renew(), this.ttlMs / 3);
    (timer as { unref?: () => void }).unref?.();
    this.#timer = timer;
  }

  async #renew(): Promise<void> {
    if (this.#renewing || !this.valid()) return;
    this.#renewing = true;
    const sentAt = performance.now();
    try {
      if (await this.store.renew(this.lease, this.ttlMs))
        this.#validUntil = sentAt + this.ttlMs * (1 - MARGIN);
      else this.#lose();
    } catch {
      // The store did not answer: try again; valid() gives the lease up once its time is over.
    } finally {
      this.#renewing = false;
    }
    if (this.valid()) this.#schedule();
  }

  #lose(): void {
    this.#end(new LeaseLostError(`the lease of location ${this.lease.locationId} was lost`));
  }

  #end(reason: Error): void {
    clearTimeout(this.#timer);
    if (!this.#stop.signal.aborted) this.#stop.abort(reason);
  }
}
