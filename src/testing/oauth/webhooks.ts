/** Signs app webhooks the way HighLevel does (Ed25519 over the raw body, `x-ghl-signature`), with a test key pair. */

export interface SignedWebhook {
  /** The raw body: send it as is. */
  body: string;
  headers: Record<string, string>;
}

export interface WebhookSigner {
  /** The public key, as the bare 32 bytes in base64 (one of the forms verifyWebhook accepts). */
  publicKey(): Promise<string>;
  /** The public key as PEM (SubjectPublicKeyInfo), the form the Marketplace gives. */
  publicKeyPem(): Promise<string>;
  /** Signs `payload`; objects get a `timestamp` (now) and a fresh `webhookId` unless they carry them. */
  sign(payload: Record<string, unknown> | string): Promise<SignedWebhook>;
}

const base64 = (bytes: ArrayBuffer) => btoa(String.fromCharCode(...new Uint8Array(bytes)));

export function createWebhookSigner(now: () => number): WebhookSigner {
  let pair: Promise<CryptoKeyPair> | undefined;
  const keys = () =>
    (pair ??= crypto.subtle.generateKey({ name: "Ed25519" }, true, [
      "sign",
      "verify",
    ]) as Promise<CryptoKeyPair>);
  return {
    async publicKey() {
      return base64(await crypto.subtle.exportKey("raw", (await keys()).publicKey));
    },
    async publicKeyPem() {
      const der = base64(await crypto.subtle.exportKey("spki", (await keys()).publicKey));
      return `-----BEGIN PUBLIC KEY-----\n${der}\n-----END PUBLIC KEY-----\n`;
    },
    async sign(payload) {
      const body =
        typeof payload === "string"
          ? payload
          : JSON.stringify({
              timestamp: new Date(now()).toISOString(),
              webhookId: crypto.randomUUID(),
              ...payload,
            });
      const signature = await crypto.subtle.sign(
        "Ed25519",
        (await keys()).privateKey,
        new TextEncoder().encode(body),
      );
      return { body, headers: { "content-type": "application/json", "x-ghl-signature": base64(signature) } };
    },
  };
}
