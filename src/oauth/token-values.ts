/** Checks and conversions of what token endpoints answer, and the revoked form of a record. */
import { InvalidResponseError } from "../errors/index.js";
import type { ReauthorizationReason } from "./errors.js";
import type { InstallationRecord } from "./records.js";

const DEFAULT_LIFETIME_S = 3_600;
const MAX_LIFETIME_S = 366 * 24 * 3_600;

/** A store write's options: fenced by the installation's lock when the store has locks. */
export const fenced = (fence: number | undefined) => (fence === undefined ? undefined : { fence });

export function revoke(record: InstallationRecord, reason: ReauthorizationReason): InstallationRecord {
  return {
    ...record,
    accessToken: undefined,
    refreshToken: undefined,
    expiresAt: undefined,
    revoked: reason,
  };
}

/** A token goes into an Authorization header: printable ASCII, bounded. */
export function checkToken(value: unknown, field: string): string {
  if (typeof value === "string" && /^[\x21-\x7e]{1,8192}$/.test(value)) return value;
  throw new InvalidResponseError(
    { operationId: "getAccessToken", method: "POST", url: "" },
    200,
    `the response has no usable ${field}`,
    "",
  );
}

export const optionalToken = (value: unknown) =>
  value === undefined || value === null || value === "" ? undefined : checkToken(value, "refresh_token");

/** `expires_in` (seconds) in ms; a missing or absurd value counts as an hour. */
export function lifetimeMs(expiresIn: unknown): number {
  const seconds =
    typeof expiresIn === "number" && Number.isFinite(expiresIn) && expiresIn > 0
      ? Math.min(expiresIn, MAX_LIFETIME_S)
      : DEFAULT_LIFETIME_S;
  return seconds * 1000;
}
