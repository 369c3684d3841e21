/** Small text helpers for error messages and fields. */
/** Shortens a long value for a message, keeping both ends. */
export const shorten = (text: string, max = 120) =>
  text.length <= max ? text : `${text.slice(0, max / 2 - 1)}…${text.slice(-max / 2)}`;

/** The server's id for a response, for support requests and logs. */
export const requestIdOf = (headers: Headers) =>
  headers.get("x-request-id") ?? headers.get("request-id") ?? undefined;
