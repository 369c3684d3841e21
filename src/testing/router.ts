/**
 * Answers one request as the Voice AI API would: extra handlers first, then the operation's
 * route, after faults, authentication, rate limits and validation against the spec.
 */
import { validationTable } from "../../generated/validation.js";
import type { FakeContext, Route } from "./context.js";
import { errorBody, json, stateRejection, statusText } from "./responses.js";
import { checkRequest } from "./validation.js";
import * as actions from "./routes/actions.js";
import * as agents from "./routes/agents.js";
import * as callLogs from "./routes/call-logs.js";

/** The fake drops the connection instead of answering. */
export const RESET = Symbol("connection reset");
export type Outcome = Response | typeof RESET;

const routes: Record<string, Route> = {
  ...agents,
  deleteAgent: agents.deleteAgentRoute,
  ...actions,
  ...callLogs,
};
const table = Object.entries(validationTable.operations).map(([operationId, rules]) => ({
  operationId,
  rules,
  pattern: new RegExp(`^${rules.path.replace(/\{(\w+)\}/g, "(?<$1>[^/]+)")}$`),
}));

export function matchOperation(method: string, pathname: string) {
  for (const { operationId, rules, pattern } of table) {
    const match = rules.method === method ? pattern.exec(pathname) : null;
    if (match) return { operationId, rules, path: decodePath(match.groups ?? {}) };
  }
  return undefined;
}

function decodePath(groups: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(groups)) {
    try {
      out[name] = decodeURIComponent(value);
    } catch {
      out[name] = value;
    }
  }
  return out;
}

export async function handle(ctx: FakeContext, request: Request): Promise<Outcome> {
  for (const handler of ctx.handlers) {
    const answer = await handler(request, ctx);
    if (answer) return answer;
  }
  const url = new URL(request.url);
  const found = matchOperation(request.method, url.pathname);
  if (!found) return json(404, errorBody(404, `Cannot ${request.method} ${url.pathname}`));
  const { operationId, rules } = found;

  const fault = ctx.faults.take(operationId);
  if (fault?.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
  if (fault?.reset) return RESET;

  const token = /^Bearer (.+)$/i.exec(request.headers.get("authorization") ?? "")?.[1]?.trim() ?? "";
  const tokenLocation = token ? ctx.tokens.locationOf(token, ctx.clock()) : undefined;
  if (fault?.status !== undefined) {
    const headers = { ...ctx.rateLimits.headers(tokenLocation ?? ""), ...fault.headers };
    return json(fault.status, fault.body !== undefined ? fault.body : errorBody(fault.status), headers);
  }
  if (!tokenLocation) {
    const message = token ? "Invalid token: access token is invalid" : "Authorization header is missing";
    return json(401, errorBody(401, message), ctx.rateLimits.headers(""));
  }
  const limit = ctx.rateLimits.take(tokenLocation);
  if (!limit.allowed) return json(429, errorBody(429, statusText(429)), limit.headers);

  const checked = await checkRequest(ctx, found, request, url, tokenLocation);
  if ("status" in checked) return json(checked.status, checked.body, limit.headers);
  const result = routes[operationId]!({ ctx, ...checked });
  if (result.violations) return json(...stateRejection(rules, result.violations), limit.headers);
  if (result.status === 404) return json(404, errorBody(404, String(result.body)), limit.headers);
  return json(result.status, result.body, limit.headers);
}
