/** What a token source is told about the call it is asked a token for. */
export interface TokenContext {
  locationId: string | undefined;
  operationId: string | undefined;
  signal: AbortSignal | undefined;
}

/** A source of access tokens that may hold one per location (an OAuth app's installations). */
export interface TokenProvider {
  getToken(ctx: TokenContext): string | Promise<string>;
  /** The server answered 401 to this token: drop it so the next getToken refreshes. */
  invalidate?(ctx: TokenContext, token: string): void | Promise<void>;
}
