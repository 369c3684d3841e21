/**
 * Encryption at rest for token stores (the file, Redis records): AES-256-GCM (WebCrypto) under a
 * key derived from the user's, one derivation per purpose.
 */
import { ConfigurationError } from "../errors/index.js";
import { fromBase64, toBase64, utf8 } from "./encoding.js";
import { TokenStoreError } from "./errors.js";

export interface CryptoBox {
  /** `context` (a record's name, say) is authenticated too: the sealed text opens only with it. */
  seal(plain: string, context?: string): Promise<string>;
  open(sealed: string, context?: string): Promise<string>;
}

export interface BoxPurpose {
  /** The key derivation's label; without a context, also the authenticated data. */
  info: string;
  /** What is sealed, for errors: "The token file". */
  what: string;
}

export const TOKEN_FILE: BoxPurpose = { info: "highlevel-voice-ai token file v1", what: "The token file" };

/**
 * `key`: at least 32 characters (e.g. 32 random bytes in base64 or hex from a secret manager) or
 * 32+ raw bytes. HKDF-SHA-256 turns it into the AES key; every write uses a fresh 12-byte nonce.
 */
export function createCryptoBox(key: string | Uint8Array, purpose: BoxPurpose): CryptoBox {
  const info = utf8(purpose.info);
  const data = (context: string | undefined) => (context ? utf8(`${purpose.info}\n${context}`) : info);
  const material =
    typeof key === "string" && key.length >= 32
      ? utf8(key)
      : key instanceof Uint8Array && key.length >= 32
        ? new Uint8Array(key)
        : undefined;
  if (!material) {
    throw new ConfigurationError(
      "encryptionKey must be a string of at least 32 characters or at least 32 bytes",
    );
  }
  const aesKey = (async () => {
    const base = await crypto.subtle.importKey("raw", material, "HKDF", false, ["deriveKey"]);
    return crypto.subtle.deriveKey(
      { name: "HKDF", hash: "SHA-256", salt: new Uint8Array(32), info },
      base,
      { name: "AES-GCM", length: 256 },
      false,
      ["encrypt", "decrypt"],
    );
  })();
  return {
    async seal(plain, context) {
      const iv = crypto.getRandomValues(new Uint8Array(12));
      const cipher = await crypto.subtle.encrypt(
        { name: "AES-GCM", iv, additionalData: data(context) },
        await aesKey,
        utf8(plain),
      );
      return `${toBase64(iv)}.${toBase64(new Uint8Array(cipher))}`;
    },
    async open(sealed, context) {
      const [iv, cipher] = sealed.split(".").map(fromBase64);
      if (!iv || iv.length !== 12 || !cipher)
        throw new TokenStoreError(`${purpose.what}: its encrypted content is malformed`);
      try {
        const plain = await crypto.subtle.decrypt(
          { name: "AES-GCM", iv, additionalData: data(context) },
          await aesKey,
          cipher,
        );
        return new TextDecoder().decode(plain);
      } catch {
        throw new TokenStoreError(
          `${purpose.what} cannot be decrypted: wrong encryptionKey, or it was altered`,
        );
      }
    },
  };
}
