import { VoiceAIError } from "../errors/index.js";

/** Why an installation can no longer obtain tokens. */
export type ReauthorizationReason =
  /** The server refused the refresh token (`invalid_grant`): unknown, expired or already used. */
  | "invalid_grant"
  /** The agency install this Location's token came from can no longer obtain tokens. */
  | "company_reauthorization_required"
  /** Nothing is stored for this Location, and no agency install is known to cover it. */
  | "not_installed";

/**
 * The app must be authorized again (or installed) for this Location or agency. The installation
 * is marked in the store, so later calls fail at once with this error, without a request.
 */
export class ReauthorizationRequiredError extends VoiceAIError {
  static override readonly brand: string = "ReauthorizationRequiredError";
  readonly reason: ReauthorizationReason;
  readonly locationId: string | undefined;
  readonly companyId: string | undefined;
  constructor(
    reason: ReauthorizationReason,
    who: { locationId?: string | undefined; companyId?: string | undefined },
    detail?: string,
  ) {
    const names = [
      who.locationId === undefined ? "" : `location ${who.locationId}`,
      who.companyId === undefined ? "" : `company ${who.companyId}`,
    ].filter(Boolean);
    super(
      `Reauthorization required for ${names.join(" of ") || "this installation"}: ${REASONS[reason]}` +
        (detail ? ` (${detail})` : ""),
    );
    this.reason = reason;
    this.locationId = who.locationId;
    this.companyId = who.companyId;
  }
}

const REASONS: Record<ReauthorizationReason, string> = {
  invalid_grant: "the refresh token was refused (invalid, expired or already used)",
  company_reauthorization_required: "the agency install it depends on must be authorized again",
  not_installed: "no installation is stored and no agency install is known to cover it",
};

/** The `state` brought back to the redirect URI is not one this app issued for this browser. */
export class OAuthStateError extends VoiceAIError {
  static override readonly brand: string = "OAuthStateError";
}

/** The token store cannot be used: unreadable or corrupt file, wrong encryption key, lost lock. */
export class TokenStoreError extends VoiceAIError {
  static override readonly brand: string = "TokenStoreError";
}
