/**
 * The fake's state: per location its agents, their actions and its call logs; and the tokens
 * it accepts. Objects of one location are invisible from another (a lookup answers undefined).
 */
import type { components } from "../../generated/schema.js";

export type Agent = components["schemas"]["Agent"];
export type Action = components["schemas"]["Action"];
export type CallLog = components["schemas"]["CallLog"];
export type ActionRequest = components["schemas"]["ActionRequest"];

/** An action as stored: the response shape plus the agent it belongs to. */
export interface StoredAction {
  agentId: string;
  action: Action;
}

export interface LocationState {
  id: string;
  name: string;
  timezone: string;
  /** In creation order. */
  agents: Map<string, Agent>;
  actions: Map<string, StoredAction>;
  /** Newest first. */
  callLogs: CallLog[];
}

export interface FakeLocation {
  id: string;
  /** The business name new agents get by default. */
  name?: string;
  /** The timezone new agents get by default; "America/New_York" unless given. */
  timezone?: string;
}

/** The actions of an agent, in creation order, as the API shows them. */
export function actionsOf(location: LocationState, agentId: string): Action[] {
  const out: Action[] = [];
  for (const stored of location.actions.values()) if (stored.agentId === agentId) out.push(stored.action);
  return out;
}

/** Deletes an agent and every action attached to it; its call logs stay, marked as the deleted agent's. */
export function deleteAgent(location: LocationState, agentId: string): void {
  location.agents.delete(agentId);
  for (const [id, stored] of location.actions) if (stored.agentId === agentId) location.actions.delete(id);
  for (const log of location.callLogs) if (log.agentId === agentId) log.isAgentDeleted = true;
}

export interface TokenGrant {
  locationId: string;
  /** Epoch ms after which the token is refused (401); none: never. */
  expiresAt?: number;
}

/** Tokens the fake accepts, each for one location. The OAuth part of the fake adds its own. */
export class TokenRegistry {
  readonly #grants = new Map<string, TokenGrant>();
  add(token: string, grant: TokenGrant): void {
    this.#grants.set(token, grant);
  }
  remove(token: string): void {
    this.#grants.delete(token);
  }
  /** The location of a valid token at `now`, or undefined. */
  locationOf(token: string, now: number): string | undefined {
    const grant = this.#grants.get(token);
    if (!grant || (grant.expiresAt !== undefined && now >= grant.expiresAt)) return undefined;
    return grant.locationId;
  }
  clear(): void {
    this.#grants.clear();
  }
}
