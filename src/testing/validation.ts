/**
 * The fake's checks of a request against the spec (the same validators as
 * `highlevel-voice-ai/validate`): JSON body, query, path ids, the Version header, the if/then
 * and prose rules, and the location of the token. Answers 400, 403 or 422 as HighLevel does.
 */
import { parseQueryValue, validateRequest } from "../validate/request.js";
import type { OperationRules } from "../validate/table.js";
import type { FakeContext, RouteInput } from "./context.js";
import { errorBody, stateRejection } from "./responses.js";

const MAX_BODY = 1_000_000;
type Rejection = { status: number; body: unknown };
type Found = { operationId: string; rules: OperationRules; path: Record<string, string> };

export async function checkRequest(
  ctx: FakeContext,
  { operationId, rules, path }: Found,
  request: Request,
  url: URL,
  tokenLocation: string,
): Promise<Omit<RouteInput, "ctx"> | Rejection> {
  let body: unknown;
  if (rules.body) {
    const text = await request.text();
    if (text.length > MAX_BODY) return { status: 400, body: errorBody(400, "The request body is too large") };
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      return { status: 400, body: errorBody(400, "The request body is not valid JSON") };
    }
  }
  const query: Record<string, unknown> = {};
  for (const name of new Set(url.searchParams.keys())) {
    const raw = url.searchParams.getAll(name).join(",");
    const param = rules.parameters.find((p) => p.in === "query" && p.name === name);
    query[name] = param ? parseQueryValue(param, raw) : raw;
  }
  const headers = Object.fromEntries(request.headers);
  const location = ctx.locations.get(tokenLocation)!;
  const agent = operationId === "patchAgent" ? location.agents.get(path.agentId!) : undefined;
  const violations = validateRequest(operationId, { path, query, headers, body }, { agent });
  const wrongHeader = violations.filter((v) => v.path.startsWith("header."));
  if (wrongHeader.length > 0)
    return {
      status: 400,
      body: errorBody(
        400,
        wrongHeader.map((v) => `${v.path}: ${v.rule}`),
      ),
    };
  if (violations.length > 0) {
    const [status, rejection] = stateRejection(
      rules,
      violations.map((v) => `${v.path}: ${v.rule}`),
    );
    return { status, body: rejection };
  }
  // The token's location is the only one it may act on.
  const named = query.locationId ?? (body as { locationId?: unknown } | undefined)?.locationId;
  if (named !== tokenLocation)
    return { status: 403, body: errorBody(403, "The token does not have access to this location.") };
  return { location, path, query, body: (body ?? {}) as Record<string, unknown> };
}
