/**
 * examples/call-end-receiver.ts with VoiceAiCallEnd events this test signs itself (an Ed25519 key
 * pair made with WebCrypto): 30 calls across 3 locations, each delivered 1 to 3 times — some copies
 * at once, some first deliveries failing while the store is down and retried like a sender would —
 * through node:http and through the fetch-style handler. Each call ends up stored exactly once,
 * with its typed fields; forged and malformed deliveries store nothing. The example also runs as
 * its own process.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  createCallEndReceiver,
  createMemoryCallStore,
  type CallStore,
  type StoredCall,
} from "../examples/call-end-receiver.js";

const root = path.resolve(import.meta.dirname, "..");
const base64 = (bytes: ArrayBuffer | Uint8Array) => Buffer.from(new Uint8Array(bytes)).toString("base64");
const pair = (await crypto.subtle.generateKey({ name: "Ed25519" }, true, [
  "sign",
  "verify",
])) as CryptoKeyPair;
const publicKey = base64(await crypto.subtle.exportKey("raw", pair.publicKey));

/** Signs the raw body the way HighLevel does: Ed25519 over the bytes, base64 in x-ghl-signature. */
async function signed(body: string, key: CryptoKey = pair.privateKey) {
  const signature = await crypto.subtle.sign("Ed25519", key, new TextEncoder().encode(body));
  return { body, headers: { "content-type": "application/json", "x-ghl-signature": base64(signature) } };
}

/** A VoiceAiCallEnd body as HighLevel documents it (no `type`, no timestamp or webhookId). */
function callEnd(n: number) {
  return {
    id: `call-${n}`,
    locationId: `LOC${n % 3}`,
    agentId: `agent-${n % 2}`,
    contactId: `contact-${n}`,
    fromNumber: "+15550100",
    createdAt: new Date(Date.UTC(2026, 0, 1, 9, n)).toISOString(),
    duration: 30 + n,
    summary: `Call ${n}`,
    trialCall: n % 10 === 0,
    executedCallActions: [
      {
        _id: `act-${n}`,
        actionType: "SMS",
        actionName: "Send confirmation",
        actionParameters: { triggerPrompt: "p", triggerMessage: "m", messageBody: `Booked ${n}` },
      },
      ...(n % 4 === 0
        ? [
            {
              actionType: "CALL_TRANSFER",
              actionName: "Transfer",
              actionParameters: {
                triggerPrompt: "p",
                transferToType: "number",
                transferToValue: "+15550199",
                triggerMessage: "m",
              },
            },
          ]
        : []),
    ],
  };
}

const expected = (n: number): StoredCall => ({
  callId: `call-${n}`,
  locationId: `LOC${n % 3}`,
  agentId: `agent-${n % 2}`,
  contactId: `contact-${n}`,
  durationSeconds: 30 + n,
  summary: `Call ${n}`,
  trialCall: n % 10 === 0,
  transferredTo: n % 4 === 0 ? ["+15550199"] : [],
  textsSent: [`Booked ${n}`],
});

/** A store that is down for its next `failures` inserts, counting every insert it took. */
function flakyStore() {
  const inner = createMemoryCallStore();
  const state = { failures: 0, inserts: 0 };
  const store: CallStore = {
    async insertOnce(call) {
      if (state.failures > 0) {
        state.failures--;
        throw new Error("the database is down");
      }
      state.inserts++;
      return inner.insertOnce(call);
    },
    all: () => inner.all(),
  };
  return { store, state };
}

