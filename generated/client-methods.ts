// Generated from openapi/voice-ai.yaml by scripts/generate.ts. Do not edit by hand:
// change the spec and run `npm run generate`.

import type { operations } from "./schema.js";
import type {
  Action,
  ActionRequest,
  ActionType,
  Agent,
  AgentCreate,
  AgentList,
  AgentPatch,
  AgentWithActions,
  CallLog,
  CallLogList,
  CallLogSortField,
  CallType,
  SortDirection,
} from "./models.js";
import type {
  APIPromise,
  CallOptions,
  OptionalWithLocation,
  Page,
  SuccessBody,
  WithBodyLocation,
  WithLocation,
} from "../src/client/call-types.js";

/** Parameters of `actions.create`. */
export interface ActionsCreateParams {
  /** The request body. */
  body: ActionRequest;
}

/** Parameters of `agents.create`. */
export interface AgentsCreateParams {
  /** The request body. */
  body: AgentCreate;
}

/** Parameters of `actions.delete`. */
export interface ActionsDeleteParams {
  /** ID of the action. */
  actionId: operations["deleteAction"]["parameters"]["path"]["actionId"];
  /**
   * ID of the location (sub-account) the request applies to.
   * Default: the client's `locationId`.
   */
  locationId?: NonNullable<operations["deleteAction"]["parameters"]["query"]>["locationId"];
  /** ID of the agent the action is attached to. */
  agentId: NonNullable<operations["deleteAction"]["parameters"]["query"]>["agentId"];
}

/** Parameters of `agents.delete`. */
export interface AgentsDeleteParams {
  /** ID of the agent. */
  agentId: operations["deleteAgent"]["parameters"]["path"]["agentId"];
  /**
   * ID of the location (sub-account) the request applies to.
   * Default: the client's `locationId`.
   */
  locationId?: NonNullable<operations["deleteAgent"]["parameters"]["query"]>["locationId"];
}

/** Parameters of `actions.get`. */
export interface ActionsGetParams {
  /** ID of the action. */
  actionId: operations["getAction"]["parameters"]["path"]["actionId"];
  /**
   * ID of the location (sub-account) the request applies to.
   * Default: the client's `locationId`.
   */
  locationId?: NonNullable<operations["getAction"]["parameters"]["query"]>["locationId"];
}

/** Parameters of `agents.get`. */
export interface AgentsGetParams {
  /** ID of the agent. */
  agentId: operations["getAgent"]["parameters"]["path"]["agentId"];
  /**
   * ID of the location (sub-account) the request applies to.
   * Default: the client's `locationId`.
   */
  locationId?: NonNullable<operations["getAgent"]["parameters"]["query"]>["locationId"];
}

/** Parameters of `callLogs.get`. */
export interface CallLogsGetParams {
  /** ID of the call. */
  callId: operations["getCallLog"]["parameters"]["path"]["callId"];
  /**
   * ID of the location (sub-account) the request applies to.
   * Default: the client's `locationId`.
   */
  locationId?: NonNullable<operations["getCallLog"]["parameters"]["query"]>["locationId"];
}

/** What the lists of `agents.list` can be narrowed and sorted by. */
export interface AgentFilters {
  /**
   * ID of the location (sub-account) the request applies to.
   * Default: the client's `locationId`.
   */
  locationId?: NonNullable<operations["listAgents"]["parameters"]["query"]>["locationId"];
  /** Free-text search over the agents of the location. */
  query?: NonNullable<operations["listAgents"]["parameters"]["query"]>["query"];
}

/** Parameters of `agents.listAll` and `agents.listPages`: the filters and the page size. */
export interface AgentsListAllParams extends AgentFilters {
  /** Number of items on a page, at most 50. */
  pageSize?: NonNullable<operations["listAgents"]["parameters"]["query"]>["pageSize"];
}

/** Parameters of `agents.list`. */
export interface AgentsListParams extends AgentsListAllParams {
  /** Number of the page to return, starting at 1. */
  page?: NonNullable<operations["listAgents"]["parameters"]["query"]>["page"];
}

