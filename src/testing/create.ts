/**
 * createFakeVoiceAI: the fake of the API (fake.ts) with what HighLevel sends an app: a signed
 * VoiceAiCallEnd for each simulated call, and with `oauth` its OAuth endpoints, the installs they
 * record and the UNINSTALL an uninstall sends. One Ed25519 key signs every webhook.
 */
import { ConfigurationError } from "../errors/index.js";
import type { CallLog, VoiceAiCallEndEvent } from "../../generated/models.js";
import { webhookEvents } from "../../generated/webhooks.js";
import { buildCall, type SimulateCallOptions } from "./calls/simulate-call.js";
import type { FakeVoiceAIOptions } from "./fake-options.js";
import { startFake, type FakeVoiceAICore, type StartOptions } from "./fake.js";
import {
  createFakeOAuthHandler,
  type FakeOAuth,
  type FakeOAuthOptions,
  type UninstallPayload,
  type UninstallTarget,
} from "./oauth/index.js";
import { createWebhookSigner } from "./oauth/webhooks.js";
import { createRandom } from "./random.js";
import { checkWebhookOptions } from "./webhooks/delivery-options.js";
import { createWebhookSender } from "./webhooks/sender.js";
import type { FakeWebhooks, WebhookDelivery } from "./webhooks/types.js";
import { oauthRoute } from "./with-oauth.js";

/** The scopes an app needs to receive VoiceAiCallEnd, as the spec lists them. */
const CALL_END_SCOPES: readonly string[] = webhookEvents.VoiceAiCallEnd.scopes;

export interface SimulatedCall {
  /** The event's fields as sent (the body also carries `type`, `appId`, `timestamp` and `webhookId`). */
  readonly call: VoiceAiCallEndEvent;
  /** The same call as `callLogs.get` answers it. */
  readonly log: CallLog;
  /**
   * Why no webhook went out: no URL registered, or (with `oauth`) the app is not installed on the
   * location or lacks `voice-ai-dashboard.readonly` there. The call log is stored either way.
   */
  readonly skipped: "no_webhook_urls" | "not_installed" | "missing_scope" | undefined;
  /** Settles (never rejects) once every delivery of the event did: delivered, failed or cancelled. */
  readonly delivered: Promise<readonly WebhookDelivery[]>;
}

export interface FakeVoiceAI extends FakeVoiceAICore {
  /** A call that just ended: stores its call log and sends a signed VoiceAiCallEnd to `webhooks.urls`. */
  simulateCall(options: SimulateCallOptions): SimulatedCall;
  /** Where the webhooks go, how (retries, duplicates, order, delays), and what happened to each. */
  readonly webhooks: FakeWebhooks;
  /** The public half of the key that signs the webhooks, PEM: `publicKey` for verifyWebhook. */
  readonly webhookPublicKey: string;
}

export interface FakeVoiceAIWithOAuthOptions extends FakeVoiceAIOptions {
  /**
   * Also serve HighLevel's OAuth endpoints (`true`, or the OAuth fake's options): rotating refresh
   * tokens, Location tokens, installed Locations, signed webhooks; the API then accepts the Location
   * access tokens they issue, while they are valid, and call-end webhooks go only to Locations that
   * installed the app with `voice-ai-dashboard.readonly`.
   */
  oauth?: boolean | FakeOAuthOptions | undefined;
}

export interface FakeVoiceAIWithOAuth extends FakeVoiceAI {
  readonly oauth: FakeOAuth;
  /** Removes the app (`fake.oauth.uninstall`) and sends the signed UNINSTALL to `webhooks.urls`. */
  uninstall(target: UninstallTarget): {
    readonly payload: UninstallPayload;
    readonly delivered: Promise<readonly WebhookDelivery[]>;
  };
}

/** The fake as composeFake builds it: `oauth` and `uninstall` are there exactly with the `oauth` option. */
export type ComposedFake = FakeVoiceAI & {
  readonly oauth: FakeOAuth | undefined;
  uninstall?: FakeVoiceAIWithOAuth["uninstall"];
};

/** The fake, with or without OAuth; `start` is for the fake's own server process (serve/). */
export async function composeFake(
  options: FakeVoiceAIWithOAuthOptions,
  start: Omit<StartOptions, "handlers"> = {},
): Promise<ComposedFake> {
  if (typeof options !== "object" || options === null)
    throw new ConfigurationError("the fake's options must be an object");
  const { oauth: oauthOptions, webhooks: webhookOptions, ...rest } = options;
  const initial = checkWebhookOptions(webhookOptions);
  const oauth = oauthOptions
    ? createFakeOAuthHandler({ now: rest.clock, ...(oauthOptions === true ? {} : oauthOptions) })
    : undefined;
  const signer = oauth?.webhooks ?? createWebhookSigner(rest.clock ?? Date.now);
  const webhookPublicKey = await signer.publicKeyPem();
  const seed = rest.seed ?? 1;
  const sender = createWebhookSender({ signer, random: () => createRandom(`webhooks:${seed}`), initial });
  const { fake, context } = await startFake(rest, { ...start, handlers: oauth ? [oauthRoute(oauth)] : [] });
  const appId = oauth?.appId ?? "fakeapp";
  const closeApi = fake.close;
  const resetApi = fake.reset;
  let closed = false;

  const simulateCall = (callOptions: SimulateCallOptions): SimulatedCall => {
    if (closed) throw new ConfigurationError("simulateCall: the fake is closed");
    sender.ensureRoom();
    const { log, event } = buildCall(context(), callOptions);
    const locationId = callOptions.locationId;
    const scopes = oauth?.installedScopes(locationId);
    const skipped =
      sender.urls.length === 0
        ? "no_webhook_urls"
        : oauth && !scopes
          ? "not_installed"
          : scopes && !CALL_END_SCOPES.every((scope) => scopes.includes(scope))
            ? "missing_scope"
            : undefined;
    const payload = { type: "VoiceAiCallEnd", appId, ...event };
    const delivered = skipped
      ? Promise.resolve([])
      : sender.send({ type: "VoiceAiCallEnd", locationId, callId: log.id, payload });
    return { call: event, log: structuredClone(log), skipped, delivered };
  };

  const webhooks: FakeWebhooks = {
    register: (url) => sender.register(url),
    unregister: (url) => sender.unregister(url),
    get urls() {
      return sender.urls;
    },
    configure: (delivery) => sender.configure(delivery),
    get deliveries() {
      return sender.deliveries;
    },
    settled: (settle) => sender.settled(settle),
  };

  return Object.assign(fake, {
    simulateCall,
    webhooks,
    webhookPublicKey,
    oauth,
    ...(oauth && {
      uninstall(target: UninstallTarget) {
        if (closed) throw new ConfigurationError("uninstall: the fake is closed");
        sender.ensureRoom();
        const payload = oauth.uninstall(target);
        const event = {
          type: "UNINSTALL",
          locationId: payload.locationId,
          callId: undefined,
          payload: { ...payload },
        };
        return { payload, delivered: sender.urls.length > 0 ? sender.send(event) : Promise.resolve([]) };
      },
    }),
    reset() {
      resetApi();
      sender.reset();
    },
    async close() {
      closed = true;
      await sender.close();
      await closeApi();
    },
  });
}