const servers: Server[] = [];
let app: ChildProcess | undefined;
afterAll(async () => {
  app?.kill();
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

describe("examples/call-end-receiver.ts", () => {
  it("stores 30 calls delivered 60 times (duplicates, concurrent copies, retried failures) once each", async () => {
    const { store, state } = flakyStore();
    const receiver = createCallEndReceiver({ publicKey, store });
    const server = createServer((req, res) => void receiver.node(req, res));
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks`;
    // Half the deliveries over node:http, half to the fetch-style handler itself.
    const deliver = async (body: string, i: number): Promise<number> => {
      const request = await signed(body);
      if (i % 2 === 0) return (await fetch(url, { method: "POST", ...request })).status;
      return (await receiver.handler(new Request(url, { method: "POST", ...request }))).status;
    };
    /** Like a sender: retry a non-2xx answer, at most 3 attempts. */
    const send = async (body: string, i: number) => {
      for (let attempt = 1; ; attempt++) {
        const status = await deliver(body, i + attempt);
        if (status < 300 || attempt === 3) return { status, attempts: attempt };
      }
    };
    const tally = { deliveries: 0, retried: 0, failed: 0 };
    for (let n = 0; n < 30; n++) {
      const body = JSON.stringify(callEnd(n));
      if (n % 5 === 0) state.failures = 1; // the store is down for the first delivery of this call
      const copies = 1 + (n % 3); // 1, 2 or 3 deliveries of the same call
      const results = await Promise.all(Array.from({ length: copies }, (_, c) => send(body, n + c)));
      for (const { status, attempts } of results) {
        tally.deliveries += attempts;
        if (attempts > 1) tally.retried++;
        if (status >= 300) tally.failed++;
      }
    }
    const calls = (await store.all()).sort((a, b) => Number(a.callId.slice(5)) - Number(b.callId.slice(5)));
    console.log(
      `call-end receiver: 30 calls, ${tally.deliveries} deliveries (${tally.retried} retried), ` +
        `${state.inserts} inserts, ${calls.length} stored`,
    );
    expect(tally.failed).toBe(0);
    expect(tally.retried).toBeGreaterThanOrEqual(6);
    expect(calls).toEqual(Array.from({ length: 30 }, (_, n) => expected(n)));
    // At most once per call ID: the store was asked once per call, not once per delivery.
    expect(state.inserts).toBe(30);
  });

  it("stores nothing of a forged, malformed or wrong-app delivery", async () => {
    const { store, state } = flakyStore();
    const receiver = createCallEndReceiver({ publicKey, store, appId: "myapp" });
    const post = async (request: { body: string; headers: Record<string, string> }) =>
      receiver.handler(new Request("http://127.0.0.1/webhooks", { method: "POST", ...request }));
    const stranger = (await crypto.subtle.generateKey({ name: "Ed25519" }, true, ["sign"])) as CryptoKeyPair;
    const forged = await post(await signed(JSON.stringify(callEnd(1)), stranger.privateKey));
    expect(forged.status).toBe(401);
    const noId = await post(await signed(JSON.stringify({ ...callEnd(2), id: undefined })));
    expect(noId.status).toBe(400);
    expect(await noId.json()).toEqual({ error: "malformed", field: "id" });
    const otherApp = await post(await signed(JSON.stringify({ ...callEnd(3), appId: "otherapp" })));
    expect(otherApp.status).toBe(401);
    expect(state.inserts).toBe(0);
    expect(await store.all()).toEqual([]);
  });

  it("runs as its own process: node:http on the port given", async () => {
    app = spawn(
      process.execPath,
      ["--import", import.meta.resolve("tsx"), path.join(root, "examples/call-end-receiver.ts")],
      {
        env: { ...process.env, HIGHLEVEL_WEBHOOK_PUBLIC_KEY: publicKey, PORT: "0", HOST: "127.0.0.1" },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let output = "";
    app.stdout!.on("data", (chunk) => (output += chunk));
    app.stderr!.on("data", (chunk) => (output += chunk));
    let port: string | undefined;
    for (const started = Date.now(); !port; await new Promise((resolve) => setTimeout(resolve, 50))) {
      port = /listening on port (\d+)/.exec(output)?.[1];
      if (Date.now() - started > 30_000 || app.exitCode !== null)
        throw new Error(`the example did not start:\n${output}`);
    }
    const base = `http://127.0.0.1:${port}`;
    const request = await signed(JSON.stringify(callEnd(4)));
    for (let i = 0; i < 2; i++)
      expect((await fetch(`${base}/webhooks`, { method: "POST", ...request })).status).toBe(200);
    expect(await (await fetch(`${base}/calls`)).json()).toEqual([expected(4)]);
  }, 60_000);
});
