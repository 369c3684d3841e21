import type { OperationRules } from "../validate/table.js";

/** Response bodies as HighLevel sends them, one shape per status (the spec's error schemas). */

const STATUS_TEXT: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  422: "Unprocessable Entity",
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  if (body === undefined) return new Response(null, { status, headers });
  return new Response(JSON.stringify(body), {
    status,
    headers: { ...headers, "content-type": "application/json" },
  });
}

export function statusText(status: number): string {
  return STATUS_TEXT[status] ?? (status >= 500 ? "Server Error" : "Error");
}

/** The error body of a status: `message` a list for 422, `error` where the spec gives one. */
export function errorBody(
  status: number,
  message: string | string[] = statusText(status),
): Record<string, unknown> {
  if (status === 422) return { statusCode: 422, message: [message].flat(), error: statusText(422) };
  const text = [message].flat().join("; ");
  if (status === 400 || status === 404 || status === 429) return { statusCode: status, message: text };
  return { statusCode: status, message: text, error: statusText(status) };
}

/** Values refused: 422 with the list, or 400 where the operation has no 422 in the spec. */
export function stateRejection(rules: OperationRules, messages: string[]): [number, unknown] {
  const status = rules.responses["422"] !== undefined ? 422 : 400;
  return [status, errorBody(status, messages)];
}
