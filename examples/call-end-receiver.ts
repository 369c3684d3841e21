/**
 * A small receiver of HighLevel's VoiceAiCallEnd webhook: every call is verified (Ed25519 over the
 * raw body), typed, and stored once, however often HighLevel delivers it.
 *
 *   POST /webhooks   the app's webhook URL (node:http, through toNodeHandler)
 *   GET  /calls      the calls stored so far, as JSON
 *
 * The handler itself is fetch-style, `(Request) => Promise<Response>`: on a worker or an edge
 * runtime, `export default { fetch: receiver.handler }` serves the same thing (the webhooks entry
 * uses no Node built-ins). Several processes de-duplicate together through a shared replay guard
 * (`createRedisStore(redis).replayGuard`); the store's own insert-once keeps a call once even if
 * two of them raced past a per-process guard.
 *
 * Environment: HIGHLEVEL_WEBHOOK_PUBLIC_KEY (the app's Ed25519 key from the Marketplace),
 * HIGHLEVEL_APP_ID (optional: refuse other apps' events), PORT (default 3000; 0 for a free one),
 * HOST (default: every interface).
 *
 *   node --import tsx examples/call-end-receiver.ts
 */
import { createServer } from "node:http";
import { pathToFileURL } from "node:url";
// In your project: from "highlevel-voice-ai/webhooks" and "highlevel-voice-ai/oauth".
import { toNodeHandler } from "../src/oauth/index.js";
import { createWebhookHandler, type CallEndEvent, type ReplayGuard } from "../src/webhooks/index.js";

/** What this app keeps of a call: the typed fields it reacts to. */
export interface StoredCall {
  callId: string;
  locationId: string;
  agentId: string | undefined;
  contactId: string | undefined;
  durationSeconds: number | undefined;
  summary: string | undefined;
  trialCall: boolean;
  /** Numbers the call was transferred to (CALL_TRANSFER actions). */
  transferredTo: string[];
  /** Texts sent to the caller (SMS actions). */
  textsSent: string[];
}

/** Where calls go; in a real app a table whose primary key is the call ID. */
export interface CallStore {
  /** Stores the call unless one with its ID is there already; true when stored now. */
  insertOnce(call: StoredCall): Promise<boolean>;
  all(): Promise<StoredCall[]>;
}

export function createMemoryCallStore(): CallStore {
  const calls = new Map<string, StoredCall>();
  return {
    async insertOnce(call) {
      if (calls.has(call.callId)) return false;
      calls.set(call.callId, call);
      return true;
    },
    all: async () => [...calls.values()],
  };
}

/** The event's fields as this app stores them; each action narrowed by its `actionType`. */
export function toStoredCall(event: CallEndEvent): StoredCall {
  const transferredTo: string[] = [];
  const textsSent: string[] = [];
  for (const action of event.executedCallActions ?? []) {
    if (action.actionType === "CALL_TRANSFER" && action.actionParameters)
      transferredTo.push(action.actionParameters.transferToValue);
    if (action.actionType === "SMS" && action.actionParameters)
      textsSent.push(action.actionParameters.messageBody);
  }
  return {
    callId: event.id,
    locationId: event.locationId,
    agentId: event.agentId,
    contactId: event.contactId,
    durationSeconds: event.duration,
    summary: event.summary,
    trialCall: event.trialCall ?? false,
    transferredTo,
    textsSent,
  };
}

export interface CallEndReceiverOptions {
  publicKey: string;
  appId?: string | undefined;
  store?: CallStore | undefined;
  /** Shared by the processes behind the webhook URL (default: this process's memory). */
  replayGuard?: ReplayGuard | undefined;
}

export function createCallEndReceiver(options: CallEndReceiverOptions) {
  const store = options.store ?? createMemoryCallStore();
  // onCallEnd runs once per call ID; if it throws (the store is down), the answer is 500 and
  // HighLevel's retry runs it again.
  const handler = createWebhookHandler({
    publicKey: options.publicKey,
    appId: options.appId,
    replayGuard: options.replayGuard,
    async onCallEnd(event) {
      await store.insertOnce(toStoredCall(event));
    },
  });
  return { handler, node: toNodeHandler(handler), store };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const publicKey = process.env.HIGHLEVEL_WEBHOOK_PUBLIC_KEY;
  if (!publicKey) throw new Error("Set HIGHLEVEL_WEBHOOK_PUBLIC_KEY");
  const receiver = createCallEndReceiver({ publicKey, appId: process.env.HIGHLEVEL_APP_ID || undefined });
  const server = createServer((req, res) => {
    if (req.method === "POST" && req.url === "/webhooks") return void receiver.node(req, res);
    if (req.method === "GET" && req.url === "/calls") {
      void receiver.store.all().then((calls) => {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify(calls));
      });
      return;
    }
    res.writeHead(404).end();
  });
  server.listen(Number(process.env.PORT ?? 3000), process.env.HOST, () => {
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : process.env.PORT;
    console.log(`call-end receiver listening on port ${port}`);
  });
}
