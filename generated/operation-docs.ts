// Generated from openapi/voice-ai.yaml by scripts/generate.ts. Do not edit by hand:
// change the spec and run `npm run generate`.

import type { OperationId } from "./operations.js";

/** What the spec says of one operation, for people: `--help` and error messages of the CLI. */
export interface OperationDocs {
  readonly summary: string;
  readonly description: string;
  /** The OAuth scopes a token needs for it. */
  readonly scopes: readonly string[];
  /** The description of each path and query parameter, by name. */
  readonly parameters: { readonly [name: string]: string };
  /** The request body's schema in components, when it has one. */
  readonly bodySchema?: string;
  /** A page-based list: the array of items in a page, and the properties of one item. */
  readonly items?: { readonly name: string; readonly properties: readonly string[] };
}

export const operationDocs: { readonly [id in OperationId]: OperationDocs } = {
  createAction: {
    summary: "Create an action",
    description:
      "Attaches a new action to an agent. `actionType` decides the shape of `actionParameters`;\nthe examples show one body per action type.",
    scopes: ["voice-ai-agent-goals.write"],
    parameters: {},
    bodySchema: "ActionRequest",
  },
  createAgent: {
    summary: "Create an agent",
    description:
      "Creates a Voice AI agent in a location. Every setting except `locationId` is optional;\nthe server fills in a generated name, greeting, prompt and voice when they are omitted.",
    scopes: ["voice-ai-agents.write"],
    parameters: {},
    bodySchema: "CreateAgentRequest",
  },
  deleteAction: {
    summary: "Delete an action",
    description:
      "Removes an action from its agent for good. Both the location and the agent the action\nbelongs to must be given in the query string.",
    scopes: ["voice-ai-agent-goals.write"],
    parameters: {
      actionId: "ID of the action.",
      locationId: "ID of the location (sub-account) the request applies to.",
      agentId: "ID of the agent the action is attached to.",
    },
  },
  deleteAgent: {
    summary: "Delete an agent",
    description: "Deletes an agent and its configuration. The call logs it produced are kept.",
    scopes: ["voice-ai-agents.write"],
    parameters: {
      agentId: "ID of the agent.",
      locationId: "ID of the location (sub-account) the request applies to.",
    },
  },
  getAction: {
    summary: "Get an action",
    description: "Returns one action with its type-specific parameters.",
    scopes: ["voice-ai-agent-goals.readonly"],
    parameters: {
      actionId: "ID of the action.",
      locationId: "ID of the location (sub-account) the request applies to.",
    },
  },
  getAgent: {
    summary: "Get an agent",
    description: "Returns the full configuration of one agent, including the actions attached to it.",
    scopes: ["voice-ai-agents.readonly"],
    parameters: {
      agentId: "ID of the agent.",
      locationId: "ID of the location (sub-account) the request applies to.",
    },
  },
  getCallLog: {
    summary: "Get a call log",
    description: "Returns the log of one call.",
    scopes: ["voice-ai-dashboard.readonly"],
    parameters: {
      callId: "ID of the call.",
      locationId: "ID of the location (sub-account) the request applies to.",
    },
  },
  listAgents: {
    summary: "List agents",
    description: "Returns one page of the agents of a location, optionally filtered by a search query.",
    scopes: ["voice-ai-agents.readonly"],
    parameters: {
      page: "Number of the page to return, starting at 1.",
      pageSize: "Number of items on a page, at most 50.",
      locationId: "ID of the location (sub-account) the request applies to.",
      query: "Free-text search over the agents of the location.",
    },
    items: {
      name: "agents",
      properties: [
        "id",
        "locationId",
        "agentName",
        "businessName",
        "welcomeMessage",
        "agentPrompt",
        "voiceId",
        "language",
        "patienceLevel",
        "maxCallDuration",
        "sendUserIdleReminders",
        "reminderAfterIdleTimeSeconds",
        "inboundNumber",
        "numberPoolId",
        "callEndWorkflowIds",
        "sendPostCallNotificationTo",
        "agentWorkingHours",
        "timezone",
        "isAgentAsBackupDisabled",
        "translation",
        "actions",
      ],
    },
  },
  listCallLogs: {
    summary: "List call logs",
    description:
      "Returns one page of the call logs of a location. The logs can be narrowed to one agent,\nto some contacts, to live or trial calls, to calls in which given action types ran, and\nto a time range; they can be sorted by duration or creation time. Without `sortBy` the\nnewest calls come first.",
    scopes: ["voice-ai-dashboard.readonly"],
    parameters: {
      locationId: "ID of the location (sub-account) the request applies to.",
      agentId: "Only logs of calls handled by this agent.",
      contactId: "Only logs of calls with these contacts. Sent as one comma-separated value.",
      callType: "Only live calls or only trial calls.",
      startDate:
        "Start of the time range, as a Unix timestamp in milliseconds. Must be less than `endDate`, and the two must be given together.",
      endDate:
        "End of the time range, as a Unix timestamp in milliseconds. Must be greater than `startDate`, and the two must be given together.",
      actionType:
        "Only logs of calls in which an action of one of these types ran. Sent as one comma-separated value.",
      sortBy: "Field to sort by. The newest calls come first when it is omitted.",
      sort: "Sort direction; only used together with `sortBy`.",
      page: "Number of the page to return, starting at 1.",
      pageSize: "Number of call logs on a page, at most 50.",
    },
    items: {
      name: "callLogs",
      properties: [
        "id",
        "contactId",
        "agentId",
        "isAgentDeleted",
        "fromNumber",
        "createdAt",
        "duration",
        "trialCall",
        "executedCallActions",
        "summary",
        "transcript",
        "translation",
        "extractedData",
        "messageId",
      ],
    },
  },
  patchAgent: {
    summary: "Update an agent",
    description:
      "Changes the settings given in the body and leaves every other setting of the agent as it is.",
    scopes: ["voice-ai-agents.write"],
    parameters: {
      agentId: "ID of the agent.",
      locationId: "ID of the location (sub-account) the request applies to.",
    },
    bodySchema: "PatchAgentRequest",
  },
  updateAction: {
    summary: "Replace an action",
    description:
      "Replaces an action's name, type and parameters. Unlike the other operations on an\nexisting resource, this one takes `locationId` (and `agentId`) in the body rather than\nin the query string.",
    scopes: ["voice-ai-agent-goals.write"],
    parameters: { actionId: "ID of the action." },
    bodySchema: "ActionRequest",
  },
};
