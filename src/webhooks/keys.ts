/** The public keys webhook signatures are checked with, in the forms HighLevel hands them out. */
import { ConfigurationError } from "../errors/index.js";
import { fromBase64, fromHex } from "../oauth/encoding.js";

/**
 * HighLevel's published RSA key for the legacy `x-wh-signature` header (4096-bit,
 * SubjectPublicKeyInfo), from its webhook authentication guide.
 */
export const LEGACY_RSA_PUBLIC_KEY = `-----BEGIN PUBLIC KEY-----
MIICIjANBgkqhkiG9w0BAQEFAAOCAg8AMIICCgKCAgEAokvo/r9tVgcfZ5DysOSC
Frm602qYV0MaAiNnX9O8KxMbiyRKWeL9JpCpVpt4XHIcBOK4u3cLSqJGOLaPuXw6
dO0t6Q/ZVdAV5Phz+ZtzPL16iCGeK9po6D6JHBpbi989mmzMryUnQJezlYJ3DVfB
csedpinheNnyYeFXolrJvcsjDtfAeRx5ByHQmTnSdFUzuAnC9/GepgLT9SM4nCpv
uxmZMxrJt5Rw+VUaQ9B8JSvbMPpez4peKaJPZHBbU3OdeCVx5klVXXZQGNHOs8gF
3kvoV5rTnXV0IknLBXlcKKAQLZcY/Q9rG6Ifi9c+5vqlvHPCUJFT5XUGG5RKgOKU
J062fRtN+rLYZUV+BjafxQauvC8wSWeYja63VSUruvmNj8xkx2zE/Juc+yjLjTXp
IocmaiFeAO6fUtNjDeFVkhf5LNb59vECyrHD2SQIrhgXpO4Q3dVNA5rw576PwTzN
h/AMfHKIjE4xQA1SZuYJmNnmVZLIZBlQAF9Ntd03rfadZ+yDiOXCCs9FkHibELhC
HULgCsnuDJHcrGNd5/Ddm5hxGQ0ASitgHeMZ0kcIOwKDOzOU53lDza6/Y09T7sYJ
PQe7z0cvj7aE4B+Ax1ZoZGPzpJlZtGXCsu9aTEGEnKzmsFqwcSsnw3JB31IGKAyk
T1hhTiaCeIY/OwwwNUY2yvcCAwEAAQ==
-----END PUBLIC KEY-----`;

/** DER prefix of an Ed25519 SubjectPublicKeyInfo; the 32 key bytes follow it. */
const ED25519_SPKI_PREFIX = "302a300506032b6570032100";

const cache = new Map<string, Promise<CryptoKey>>();

/**
 * An Ed25519 public key given as PEM, as the bare 32 bytes in base64 or hex, or as base64 of
 * the DER SubjectPublicKeyInfo (the forms the Marketplace and HighLevel's SDK use).
 */
export function ed25519Key(key: string | CryptoKey): Promise<CryptoKey> {
  if (typeof key !== "string") return Promise.resolve(key);
  let promise = cache.get(key);
  if (!promise) {
    promise = crypto.subtle.importKey("raw", ed25519Bytes(key), { name: "Ed25519" }, false, ["verify"]);
    // Keys are few; the cache is bounded anyway.
    if (cache.size > 32) cache.clear();
    cache.set(key, promise);
  }
  return promise;
}

function ed25519Bytes(key: string): Uint8Array<ArrayBuffer> {
  const text = key.trim();
  const fail = (): never => {
    throw new ConfigurationError(
      "publicKey is not an Ed25519 public key (PEM, 32 bytes as base64 or hex, or base64 DER)",
    );
  };
  const bytes = /^[0-9a-fA-F]{64}$/.test(text)
    ? fromHex(text)
    : fromBase64(text.replace(/-----(BEGIN|END) PUBLIC KEY-----/g, "").replace(/\s+/g, ""));
  if (!bytes) return fail();
  if (bytes.length === 32) return bytes;
  const prefix = [...bytes.subarray(0, 12)].map((b) => b.toString(16).padStart(2, "0")).join("");
  if (bytes.length === 44 && prefix === ED25519_SPKI_PREFIX) return bytes.slice(12);
  return fail();
}

/** An RSA public key (PEM SubjectPublicKeyInfo) for RSASSA-PKCS1-v1_5 with SHA-256. */
export function rsaKey(pem: string): Promise<CryptoKey> {
  let promise = cache.get(pem);
  if (!promise) {
    const der = fromBase64(pem.replace(/-----(BEGIN|END) PUBLIC KEY-----/g, "").replace(/\s+/g, ""));
    if (!der) throw new ConfigurationError("legacyRsaPublicKey is not a PEM public key");
    promise = crypto.subtle.importKey("spki", der, { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" }, false, [
      "verify",
    ]);
    cache.set(pem, promise);
  }
  return promise;
}
