/**
 * What went wrong inside the pipeline, before it becomes a public error. Stages throw these;
 * the errors stage alone turns them into the typed errors users catch.
 */
export type FailureKind =
  /** The connection failed before the request left (refused, DNS): safe to retry any method. */
  | "connect"
  /** The connection failed after the request may have been sent (reset, closed, unknown). */
  | "network"
  /** The attempt's timer (timeoutMs or the call's deadline) fired. */
  | "timeout"
  /** The caller's signal fired. */
  | "abort"
  /** A 2xx whose body is not what the operation promises. */
  | "invalid-response"
  /** A redirect that could not be followed (no Location, too many hops). */
  | "redirect"
  /** The location's daily quota is spent: nothing was sent. */
  | "daily-quota"
  /** A local mistake found before sending (a bad token from the provider, say). */
  | "configuration";

export class Failure {
  constructor(
    readonly kind: FailureKind,
    /** A short reason, safe to show (no secrets). */
    readonly reason: string,
    readonly details: {
      cause?: unknown;
      attempt?: number;
      status?: number;
      /** The start of the body, for an invalid response. */
      snippet?: string;
      /** For "daily-quota": when the quota is expected back. */
      waitMs?: number;
      /** The server acted on the request (see `Answered.acted`): it is not sent again. */
      acted?: boolean;
    } = {},
  ) {}
}
