/** One delivery from queue to end: its wait, its attempts (one of 32 slots each), its retries. */
import type { SignedWebhook } from "../oauth/webhooks.js";
import type { DeliverySettings } from "./delivery-options.js";
import { post } from "./post.js";
import type { DeliveryAttempt, WebhookDelivery } from "./types.js";
import { sleep, type Slots } from "./waits.js";

/** A delivery as the sender keeps it (callers get copies). */
export type DeliveryRecord = { -readonly [K in keyof WebhookDelivery]: WebhookDelivery[K] } & {
  attempts: DeliveryAttempt[];
};

export interface Job {
  signed: Promise<SignedWebhook>;
  /** Before the first attempt, in ms. */
  wait: number;
  settings: DeliverySettings;
  /** Aborted by close() and reset(): every wait and attempt ends. */
  signal: AbortSignal;
  slots: Slots;
}

const settle = (record: DeliveryRecord, state: DeliveryRecord["state"]) => {
  record.state = state;
  record.settledAt = Date.now();
};

/** Never rejects: the outcome is in the record. */
export async function deliver(record: DeliveryRecord, job: Job): Promise<void> {
  const { settings, signal, slots } = job;
  try {
    const { body, headers } = await job.signed;
    if (!(await sleep(job.wait, signal))) return settle(record, "cancelled");
    for (let attempt = 0; ; attempt++) {
      if (!(await slots.acquire(signal))) return settle(record, "cancelled");
      const result = await post(record.url, body, headers, settings.timeoutMs, signal).finally(() =>
        slots.release(),
      );
      record.attempts.push(result);
      record.status = result.status;
      if (signal.aborted) return settle(record, "cancelled");
      if (result.status >= 200 && result.status < 300) return settle(record, "delivered");
      if (attempt >= settings.retries) return settle(record, "failed");
      if (!(await sleep(settings.retryDelayMs, signal))) return settle(record, "cancelled");
    }
  } catch {
    settle(record, "failed");
  }
}
