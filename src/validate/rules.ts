/**
 * Rules the spec states in words rather than in a schema: the date range of List Call Logs
 * comes as a pair, start before end; translation can only be enabled for an agent that does not
 * speak en-US, into the agent's language or en-US.
 */
import type { Violation } from "./schema-context.js";

/** What the translation rules need to know of a stored agent. */
export interface AgentFacts {
  language: string;
}

interface Parts {
  query?: Record<string, unknown>;
  body?: unknown;
}

const DEFAULT_LANGUAGE = "en-US";

export function crossFieldViolations(operationId: string, parts: Parts, agent?: AgentFacts): Violation[] {
  if (operationId === "listCallLogs") return dateRange(parts.query ?? {});
  if (operationId === "createAgent") return translation(parts.body, DEFAULT_LANGUAGE);
  if (operationId === "patchAgent") return translation(parts.body, agent?.language);
  return [];
}

function dateRange(query: Record<string, unknown>): Violation[] {
  const { startDate: start, endDate: end } = query;
  if (start === undefined && end === undefined) return [];
  if (start === undefined) return [{ path: "query.startDate", rule: "required with endDate" }];
  if (end === undefined) return [{ path: "query.endDate", rule: "required with startDate" }];
  if (typeof start === "number" && typeof end === "number" && !(start < end))
    return [{ path: "query.startDate", rule: "less than endDate" }];
  return [];
}

/** `languageBefore`: the agent's language when the body does not change it (unknown: undefined). */
function translation(body: unknown, languageBefore: string | undefined): Violation[] {
  if (typeof body !== "object" || body === null) return [];
  const { language, translation } = body as { language?: unknown; translation?: unknown };
  if (typeof translation !== "object" || translation === null) return [];
  const { enabled, language: target } = translation as { enabled?: unknown; language?: unknown };
  if (enabled !== true) return [];
  const agentLanguage = typeof language === "string" ? language : languageBefore;
  if (agentLanguage === undefined) return [];
  if (agentLanguage === DEFAULT_LANGUAGE)
    return [
      {
        path: "body.translation.enabled",
        rule: `only for an agent whose language is not ${DEFAULT_LANGUAGE}`,
      },
    ];
  if (typeof target === "string" && target !== agentLanguage && target !== DEFAULT_LANGUAGE)
    return [
      {
        path: "body.translation.language",
        rule: `the agent's language (${agentLanguage}) or ${DEFAULT_LANGUAGE}`,
      },
    ];
  return [];
}
