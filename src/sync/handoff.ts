/**
 * Where the location runners meet one consumer: a runner offers a log and waits until the consumer
 * has taken it and asked for the next one (that is its acknowledgement); the consumer pulls. So
 * nothing piles up — at most one log per runner waits — and a slow consumer slows the runners.
 */

interface Offer<T> {
  value: T;
  settle: (acked: boolean) => void;
}

export class Handoff<T> {
  #offers: Offer<T>[] = [];
  /** The log the consumer holds: acknowledged by its next pull. */
  #held: Offer<T> | undefined;
  #puller: ((offer: Offer<T> | undefined) => void) | undefined;
  #closed = false;

  /**
   * Resolves true once the consumer acknowledged `value`; false if `signal` fired while it still
   * waited to be taken (it is withdrawn), or the handoff closed first. A log the consumer took is
   * waited for: it may still be acknowledged.
   */
  offer(value: T, signal: AbortSignal): Promise<boolean> {
    if (this.#closed || signal.aborted) return Promise.resolve(false);
    return new Promise<boolean>((resolve) => {
      if (this.#puller) {
        // Taken at once (the common case with a consumer that keeps up): nothing to withdraw.
        const take = this.#puller;
        this.#puller = undefined;
        return take({ value, settle: resolve });
      }
      const withdraw = () => {
        const at = this.#offers.indexOf(offer);
        if (at >= 0) (this.#offers.splice(at, 1), resolve(false));
      };
      const offer: Offer<T> = {
        value,
        settle: (acked) => (signal.removeEventListener("abort", withdraw), resolve(acked)),
      };
      signal.addEventListener("abort", withdraw, { once: true });
      this.#offers.push(offer);
    });
  }

  /** Acknowledges what the consumer held, then waits for the next offer (undefined once closed). */
  async pull(): Promise<T | undefined> {
    this.ack();
    if (this.#closed) return undefined;
    const next =
      this.#offers.shift() ?? (await new Promise<Offer<T> | undefined>((take) => (this.#puller = take)));
    this.#held = next;
    return next?.value;
  }

  /** The consumer is done with what it holds (`acked` false: it gave it up unfinished). */
  ack(acked = true): void {
    this.#held?.settle(acked);
    this.#held = undefined;
  }

  /** No more offers: the waiting ones (and what the consumer holds, unacknowledged) settle false. */
  close(): void {
    this.#closed = true;
    for (const offer of this.#offers.splice(0)) offer.settle(false);
    this.#held?.settle(false);
    this.#held = undefined;
    const take = this.#puller;
    this.#puller = undefined;
    take?.(undefined);
  }
}
