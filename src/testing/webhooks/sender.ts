/**
 * The fake's webhook sender: signs each event once per copy, posts it to every registered URL after
 * its delay, retries a failed attempt, and records each delivery. Bounded: 16 URLs, 10,000 pending
 * deliveries, 32 attempts at once, the last 10,000 records. close() and reset() cancel every wait and
 * every attempt in flight; its timers never keep the process alive.
 */
import { ConfigurationError } from "../../errors/index.js";
import type { WebhookSigner } from "../oauth/webhooks.js";
import type { Random } from "../random.js";
import { checkDelivery, checkUrl, MAX_URLS, type DeliverySettings } from "./delivery-options.js";
import { deliver, type DeliveryRecord, type Job } from "./deliver.js";
import type { FakeWebhooks, WebhookDelivery } from "./types.js";
import { Slots } from "./waits.js";

const MAX_RECORDS = 10_000;
const MAX_PENDING = 10_000;

/** An event to send; the signer adds `timestamp` and each copy gets its own `webhookId`. */
export interface OutgoingEvent {
  type: string;
  locationId: string | undefined;
  callId: string | undefined;
  payload: Record<string, unknown>;
}

export interface WebhookSender extends FakeWebhooks {
  /** Throws when one more event could exceed the bound of pending deliveries (checked before a call is stored). */
  ensureRoom(): void;
  /** Queues the event to every URL; resolves (never rejects) with its deliveries once they settled. */
  send(event: OutgoingEvent): Promise<WebhookDelivery[]>;
  /** Cancels what is pending, forgets the records; back to the URLs and settings of the options. */
  reset(): void;
  close(): Promise<void>;
}

export interface SenderConfig {
  signer: WebhookSigner;
  /** A new seeded generator (for delays and duplicates), at the start and on each reset. */
  random: () => Random;
  initial: { urls: string[]; delivery: DeliverySettings };
}

const copy = (record: DeliveryRecord): WebhookDelivery => structuredClone(record);

export function createWebhookSender(config: SenderConfig): WebhookSender {
  let urls = [...config.initial.urls];
  let delivery = config.initial.delivery;
  let random = config.random();
  let records: DeliveryRecord[] = [];
  let seq = 0;
  let pending = 0;
  let closed = false;
  let controller = new AbortController();
  const waiters = new Set<() => void>();
  const inFlight = new Set<Promise<void>>();
  const slots = new Slots(32);

  const run = async (record: DeliveryRecord, job: Omit<Job, "slots">) => {
    try {
      await deliver(record, { ...job, slots });
    } finally {
      if (--pending === 0) for (const wake of waiters) wake();
    }
  };

  function keep(record: DeliveryRecord) {
    records.push(record);
    if (records.length > MAX_RECORDS) {
      const oldest = records.findIndex((r) => r.state !== "pending");
      records.splice(oldest < 0 ? 0 : oldest, 1);
    }
  }

  return {
    send(event) {
      if (closed || urls.length === 0) return Promise.resolve([]);
      const settings = delivery;
      const copies = settings.duplicates > 0 && random.next() < settings.duplicates ? 2 : 1;
      if (pending + copies * urls.length > MAX_PENDING)
        throw new ConfigurationError(
          `more than ${MAX_PENDING} webhook deliveries pending: await fake.webhooks.settled()`,
        );
      const signal = controller.signal;
      const mine: DeliveryRecord[] = [];
      const work: Promise<void>[] = [];
      for (let n = 0; n < copies; n++) {
        const webhookId = crypto.randomUUID();
        const signed = config.signer.sign({ ...event.payload, webhookId });
        for (const url of urls) {
          const record: DeliveryRecord = {
            seq: ++seq,
            url,
            type: event.type,
            locationId: event.locationId,
            callId: event.callId,
            webhookId,
            duplicate: n > 0,
            state: "pending",
            status: 0,
            attempts: [],
            queuedAt: Date.now(),
            settledAt: undefined,
          };
          // Drawn now, in queue order, so that a seed gives the same delays whatever the timing.
          const wait =
            settings.delayMs + (settings.outOfOrderMs > 0 ? random.next() * settings.outOfOrderMs : 0);
          pending++;
          keep(record);
          mine.push(record);
          const job = run(record, { signed, wait, settings, signal });
          inFlight.add(job);
          void job.finally(() => inFlight.delete(job));
          work.push(job);
        }
      }
      return Promise.all(work).then(() => mine.map(copy));
    },
    ensureRoom() {
      if (pending + 2 * urls.length > MAX_PENDING)
        throw new ConfigurationError(
          `more than ${MAX_PENDING} webhook deliveries pending: await fake.webhooks.settled()`,
        );
    },
    register(url) {
      const normalized = checkUrl(url, "webhooks.register(url)");
      if (urls.includes(normalized)) return;
      if (urls.length >= MAX_URLS) throw new ConfigurationError(`at most ${MAX_URLS} webhook URLs`);
      urls.push(normalized);
    },
    unregister(url) {
      const normalized = checkUrl(url, "webhooks.unregister(url)");
      urls = urls.filter((u) => u !== normalized);
    },
    get urls() {
      return [...urls];
    },
    configure(options) {
      delivery = checkDelivery(options, "webhooks.configure(delivery)");
    },
    get deliveries() {
      return records.map(copy);
    },
    settled(options = {}) {
      const timeoutMs = options?.timeoutMs ?? 30_000;
      if (!(Number.isFinite(timeoutMs) && timeoutMs >= 0 && timeoutMs <= 600_000))
        return Promise.reject(new ConfigurationError("settled: timeoutMs must be from 0 to 600000"));
      if (pending === 0) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const wake = () => {
          clearTimeout(timer);
          waiters.delete(wake);
          resolve();
        };
        const timer = setTimeout(() => {
          waiters.delete(wake);
          reject(new Error(`${pending} webhook deliveries still pending after ${timeoutMs} ms`));
        }, timeoutMs);
        timer.unref();
        waiters.add(wake);
      });
    },
    reset() {
      controller.abort();
      controller = new AbortController();
      records = [];
      seq = 0;
      urls = [...config.initial.urls];
      delivery = config.initial.delivery;
      random = config.random();
    },
    async close() {
      closed = true;
      controller.abort();
      await Promise.allSettled([...inFlight]);
    },
  };
}
