/**
 * No client secret, access token, refresh token or encryption key in anything the OAuth entry
 * returns or throws: messages, stacks, causes, JSON.stringify, util.inspect — also when a hostile
 * server or a broken fetch echoes them back.
 */
import { inspect } from "node:util";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  APIConnectionError,
  BadRequestError,
  InvalidResponseError,
  VoiceAIError,
} from "../src/errors/index.js";
import {
  OAuthStateError,
  ReauthorizationRequiredError,
  TokenStoreError,
  createFileTokenStore,
  createMemoryTokenStore,
} from "../src/oauth/index.js";
import { ctx, manualClock, setup } from "./oauth-helpers.js";
import { rejectionOf } from "./rejection.js";

/** Every way a value can be printed or serialized, down its causes. */
function renderings(value: unknown): string[] {
  const out = [String(value), inspect(value, { depth: Infinity, showHidden: true, getters: true })];
  try {
    out.push(JSON.stringify(value) ?? "");
  } catch {
    // not serializable: nothing printed
  }
  for (let e = value, depth = 0; e instanceof Error && depth < 6; e = e.cause, depth++) {
    out.push(e.message, e.stack ?? "", JSON.stringify(Object.entries(e)));
  }
  return out;
}

function expectNoSecrets(value: unknown, secrets: string[]) {
  expect(secrets.length).toBeGreaterThan(0);
  for (const text of renderings(value)) {
    for (const secret of secrets) expect(text).not.toContain(secret);
  }
}

describe("secrets stay out of what the OAuth entry returns and throws", () => {
  it("the oauth object, installations, stores and tokens errors", async () => {
    const clock = manualClock();
    const { fake, oauth, secrets } = await setup({ now: clock.now, accessTokenTtlSeconds: 60 });
    const installation = await oauth.exchangeCode(fake.issueCode({ userType: "Location", locationId: "L1" }));
    await oauth.getToken(ctx("L1"));
    expect(secrets.length).toBeGreaterThanOrEqual(3); // client secret, access and refresh token
    expectNoSecrets(oauth, secrets);
    expectNoSecrets(installation, secrets);
    expectNoSecrets(await oauth.installation({ locationId: "L1" }), secrets);

    fake.revokeRefreshTokens("Location:L1");
    clock.advance(61_000);
    const error = await rejectionOf(oauth.getToken(ctx("L1")));
    expect(error).toBeInstanceOf(ReauthorizationRequiredError);
    expectNoSecrets(error, secrets);

    const memory = createMemoryTokenStore();
    await memory.set("k", JSON.stringify({ accessToken: secrets[1] }));
    expectNoSecrets(memory, secrets);
  });

  it("a server that echoes the secret and the refresh token in its error body", async () => {
    const clock = manualClock();
    let echo = false;
    const { fake, oauth, secrets } = await setup(
      { now: clock.now, accessTokenTtlSeconds: 60 },
      {
        now: clock.now,
        fetch: async (request) => {
          const text = await request.clone().text();
          if (echo) return Response.json({ statusCode: 400, message: `rejected ${text}` }, { status: 400 });
          const response = await fetch(request);
          const body = await response.clone().text();
          for (const m of body.matchAll(/"(?:access_token|refresh_token)":"([^"]+)"/g)) secrets.push(m[1]!);
          return response;
        },
      },
    );
    await oauth.exchangeCode(fake.issueCode({ userType: "Location", locationId: "L1" }));
    clock.advance(61_000);
    echo = true;
    const error = await rejectionOf(oauth.getToken(ctx("L1")));
    expect(error).toBeInstanceOf(BadRequestError);
    expect(JSON.stringify((error as BadRequestError).body)).toContain("[redacted]");
    expectNoSecrets(error, secrets);
  });

  it("a fetch that fails with the request body in its error, and 200s that are not usable JSON", async () => {
    const clientSecret = "client-secret-for-this-test-123";
    const code = "code-value-123";
    const token = "at_leaked_access_token_value";
    const answers: (() => Response)[] = [
      () =>
        new Response(`{"access_token":"${token}","refresh_tok`, {
          headers: { "content-type": "application/json" },
        }),
      () => Response.json({ access_token: `${token}\r\nX-Injected: 1`, refresh_token: "rt" }),
      () => new Response(`<html>${token}</html>`, { headers: { "content-type": "text/html" } }),
    ];
    const failing = await setup(
      {},
      {
        clientSecret,
        fetch: async (request) => {
          throw new Error(`socket hang up while sending ${await request.text()}`, {
            cause: new Error(`inner ${clientSecret}`),
          });
        },
      },
    );
    const connection = await rejectionOf(failing.oauth.exchangeCode(code));
    expect(connection).toBeInstanceOf(APIConnectionError);
    expectNoSecrets(connection, [clientSecret, code]);
    for (const answer of answers) {
      const { oauth } = await setup({}, { clientSecret, fetch: async () => answer() });
      const error = await rejectionOf(oauth.exchangeCode(code));
      expect(error).toBeInstanceOf(InvalidResponseError);
      expectNoSecrets(error, [clientSecret, code, token]);
    }
  });

  it("store, state and webhook errors", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "oauth-secrets-"));
    try {
      const key = "encryption-key-0123456789-abcdefghij";
      const file = path.join(dir, "t.json");
      await createFileTokenStore(file, { encryptionKey: key }).set("a", "b");
      const store = createFileTokenStore(file, { encryptionKey: key + "!" });
      expectNoSecrets(store, [key]);
      const error = await rejectionOf(store.get("a"));
      expect(error).toBeInstanceOf(TokenStoreError);
      expectNoSecrets(error, [key]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    const { oauth, fake } = await setup();
    const state = await oauth.issueState("return-to=/settings");
    const stateError = await rejectionOf(oauth.verifyState(state, { expected: state + "x" }));
    expect(stateError).toBeInstanceOf(OAuthStateError);
    expect(stateError).toBeInstanceOf(VoiceAIError);
    expectNoSecrets(stateError, [fake.clientSecret]);
  });
});
