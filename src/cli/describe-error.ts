/**
 * Any error as the CLI reports it: one line naming what was wrong, the exit code of its kind
 * (exit-codes.ts), and, for a refused request, HighLevel's request id for a support ticket.
 * Messages come from the library's errors, which never hold a secret; stderr redacts anyway.
 */
import { operationDocs } from "../../generated/operation-docs.js";
import {
  APIConnectionError,
  APIError,
  AuthenticationError,
  ConfigurationError,
  InvalidRequestError,
  NotFoundError,
  PermissionDeniedError,
  QuotaExhaustedError,
  InvalidResponseError,
  APIUserAbortError,
  VoiceAIError,
} from "../index.js";
import { ReauthorizationRequiredError, TokenStoreError } from "../oauth/index.js";
import { CredentialsError } from "./auth.js";
import { CliError, ExitCode, type ExitCodeValue } from "./exit-codes.js";

export interface Described {
  message: string;
  exitCode: ExitCodeValue;
  hint?: string | undefined;
  /** The error's class, for `--json` output. */
  kind: string;
  status?: number | undefined;
  requestId?: string | undefined;
}

const REASONS: Record<string, string> = {
  invalid_grant:
    "its refresh token was refused (revoked, expired or already used): install the app there again",
  company_reauthorization_required: "the agency install it depends on must be authorized again",
  not_installed: "the token store holds no installation for it",
};

const scopesOf = (operationId: string | undefined) =>
  operationId !== undefined && Object.hasOwn(operationDocs, operationId)
    ? operationDocs[operationId as keyof typeof operationDocs].scopes
    : [];

export function describeError(error: unknown): Described {
  if (error instanceof CliError)
    return { message: error.message, exitCode: error.exitCode, hint: error.hint, kind: "CliError" };
  const kind = error instanceof Error ? error.name : typeof error;
  if (error instanceof ReauthorizationRequiredError) {
    const who = error.locationId ? `location ${error.locationId}` : `company ${error.companyId ?? "?"}`;
    return { message: `${who}: ${REASONS[error.reason] ?? error.reason}`, exitCode: ExitCode.auth, kind };
  }
  if (error instanceof CredentialsError) return { message: error.message, exitCode: ExitCode.auth, kind };
  if (error instanceof TokenStoreError) {
    const hint = /encryptionKey/.test(error.message)
      ? "set GHL_TOKEN_STORE_KEY to the key the file was written with (and only then)"
      : undefined;
    return { message: `token store: ${error.message}`, exitCode: ExitCode.auth, hint, kind };
  }
  if (error instanceof APIError) return describeApiError(error, kind);
  if (error instanceof QuotaExhaustedError)
    return {
      message: `${error.message}; try again in ${Math.ceil(error.retryAfterMs / 60_000)} min`,
      exitCode: ExitCode.failure,
      kind,
    };
  if (
    error instanceof APIConnectionError ||
    error instanceof InvalidResponseError ||
    error instanceof APIUserAbortError
  )
    return { message: error.message, exitCode: ExitCode.failure, kind };
  // Raised before anything was sent: the command line gave something the client refuses.
  if (error instanceof InvalidRequestError || error instanceof ConfigurationError)
    return { message: error.message, exitCode: ExitCode.usage, kind };
  if (error instanceof VoiceAIError) return { message: error.message, exitCode: ExitCode.failure, kind };
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === "EPIPE") return { message: "output closed early (EPIPE)", exitCode: ExitCode.failure, kind };
  const message = error instanceof Error ? error.message : String(error);
  return { message: `unexpected failure: ${message}`, exitCode: ExitCode.failure, kind };
}

function describeApiError(error: APIError, kind: string): Described {
  const said = error.messages.map((m) => m.replace(/\.$/, "")).join("; ") || "no message";
  const base = { kind, status: error.status, requestId: error.requestId };
  const request = `${error.operationId ?? error.method}`;
  if (error instanceof AuthenticationError)
    return {
      ...base,
      message: `the API refused the token (401 on ${request}): ${said}`,
      exitCode: ExitCode.auth,
      hint: "check the token, or that the app is still installed in the location",
    };
  if (error instanceof PermissionDeniedError) {
    const scopes = scopesOf(error.operationId);
    const need = scopes.length ? `; ${request} needs the scope ${scopes.join(" or ")}` : "";
    return {
      ...base,
      message: `forbidden (403 on ${request}): ${said}${need}`,
      exitCode: ExitCode.auth,
      hint: "a token of another location, or one without the scope: check --location and the token's scopes",
    };
  }
  if (error instanceof NotFoundError)
    return { ...base, message: `not found (404 on ${request}): ${said}`, exitCode: ExitCode.notFound };
  return { ...base, message: error.message, exitCode: ExitCode.failure };
}
