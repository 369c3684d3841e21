/**
 * Call logs made when they are read, for exports of millions: location `L` holds `perLocation`
 * logs, the i-th created at `start + i * stepMs`, its fields derived from (L, i). Mounted on the
 * fake through its `intercept` seam, it answers `GET /voice-ai/dashboard/call-logs` with the fake's
 * own tokens and rate limits, the date window and the ascending createdAt sort (what an export
 * asks for; anything else is answered 400), and is not journaled: neither side holds the logs.
 */
import type { FakeContext } from "../../src/testing/context.js";

const PATH = "/voice-ai/dashboard/call-logs";
const TRANSCRIPT = [
  "bot: Hello, thanks for calling. How can I help you today?",
  "human: Hi, I have a question about an order I placed last week.",
  "bot: Of course, let me look that up for you. What is the order number?",
  "human: It is ORD-1042.",
  "bot: Thank you. Your order shipped yesterday and should arrive on Friday.",
  "human: Great, that's all I needed. Thank you!",
].join("\n");

export interface LazyLogs {
  perLocation: number;
  start: number;
  stepMs: number;
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });

export const lazyId = (locationId: string, i: number) => `${locationId}-${String(i).padStart(9, "0")}`;

function log(locationId: string, i: number, at: number) {
  return {
    id: lazyId(locationId, i),
    contactId: `contact-${i % 997}`,
    agentId: `agent-${locationId}`,
    isAgentDeleted: false,
    fromNumber: `+1555${String(1_000_000 + (i % 9_000_000)).slice(0, 7)}`,
    createdAt: new Date(at).toISOString(),
    duration: 15 + (i % 600),
    trialCall: i % 5 === 0,
    executedCallActions: [
      {
        actionId: `action-${i % 7}`,
        actionType: "SMS",
        actionName: "Send the details",
        actionParameters: {
          triggerPrompt: "When the caller asks for the details",
          triggerMessage: "I'll text you the details",
          messageBody: "Thanks for calling! Here are the details.",
        },
        triggerReceivedAt: new Date(at + 5_000).toISOString(),
        executedAt: new Date(at + 20_000).toISOString(),
      },
    ],
    summary: "The caller asked about an order; the agent gave the delivery date and the call ended politely.",
    transcript: TRANSCRIPT,
    translation: { enabled: false },
    messageId: `message-${i}`,
  };
}

export function lazyCallLogs(context: () => FakeContext, lazy: LazyLogs) {
  return async (request: Request): Promise<Response | undefined> => {
    const url = new URL(request.url);
    if (request.method !== "GET" || url.pathname !== PATH) return undefined;
    const ctx = context();
    const token = /^Bearer (.+)$/i.exec(request.headers.get("authorization") ?? "")?.[1] ?? "";
    const locationId = ctx.tokens.locationOf(token, ctx.clock());
    if (!locationId || url.searchParams.get("locationId") !== locationId)
      return json(401, { statusCode: 401, message: "Invalid token: access token is invalid" });
    const limit = ctx.rateLimits.take(locationId);
    if (!limit.allowed) return json(429, { statusCode: 429, message: "Too Many Requests" }, limit.headers);
    const q = (name: string) => url.searchParams.get(name);
    const page = Number(q("page") ?? 1);
    const pageSize = Number(q("pageSize") ?? 10);
    if (
      q("sortBy") !== "createdAt" ||
      q("sort") !== "ascend" ||
      !(page >= 1) ||
      !(pageSize >= 1 && pageSize <= 50)
    )
      return json(400, {
        statusCode: 400,
        message: "lazy logs: only the ascending createdAt sort and pages",
      });
    const startDate = Number(q("startDate") ?? 0);
    const endDate = Number(q("endDate") ?? Number.MAX_SAFE_INTEGER);
    const { perLocation, start, stepMs } = lazy;
    // The logs in [startDate, endDate], by index, both ends included.
    const first = Math.max(0, Math.ceil((startDate - start) / stepMs));
    const last = Math.min(perLocation - 1, Math.floor((endDate - start) / stepMs));
    const total = Math.max(0, last - first + 1);
    const from = first + (page - 1) * pageSize;
    const callLogs = [];
    for (let i = from; i <= Math.min(last, from + pageSize - 1); i++)
      callLogs.push(log(locationId, i, start + i * stepMs));
    return json(200, { total, page, pageSize, callLogs }, limit.headers);
  };
}
