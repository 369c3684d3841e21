/**
 * What every runtime of the matrix runs (Bun, Deno, workerd, edge-runtime), against the built
 * package as installed from its tarball and the fake API the harness serves on 127.0.0.1. Plain
 * JavaScript with web APIs only: no `process`, no `Deno`, no Node modules. Each scenario checks its
 * own outcome and reports `{ name, ok, detail }`; the harness (matrix.ts) also checks the fake's
 * journal. Failures are values, never thrown: one failing scenario does not hide the others.
 */
import {
  APIConnectionError,
  APIError,
  APITimeoutError,
  APIUserAbortError,
  AuthenticationError,
  ConfigurationError,
  NotFoundError,
  VoiceAIError,
  createVoiceAIClient,
} from "highlevel-voice-ai";
import { createFileTokenStore } from "highlevel-voice-ai/oauth";
import { createRedisStore } from "highlevel-voice-ai/redis";
import { WebhookVerificationError, verifyWebhook } from "./webhook-entry.mjs";

/**
 * @param {{ baseUrl: string, token: string, locationId: string, fileStore: "works" | "unavailable",
 *   fileStorePath: string, webhook: { body: string, headers: Record<string, string>, publicKey: string } }} input
 */
export async function runScenarios(input) {
  const client = (options = {}) =>
    createVoiceAIClient({
      token: input.token,
      locationId: input.locationId,
      baseUrl: input.baseUrl,
      logLevel: "off",
      ...options,
    });
  const scenarios = {
    "create/list/get/delete": () => roundTrip(client()),
    "typed errors (instanceof)": () => typedErrors(client, input.token),
    "429 with Retry-After retried": () => retried429(client),
    timeoutMs: () => timeout(client({ timeoutMs: 300, maxRetries: 0 })),
    AbortSignal: () => abort(client({ maxRetries: 0 })),
    "webhook (Ed25519, WebCrypto)": () => webhook(input.webhook),
    "/oauth file store": () => fileStore(input.fileStore, input.fileStorePath),
    "/redis without a Redis client": () => redisEntry(),
  };
  const results = [];
  for (const [name, scenario] of Object.entries(scenarios)) {
    const started = Date.now();
    try {
      const detail = await scenario();
      results.push({ name, ok: true, detail, ms: Date.now() - started });
    } catch (error) {
      results.push({ name, ok: false, detail: describe(error), ms: Date.now() - started });
    }
  }
  return results;
}

class Mismatch extends Error {}
const check = (condition, message) => {
  if (!condition) throw new Mismatch(message);
};
const describe = (error) =>
  error instanceof Mismatch
    ? error.message
    : `${error?.name ?? typeof error}: ${error?.message ?? String(error)}${error?.cause ? ` (cause: ${error.cause?.message ?? error.cause})` : ""}`;

/** Runs `call`, which must fail; returns the error (a Mismatch if it did not fail). */
async function failure(call) {
  try {
    await call();
  } catch (error) {
    return error;
  }
  throw new Mismatch("the call succeeded; an error was expected");
}

async function roundTrip(voiceAI) {
  const created = await voiceAI.agents.create({ body: { agentName: "Runtime matrix" } });
  check(typeof created.id === "string" && created.agentName === "Runtime matrix", "create: unexpected agent");
  const listed = await voiceAI.agents.list({ pageSize: 50 });
  check(
    listed.agents.some((a) => a.id === created.id),
    "list: the created agent is missing",
  );
  const fetched = await voiceAI.agents.get({ agentId: created.id });
  check(fetched.id === created.id && Array.isArray(fetched.actions), "get: unexpected agent");
  await voiceAI.agents.delete({ agentId: created.id });
  const gone = await failure(() => voiceAI.agents.get({ agentId: created.id }));
  check(gone instanceof NotFoundError && gone.status === 404, `get after delete: ${describe(gone)}`);
  return `agent ${created.id} created, listed (${listed.agents.length}), fetched, deleted, then 404`;
}

