/**
 * The stored form of an installation: its tokens and what it covers. Records are JSON in the
 * store; what callers get back is the public view, which holds no token.
 */
import { InvalidRequestError } from "../errors/index.js";
import type { ReauthorizationReason } from "./errors.js";

export type UserType = "Location" | "Company";

export interface InstallationRecord {
  v: 1;
  userType: UserType;
  locationId?: string | undefined;
  companyId?: string | undefined;
  userId?: string | undefined;
  /** Absent on a placeholder: a Location known to be covered by its agency's install. */
  accessToken?: string | undefined;
  refreshToken?: string | undefined;
  /** Epoch ms at which the access token expires. */
  expiresAt?: number | undefined;
  /** Epoch ms at which it was asked for: its lifetime is `expiresAt - issuedAt`. */
  issuedAt?: number | undefined;
  scope?: string | undefined;
  planId?: string | undefined;
  approvedLocations?: string[] | undefined;
  isBulkInstallation?: boolean | undefined;
  installToFutureLocations?: boolean | undefined;
  approveAllLocations?: boolean | undefined;
  /** The Location token was minted from the agency's token (renewed the same way). */
  mintedFromCompany?: boolean | undefined;
  /** Set when the installation can no longer obtain tokens: calls fail fast with this reason. */
  revoked?: ReauthorizationReason | undefined;
}

/** An installation as the package reports it: everything but the tokens. */
export interface Installation {
  userType: UserType;
  locationId: string | undefined;
  companyId: string | undefined;
  userId: string | undefined;
  scopes: string[];
  /** When the current access token expires (epoch ms), if one is held. */
  expiresAt: number | undefined;
  planId: string | undefined;
  approvedLocations: string[];
  isBulkInstallation: boolean;
  installToFutureLocations: boolean;
  approveAllLocations: boolean;
  /** The Location token comes from the agency install (`POST /oauth/locationToken`). */
  mintedFromCompany: boolean;
  revoked: ReauthorizationReason | undefined;
}

export function publicView(record: InstallationRecord): Installation {
  return {
    userType: record.userType,
    locationId: record.locationId,
    companyId: record.companyId,
    userId: record.userId,
    scopes: record.scope ? record.scope.split(" ").filter(Boolean) : [],
    expiresAt: record.accessToken ? record.expiresAt : undefined,
    planId: record.planId,
    approvedLocations: [...(record.approvedLocations ?? [])],
    isBulkInstallation: record.isBulkInstallation === true,
    installToFutureLocations: record.installToFutureLocations === true,
    approveAllLocations: record.approveAllLocations === true,
    mintedFromCompany: record.mintedFromCompany === true,
    revoked: record.revoked,
  };
}

/** IDs are opaque, but they become store keys and form fields: keep them printable and short. */
export const isId = (value: unknown): value is string =>
  typeof value === "string" && /^[\w.:-]{1,128}$/.test(value) && value !== "__proto__";

export function checkId(name: string, value: unknown): string {
  if (!isId(value)) {
    const shown = typeof value === "string" ? JSON.stringify(value.slice(0, 40)) : typeof value;
    throw new InvalidRequestError(
      `${name} must be 1-128 letters, digits, '_', '-', '.' or ':', got ${shown}`,
    );
  }
  return value;
}

export const keyFor = (userType: UserType, id: string) =>
  `highlevel-oauth:${userType === "Location" ? "location" : "company"}:${id}`;

export function serialize(record: InstallationRecord): string {
  return JSON.stringify(record);
}

/** A stored record, or undefined when the stored text is not one (a corrupt entry is ignored). */
export function parseRecord(text: string | undefined): InstallationRecord | undefined {
  if (text === undefined) return undefined;
  try {
    const value = JSON.parse(text) as InstallationRecord;
    if (value && value.v === 1 && (value.userType === "Location" || value.userType === "Company")) {
      return value;
    }
  } catch {
    // fall through: not a record of ours
  }
  return undefined;
}
