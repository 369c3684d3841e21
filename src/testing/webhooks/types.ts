/** The shapes of the fake's webhook sending: options, the record of each delivery, the control surface. */

/** How the fake delivers webhooks, for tests of a receiver. Every value is bounded. */
export interface WebhookDeliveryOptions {
  /** Attempts after a failed one (an answer other than 2xx, no answer, a timeout); default 2, at most 10. */
  retries?: number;
  /** Wait before each retry, in ms; default 50, at most 60000. */
  retryDelayMs?: number;
  /** Wait before the first attempt, in ms; default 0, at most 60000. */
  delayMs?: number;
  /**
   * Each delivery also waits a random 0 to `outOfOrderMs` ms (seeded) before its first attempt, so
   * a later event may arrive first; default 0 (in order), at most 60000.
   */
  outOfOrderMs?: number;
  /** The share of events (0 to 1, seeded) sent twice: a second delivery, with its own `webhookId`; default 0. */
  duplicates?: number;
  /** How long an attempt waits for the receiver's answer, in ms; default 5000, at most 60000. */
  timeoutMs?: number;
}

export interface FakeWebhookOptions {
  /** The receivers' URLs (http or https), at most 16; more with `fake.webhooks.register`. */
  urls?: readonly string[];
  delivery?: WebhookDeliveryOptions;
}

/** One try to deliver, as the receiver answered it. */
export interface DeliveryAttempt {
  /** The HTTP status; 0 when there was no answer (refused, reset, timeout). */
  status: number;
  /** Why there was no answer (`timeout`, `ECONNREFUSED`, ...), when there was none. */
  error?: string;
  /** The receiver's answer, its first 200 characters. */
  body: string;
  /** When the attempt started (epoch ms, real time) and how long it took. */
  startedAt: number;
  ms: number;
}

/** One event to one URL, with every attempt. */
export interface WebhookDelivery {
  /** 1, 2, ...: the order in which the fake queued its deliveries. */
  readonly seq: number;
  readonly url: string;
  /** The event's type: `VoiceAiCallEnd`, `UNINSTALL`. */
  readonly type: string;
  readonly locationId: string | undefined;
  /** The call's id, for a `VoiceAiCallEnd`. */
  readonly callId: string | undefined;
  readonly webhookId: string;
  /** The second copy of an event (see `duplicates`). */
  readonly duplicate: boolean;
  /** `delivered` once a 2xx came back, `failed` when the retries ran out, `cancelled` by close() or reset(). */
  readonly state: "pending" | "delivered" | "failed" | "cancelled";
  /** The last attempt's status (0: none yet, or no answer). */
  readonly status: number;
  readonly attempts: readonly DeliveryAttempt[];
  /** When it was queued and when it settled (epoch ms, real time). */
  readonly queuedAt: number;
  readonly settledAt: number | undefined;
}

/** `fake.webhooks`: where the fake sends its webhooks, how, and what happened to each. */
export interface FakeWebhooks {
  /** Adds a receiver (http or https URL). */
  register(url: string): void;
  unregister(url: string): void;
  readonly urls: readonly string[];
  /** Replaces the delivery settings for the deliveries queued from now on. */
  configure(delivery: WebhookDeliveryOptions): void;
  /** Every delivery, oldest first (the last 10,000). */
  readonly deliveries: readonly WebhookDelivery[];
  /** Resolves once no delivery is pending; rejects after `timeoutMs` (default 30000). */
  settled(options?: { timeoutMs?: number }): Promise<void>;
}