async function typedErrors(client, token) {
  const wrongToken = `${token}-revoked`;
  const denied = await failure(() => client({ token: wrongToken }).agents.list({}));
  check(denied instanceof AuthenticationError, `401: ${describe(denied)}`);
  check(denied instanceof APIError && denied instanceof VoiceAIError && denied.status === 401, "401: class");
  check(!JSON.stringify(denied).includes(wrongToken), "401: the token is in the error");
  check(!(denied instanceof NotFoundError), "401 is instanceof NotFoundError");
  const missing = await failure(() => client().agents.get({ agentId: "0".repeat(24) }));
  check(missing instanceof NotFoundError && !(missing instanceof AuthenticationError), "404: class");
  const bad = await failure(() => client().agents.get({ agentId: "" }));
  check(bad instanceof VoiceAIError && bad.name === "InvalidRequestError", `bad id: ${describe(bad)}`);
  return "AuthenticationError (401), NotFoundError (404), InvalidRequestError";
}

async function retried429(client) {
  const retries = [];
  const voiceAI = client({ onRetry: (event) => retries.push(event) });
  const started = Date.now();
  // The harness staged one 429 with Retry-After: 1 for listCallLogs.
  const page = await voiceAI.callLogs.list({ pageSize: 5 });
  const elapsed = Date.now() - started;
  check(Array.isArray(page.callLogs), "no call logs in the answer");
  check(retries.length === 1, `onRetry was told ${retries.length} times, expected once`);
  const [retry] = retries;
  check(retry.delayMs === 1000 && retry.attempt === 1, `retry event: ${JSON.stringify(retry)}`);
  check(elapsed >= 900, `answered after ${elapsed} ms: Retry-After (1 s) was not waited for`);
  return `retried once after ${retry.delayMs} ms (${JSON.stringify(retry.reason)}), answered after ${elapsed} ms`;
}

async function timeout(voiceAI) {
  // The harness delays the next getCallLog answers by 2 s.
  const started = Date.now();
  const error = await failure(() => voiceAI.callLogs.get({ callId: "c".repeat(24) }));
  const elapsed = Date.now() - started;
  // The answer comes after 2 s: any other outcome than APITimeoutError means timeoutMs did not act.
  check(error instanceof APITimeoutError, `expected APITimeoutError, got ${describe(error)}`);
  return `APITimeoutError after ${elapsed} ms`;
}

async function abort(voiceAI) {
  const controller = new AbortController();
  const started = Date.now();
  setTimeout(() => controller.abort(), 200);
  const error = await failure(() =>
    voiceAI.callLogs.get({ callId: "c".repeat(24) }, { signal: controller.signal }),
  );
  const elapsed = Date.now() - started;
  check(error instanceof APIUserAbortError, `expected APIUserAbortError, got ${describe(error)}`);
  check(!(error instanceof APIConnectionError), "an abort is instanceof APIConnectionError");
  return `APIUserAbortError after ${elapsed} ms`;
}

async function webhook({ body, headers, publicKey }) {
  const event = await verifyWebhook({ rawBody: body, headers, publicKey });
  check(event.type === "INSTALL" && event.locationId === "LOC1", `event: ${JSON.stringify(event)}`);
  const tampered = await failure(() =>
    verifyWebhook({ rawBody: body.replace("LOC1", "LOC2"), headers, publicKey }),
  );
  check(tampered instanceof WebhookVerificationError, `tampered body: ${describe(tampered)}`);
  check(tampered instanceof VoiceAIError && tampered.reason === "bad_signature", "tampered: reason");
  return "signed INSTALL verified; a changed body is WebhookVerificationError (bad_signature)";
}

async function fileStore(expected, file) {
  const store = createFileTokenStore(file);
  if (expected === "works") {
    await store.set("k", "v1");
    check((await store.get("k")) === "v1", "the value written was not read back");
    const lock = await store.lock("k", { ttlMs: 5_000, waitMs: 1_000 });
    await lock.release();
    return "set, get and lock on the local file system";
  }
  const error = await failure(() => store.get("k"));
  check(error instanceof ConfigurationError, `expected ConfigurationError, got ${describe(error)}`);
  check(/node:fs/.test(error.message), `message: ${error.message}`);
  return `ConfigurationError: ${error.message}`;
}

async function redisEntry() {
  let error;
  try {
    createRedisStore({});
  } catch (caught) {
    error = caught;
  }
  check(error instanceof ConfigurationError, `expected ConfigurationError, got ${describe(error)}`);
  return `loads; ConfigurationError: ${error.message}`;
}
