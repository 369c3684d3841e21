/**
 * App webhooks: Ed25519 verification over the raw body, the legacy RSA header only when enabled,
 * replay protection, typed events, and INSTALL / UNINSTALL applied to the store through the
 * fetch-style handler and the node:http adapter.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { ConfigurationError } from "../src/errors/index.js";
import {
  WebhookVerificationError,
  createReplayGuard,
  createWebhookHandler,
  toNodeHandler,
  verifyWebhook,
} from "../src/oauth/index.js";
import { createWebhookSigner } from "../src/testing/oauth/webhooks.js";
import { ctx, setup } from "./oauth-helpers.js";
import { rejectionOf } from "./rejection.js";

const INSTALL = { type: "INSTALL", appId: "fakeapp", locationId: "L7", companyId: "C1", userId: "U1" };
const signer = createWebhookSigner(Date.now);

async function verify(
  signed: { body: string | Uint8Array; headers: Record<string, string> },
  extra: object = {},
) {
  return verifyWebhook({
    rawBody: signed.body,
    headers: signed.headers,
    publicKey: await signer.publicKey(),
    replayGuard: createReplayGuard(),
    ...extra,
  });
}
const reason = async (promise: Promise<unknown>) => {
  const error = await rejectionOf(promise);
  expect(error).toBeInstanceOf(WebhookVerificationError);
  return (error as WebhookVerificationError).reason;
};

describe("verifyWebhook", () => {
  it("returns a typed INSTALL event for a valid signature, in every key form", async () => {
    const signed = await signer.sign(INSTALL);
    const event = await verify(signed);
    expect(event).toMatchObject({ type: "INSTALL", locationId: "L7", companyId: "C1", signature: "ed25519" });
    if (event.type === "INSTALL") expect(event.userId).toBe("U1"); // narrowed by type
    const raw = Uint8Array.from(atob(await signer.publicKey()), (c) => c.charCodeAt(0));
    const hex = Buffer.from(raw).toString("hex");
    const der = Buffer.concat([Buffer.from("302a300506032b6570032100", "hex"), raw]).toString("base64");
    const pem = `-----BEGIN PUBLIC KEY-----\n${der}\n-----END PUBLIC KEY-----\n`;
    for (const publicKey of [hex, der, pem]) {
      expect(await verify(await signer.sign(INSTALL), { publicKey })).toMatchObject({ type: "INSTALL" });
    }
    expect(
      await verify({ body: new TextEncoder().encode(signed.body), headers: signed.headers }),
    ).toMatchObject({
      type: "INSTALL",
    });
  });

  it("rejects a tampered body, a wrong key, a missing or malformed signature", async () => {
    const signed = await signer.sign(INSTALL);
    const tampered = signed.body.replace('"L7"', '"L8"');
    expect(await reason(verify({ body: tampered, headers: signed.headers }))).toBe("bad_signature");
    const other = createWebhookSigner(Date.now);
    expect(await reason(verify(signed, { publicKey: await other.publicKey() }))).toBe("bad_signature");
    expect(await reason(verify({ body: signed.body, headers: {} }))).toBe("missing_signature");
    for (const bad of ["", "not base64!", "AAAA"]) {
      expect(await reason(verify({ body: signed.body, headers: { "x-ghl-signature": bad } }))).toBe(
        "bad_signature",
      );
    }
    expect(await rejectionOf(verify(signed, { publicKey: "nope" }))).toBeInstanceOf(ConfigurationError);
  });

  it("rejects a replayed webhookId and a timestamp outside the window", async () => {
    const guard = createReplayGuard();
    const signed = await signer.sign(INSTALL);
    await verify(signed, { replayGuard: guard });
    expect(await reason(verify(signed, { replayGuard: guard }))).toBe("replayed");
    const old = await signer.sign({
      ...INSTALL,
      timestamp: new Date(Date.now() - 10 * 60_000).toISOString(),
    });
    expect(await reason(verify(old))).toBe("stale");
    const future = await signer.sign({
      ...INSTALL,
      timestamp: new Date(Date.now() + 10 * 60_000).toISOString(),
    });
    expect(await reason(verify(future))).toBe("stale");
    const nonsense = await signer.sign({ ...INSTALL, timestamp: "yesterday" });
    expect(await reason(verify(nonsense))).toBe("malformed");
  });

  it("passes an unknown type through, and rejects what is not an event", async () => {
    const event = await verify(await signer.sign({ type: "PLAN_CHANGE", newPlanId: "p2" }));
    expect(event).toMatchObject({ type: "OTHER", eventType: "PLAN_CHANGE" });
    if (event.type === "OTHER") expect(event.payload).toMatchObject({ newPlanId: "p2" });
    for (const body of ["[1]", "{}", '{"type":7}', "not json", '{"type":"INSTALL","locationId":5}']) {
      expect(await reason(verify(await signer.sign(body)))).toBe("malformed");
    }
    expect(
      await reason(verify(await signer.sign({ ...INSTALL, appId: "other" }), { appId: "fakeapp" })),
    ).toBe("wrong_app");
  });

  it("accepts the legacy RSA x-wh-signature only when enabled", async () => {
    const pair = await crypto.subtle.generateKey(
      {
        name: "RSASSA-PKCS1-v1_5",
        modulusLength: 2048,
        publicExponent: new Uint8Array([1, 0, 1]),
        hash: "SHA-256",
      },
      true,
      ["sign", "verify"],
    );
    const spki = Buffer.from(await crypto.subtle.exportKey("spki", pair.publicKey)).toString("base64");
    const pem = `-----BEGIN PUBLIC KEY-----\n${spki}\n-----END PUBLIC KEY-----`;
    const body = JSON.stringify({ ...INSTALL, webhookId: "w-legacy" });
    const sig = await crypto.subtle.sign(
      "RSASSA-PKCS1-v1_5",
      pair.privateKey,
      new TextEncoder().encode(body),
    );
    const legacy = { body, headers: { "x-wh-signature": Buffer.from(sig).toString("base64") } };
    expect(await reason(verify(legacy))).toBe("legacy_signature_disabled");
    const event = await verify(legacy, { allowLegacyRsa: true, legacyRsaPublicKey: pem });
    expect(event).toMatchObject({ type: "INSTALL", signature: "rsa" });
    // With HighLevel's published key, a signature by another key fails.
    expect(await reason(verify(legacy, { allowLegacyRsa: true }))).toBe("bad_signature");
  });
});

describe("webhook handlers change the store", () => {
  it("INSTALL mints and stores the Location's token through the agency install; UNINSTALL deletes it", async () => {
    const { fake, oauth } = await setup();
    await oauth.exchangeCode(
      fake.issueCode({ userType: "Company", companyId: "C1", approvedLocations: ["L7"] }),
    );
    const handler = createWebhookHandler({
      oauth,
      publicKey: await fake.webhooks.publicKey(),
      appId: oauth.appId,
    });
    const post = async (payload: Record<string, unknown>) => {
      const signed = await fake.webhooks.sign(payload);
      return handler(new Request("http://app.local/webhooks", { method: "POST", ...signed }));
    };
    expect(await oauth.installation({ locationId: "L7" })).toMatchObject({ expiresAt: undefined });
    const installed = await post(INSTALL);
    expect(installed.status).toBe(200);
    expect(await installed.json()).toEqual({ ok: true, action: "minted" });
    expect(fake.stats.locationTokenMints).toBe(1);
    expect((await oauth.installation({ locationId: "L7" }))?.expiresAt).toBeGreaterThan(Date.now());
    await oauth.getToken(ctx("L7")); // stored: no second mint
    expect(fake.stats.locationTokenMints).toBe(1);

    const removed = await post({ type: "UNINSTALL", appId: "fakeapp", locationId: "L7" });
    expect(await removed.json()).toEqual({ ok: true, action: "deleted" });
    expect(await oauth.installation({ locationId: "L7" })).toBeUndefined();

    const tampered = await fake.webhooks.sign(INSTALL);
    const response = await handler(
      new Request("http://app.local/webhooks", {
        method: "POST",
        headers: tampered.headers,
        body: tampered.body + " ",
      }),
    );
    expect(response.status).toBe(401);
    expect(await oauth.installation({ locationId: "L7" })).toBeUndefined();
    expect((await handler(new Request("http://app.local/webhooks"))).status).toBe(405);
  });

  it("INSTALL without a stored agency install, or with a failing mint, is recorded and still accepted", async () => {
    const { fake, oauth } = await setup();
    const publicKey = await fake.webhooks.publicKey();
    const verifyAndApply = async (payload: Record<string, unknown>) => {
      const signed = await fake.webhooks.sign(payload);
      return oauth.handleWebhook(
        await verifyWebhook({ rawBody: signed.body, headers: signed.headers, publicKey }),
      );
    };
    expect(await verifyAndApply({ ...INSTALL, companyId: "C2" })).toEqual({
      action: "recorded",
      locationId: "L7",
      companyId: "C2",
    });
    expect(await oauth.installation({ locationId: "L7" })).toMatchObject({
      companyId: "C2",
      mintedFromCompany: true,
    });
    // The agency install exists, but the fake does not know L8 as one of its Locations: the mint fails.
    await oauth.exchangeCode(fake.issueCode({ userType: "Company", companyId: "C2" }));
    expect(await verifyAndApply({ ...INSTALL, locationId: "L8", companyId: "C2" })).toEqual({
      action: "recorded",
      locationId: "L8",
      companyId: "C2",
      mintError: "BadRequestError",
    });
    // An agency-level install and other events change nothing.
    expect(await verifyAndApply({ type: "INSTALL", companyId: "C2" })).toMatchObject({ action: "ignored" });
    expect(await verifyAndApply({ type: "PLAN_CHANGE", locationId: "L7" })).toMatchObject({
      action: "ignored",
    });
    expect(await oauth.installation({ companyId: "C2" })).toMatchObject({ userType: "Company" });
  });

  it("the node:http adapter reads the raw body and answers like the fetch handler", async () => {
    const { fake, oauth } = await setup();
    await oauth.exchangeCode(
      fake.issueCode({ userType: "Company", companyId: "C1", approvedLocations: ["L5"] }),
    );
    const node = toNodeHandler(createWebhookHandler({ oauth, publicKey: await fake.webhooks.publicKey() }));
    const server = createServer((req, res) => void node(req, res));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks`;
      const signed = await fake.webhooks.sign({ ...INSTALL, locationId: "L5" });
      const ok = await fetch(url, { method: "POST", ...signed });
      expect(ok.status).toBe(200);
      expect((await oauth.installation({ locationId: "L5" }))?.mintedFromCompany).toBe(true);
      const replay = await fetch(url, { method: "POST", ...signed });
      expect(replay.status).toBe(401);
      expect(await replay.json()).toEqual({ error: "replayed" });
      const uninstall = await fake.webhooks.sign({ type: "UNINSTALL", appId: "fakeapp", companyId: "C1" });
      expect((await fetch(url, { method: "POST", ...uninstall })).status).toBe(200);
      expect(await oauth.installation({ companyId: "C1" })).toBeUndefined();
      expect(await oauth.installation({ locationId: "L5" })).toBeUndefined();
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("the adapter takes a body parser's Buffer or text, and refuses an already parsed object", async () => {
    const handler = toNodeHandler(createWebhookHandler({ publicKey: await signer.publicKey() }));
    const signed = await signer.sign({ type: "UNINSTALL", locationId: "L1" });
    const call = async (body: unknown) => {
      const res = { statusCode: 0, headers: {} as Record<string, string>, text: "" };
      const response = {
        set statusCode(value: number) {
          res.statusCode = value;
        },
        get statusCode() {
          return res.statusCode;
        },
        setHeader: (name: string, value: string) => (res.headers[name] = value),
        end: (text?: string) => (res.text = text ?? ""),
      };
      const empty = (async function* () {})();
      await handler(
        Object.assign(empty, { method: "POST", url: "/hooks", headers: signed.headers, body }),
        response,
      );
      return res;
    };
    expect((await call(Buffer.from(signed.body))).statusCode).toBe(200);
    expect((await call(signed.body)).text).toContain("replayed"); // the same webhookId again
    const text = await signer.sign({ type: "UNINSTALL", locationId: "L2" });
    signed.headers = text.headers;
    expect((await call(text.body)).statusCode).toBe(200);
    const parsed = await call(JSON.parse(signed.body));
    expect(parsed.statusCode).toBe(500);
    expect(parsed.text).toContain("raw_body_unavailable");
  });
});