/** What the lists of `callLogs.list` can be narrowed and sorted by. */
export interface CallLogFilters {
  /**
   * ID of the location (sub-account) the request applies to.
   * Default: the client's `locationId`.
   */
  locationId?: NonNullable<operations["listCallLogs"]["parameters"]["query"]>["locationId"];
  /** Only logs of calls handled by this agent. */
  agentId?: NonNullable<operations["listCallLogs"]["parameters"]["query"]>["agentId"];
  /** Only logs of calls with these contacts. Sent as one comma-separated value. */
  contactId?: NonNullable<operations["listCallLogs"]["parameters"]["query"]>["contactId"];
  /** Only live calls or only trial calls. */
  callType?: CallType;
  /**
   * Start of the time range, as a Unix timestamp in milliseconds. Must be less than
   * `endDate`, and the two must be given together.
   */
  startDate?: NonNullable<operations["listCallLogs"]["parameters"]["query"]>["startDate"];
  /**
   * End of the time range, as a Unix timestamp in milliseconds. Must be greater than
   * `startDate`, and the two must be given together.
   */
  endDate?: NonNullable<operations["listCallLogs"]["parameters"]["query"]>["endDate"];
  /** Only logs of calls in which an action of one of these types ran. Sent as one comma-separated value. */
  actionType?: ActionType[];
  /** Field to sort by. The newest calls come first when it is omitted. */
  sortBy?: CallLogSortField;
  /** Sort direction; only used together with `sortBy`. */
  sort?: SortDirection;
}

/** Parameters of `callLogs.listAll` and `callLogs.listPages`: the filters and the page size. */
export interface CallLogsListAllParams extends CallLogFilters {
  /** Number of call logs on a page, at most 50. */
  pageSize?: NonNullable<operations["listCallLogs"]["parameters"]["query"]>["pageSize"];
}

/** Parameters of `callLogs.list`. */
export interface CallLogsListParams extends CallLogsListAllParams {
  /** Number of the page to return, starting at 1. */
  page?: NonNullable<operations["listCallLogs"]["parameters"]["query"]>["page"];
}

/** Parameters of `agents.patch`. */
export interface AgentsPatchParams {
  /** ID of the agent. */
  agentId: operations["patchAgent"]["parameters"]["path"]["agentId"];
  /**
   * ID of the location (sub-account) the request applies to.
   * Default: the client's `locationId`.
   */
  locationId?: NonNullable<operations["patchAgent"]["parameters"]["query"]>["locationId"];
  /** The request body. */
  body: AgentPatch;
}

/** Parameters of `actions.update`. */
export interface ActionsUpdateParams {
  /** ID of the action. */
  actionId: operations["updateAction"]["parameters"]["path"]["actionId"];
  /** The request body. */
  body: ActionRequest;
}

/**
 * Actions an agent can take during a call. Each action has an `actionType`, and its
 * `actionParameters` take the shape that belongs to that type: a call transfer needs a
 * phone number, an SMS needs a message body, an appointment booking needs a calendar.
 */
export interface ActionsMethods<D extends boolean = boolean> {
  /**
   * Create an action
   *
   * Attaches a new action to an agent. `actionType` decides the shape of `actionParameters`;
   * the examples show one body per action type.
   */
  create(params: WithBodyLocation<ActionsCreateParams, D>, options?: CallOptions): APIPromise<Action>;
  /**
   * Delete an action
   *
   * Removes an action from its agent for good. Both the location and the agent the action
   * belongs to must be given in the query string.
   */
  delete(params: WithLocation<ActionsDeleteParams, D>, options?: CallOptions): APIPromise<undefined>;
  /**
   * Get an action
   *
   * Returns one action with its type-specific parameters.
   */
  get(params: WithLocation<ActionsGetParams, D>, options?: CallOptions): APIPromise<Action>;
  /**
   * Replace an action
   *
   * Replaces an action's name, type and parameters. Unlike the other operations on an
   * existing resource, this one takes `locationId` (and `agentId`) in the body rather than
   * in the query string.
   */
  update(params: WithBodyLocation<ActionsUpdateParams, D>, options?: CallOptions): APIPromise<Action>;
}

/**
 * Voice AI agents: the AI receptionists that answer a location's calls. An agent holds its
 * voice, language, prompt, greeting, working hours, call limits and post-call notification
 * settings, plus the actions it may take.
 */
