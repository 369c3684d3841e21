/** Checks of the webhook options: each a ConfigurationError naming the option, before anything is sent. */
import { ConfigurationError } from "../../errors/index.js";
import type { FakeWebhookOptions, WebhookDeliveryOptions } from "./types.js";

export type DeliverySettings = Required<WebhookDeliveryOptions>;

export const MAX_URLS = 16;
const LIMITS: Record<keyof DeliverySettings, [fallback: number, max: number, integer: boolean]> = {
  retries: [2, 10, true],
  retryDelayMs: [50, 60_000, false],
  delayMs: [0, 60_000, false],
  outOfOrderMs: [0, 60_000, false],
  duplicates: [0, 1, false],
  timeoutMs: [5_000, 60_000, false],
};

const isPlain = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

export function checkDelivery(options: WebhookDeliveryOptions | undefined, where: string): DeliverySettings {
  if (options !== undefined && !isPlain(options)) throw new ConfigurationError(`${where} must be an object`);
  const given: Record<string, unknown> = options ?? {};
  for (const key of Object.keys(given))
    if (!Object.hasOwn(LIMITS, key)) throw new ConfigurationError(`${where}.${key} is not an option`);
  const out = {} as DeliverySettings;
  for (const [name, [fallback, max, integer]] of Object.entries(LIMITS)) {
    const value = given[name] ?? fallback;
    const ok =
      typeof value === "number" &&
      Number.isFinite(value) &&
      value >= 0 &&
      value <= max &&
      (!integer || Number.isInteger(value));
    if (!ok)
      throw new ConfigurationError(
        `${where}.${name} must be ${integer ? "an integer" : "a number"} from 0 to ${max}`,
      );
    out[name as keyof DeliverySettings] = value as number;
  }
  return out;
}

/** A receiver's URL: http or https, no credentials, no fragment; returned normalized. */
export function checkUrl(url: unknown, where: string): string {
  let parsed: URL | undefined;
  try {
    parsed = typeof url === "string" && url.length <= 2048 ? new URL(url) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!parsed || (parsed.protocol !== "http:" && parsed.protocol !== "https:"))
    throw new ConfigurationError(`${where} must be an http or https URL`);
  if (parsed.username || parsed.password) throw new ConfigurationError(`${where} must not carry credentials`);
  if (parsed.hash) throw new ConfigurationError(`${where} must not have a #fragment`);
  return parsed.href;
}

export function checkWebhookOptions(options: FakeWebhookOptions | undefined) {
  if (options !== undefined && !isPlain(options)) throw new ConfigurationError("webhooks must be an object");
  const given: Record<string, unknown> = options ?? {};
  for (const key of Object.keys(given))
    if (key !== "urls" && key !== "delivery")
      throw new ConfigurationError(`webhooks.${key} is not an option`);
  const urls = given.urls ?? [];
  if (!Array.isArray(urls) || urls.length > MAX_URLS)
    throw new ConfigurationError(`webhooks.urls must be a list of at most ${MAX_URLS} URLs`);
  return {
    urls: [...new Set(urls.map((url, i) => checkUrl(url, `webhooks.urls[${i}]`)))],
    delivery: checkDelivery(given.delivery as WebhookDeliveryOptions | undefined, "webhooks.delivery"),
  };
}