export interface AgentsMethods<D extends boolean = boolean> {
  /**
   * Create an agent
   *
   * Creates a Voice AI agent in a location. Every setting except `locationId` is optional;
   * the server fills in a generated name, greeting, prompt and voice when they are omitted.
   */
  create(params: WithBodyLocation<AgentsCreateParams, D>, options?: CallOptions): APIPromise<Agent>;
  /**
   * Delete an agent
   *
   * Deletes an agent and its configuration. The call logs it produced are kept.
   */
  delete(params: WithLocation<AgentsDeleteParams, D>, options?: CallOptions): APIPromise<undefined>;
  /**
   * Get an agent
   *
   * Returns the full configuration of one agent, including the actions attached to it.
   */
  get(params: WithLocation<AgentsGetParams, D>, options?: CallOptions): APIPromise<AgentWithActions>;
  /**
   * List agents
   *
   * Returns one page of the agents of a location, optionally filtered by a search query.
   */
  list(params: OptionalWithLocation<AgentsListParams, D>, options?: CallOptions): APIPromise<AgentList>;
  /** List agents: every item of every page, each once. Pages are fetched as the loop asks for them. */
  listAll(
    params: OptionalWithLocation<AgentsListAllParams, D>,
    options?: CallOptions,
  ): AsyncIterableIterator<AgentWithActions>;
  /** List agents: page by page, each with `total` and its `items`. Pages are fetched as the loop asks for them. */
  listPages(
    params: OptionalWithLocation<AgentsListAllParams, D>,
    options?: CallOptions,
  ): AsyncIterableIterator<Page<AgentWithActions>>;
  /**
   * Update an agent
   *
   * Changes the settings given in the body and leaves every other setting of the agent as it is.
   */
  patch(params: WithLocation<AgentsPatchParams, D>, options?: CallOptions): APIPromise<Agent>;
}

/**
 * Logs of the calls Voice AI agents have handled: who called, how long the call lasted,
 * its summary and transcript, the actions executed and the data extracted.
 */
export interface CallLogsMethods<D extends boolean = boolean> {
  /**
   * Get a call log
   *
   * Returns the log of one call.
   */
  get(params: WithLocation<CallLogsGetParams, D>, options?: CallOptions): APIPromise<CallLog>;
  /**
   * List call logs
   *
   * Returns one page of the call logs of a location. The logs can be narrowed to one agent,
   * to some contacts, to live or trial calls, to calls in which given action types ran, and
   * to a time range; they can be sorted by duration or creation time. Without `sortBy` the
   * newest calls come first.
   */
  list(params: OptionalWithLocation<CallLogsListParams, D>, options?: CallOptions): APIPromise<CallLogList>;
  /** List call logs: every item of every page, each once. Pages are fetched as the loop asks for them. */
  listAll(
    params: OptionalWithLocation<CallLogsListAllParams, D>,
    options?: CallOptions,
  ): AsyncIterableIterator<CallLog>;
  /** List call logs: page by page, each with `total` and its `items`. Pages are fetched as the loop asks for them. */
  listPages(
    params: OptionalWithLocation<CallLogsListAllParams, D>,
    options?: CallOptions,
  ): AsyncIterableIterator<Page<CallLog>>;
}

/** Every method of the client, by group. `D` says whether the client has a default `locationId`: `true`, `false`, or `boolean` when either is possible. */
export interface VoiceAIMethods<D extends boolean = boolean> {
  /**
   * Actions an agent can take during a call. Each action has an `actionType`, and its
   * `actionParameters` take the shape that belongs to that type: a call transfer needs a
   * phone number, an SMS needs a message body, an appointment booking needs a calendar.
   */
  readonly actions: ActionsMethods<D>;
  /**
   * Voice AI agents: the AI receptionists that answer a location's calls. An agent holds its
   * voice, language, prompt, greeting, working hours, call limits and post-call notification
   * settings, plus the actions it may take.
   */
  readonly agents: AgentsMethods<D>;
  /**
   * Logs of the calls Voice AI agents have handled: who called, how long the call lasted,
   * its summary and transcript, the actions executed and the data extracted.
   */
  readonly callLogs: CallLogsMethods<D>;
}
