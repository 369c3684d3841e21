// Generated from openapi/voice-ai.yaml by scripts/generate.ts. Do not edit by hand:
// change the spec and run `npm run generate`.

import type { operations as OperationTypes } from "./schema.js";

/** How one operation is called: read by the client to build its methods. */
export interface OperationSpec {
  readonly operationId: string;
  readonly method: "GET" | "PUT" | "POST" | "DELETE" | "OPTIONS" | "HEAD" | "PATCH" | "TRACE";
  readonly path: string;
  /** Property of the client the method lives on, e.g. `agents`. */
  readonly group: string;
  /** Name of the method within its group, e.g. `list`. */
  readonly name: string;
  readonly pathParams: readonly string[];
  readonly query: readonly {
    readonly name: string;
    readonly required: boolean;
    readonly commaSeparated: boolean;
  }[];
  readonly body: "none" | "required" | "optional";
  readonly bodyRequired: readonly string[];
  readonly bodyLocationId: boolean;
  readonly noContent: boolean;
  readonly pagination: { readonly items: string } | null;
}

/** Base URL of the API: the first server of the spec. */
export const defaultBaseUrl = "https://services.leadconnectorhq.com";

/** Values the `Version` header accepts; the first is the client's default. */
export const apiVersions = ["2021-04-15", "v3"] as const;
export type ApiVersion = (typeof apiVersions)[number];

export const operations = {
  createAction: {
    operationId: "createAction",
    method: "POST",
    path: "/voice-ai/actions",
    group: "actions",
    name: "create",
    pathParams: [],
    query: [],
    body: "required",
    bodyRequired: ["actionParameters", "actionType", "agentId", "locationId", "name"],
    bodyLocationId: true,
    noContent: false,
    pagination: null,
  },
  createAgent: {
    operationId: "createAgent",
    method: "POST",
    path: "/voice-ai/agents",
    group: "agents",
    name: "create",
    pathParams: [],
    query: [],
    body: "required",
    bodyRequired: ["locationId"],
    bodyLocationId: true,
    noContent: false,
    pagination: null,
  },
  deleteAction: {
    operationId: "deleteAction",
    method: "DELETE",
    path: "/voice-ai/actions/{actionId}",
    group: "actions",
    name: "delete",
    pathParams: ["actionId"],
    query: [
      { name: "locationId", required: true, commaSeparated: false },
      { name: "agentId", required: true, commaSeparated: false },
    ],
    body: "none",
    bodyRequired: [],
    bodyLocationId: false,
    noContent: true,
    pagination: null,
  },
  deleteAgent: {
    operationId: "deleteAgent",
    method: "DELETE",
    path: "/voice-ai/agents/{agentId}",
    group: "agents",
    name: "delete",
    pathParams: ["agentId"],
    query: [{ name: "locationId", required: true, commaSeparated: false }],
    body: "none",
    bodyRequired: [],
    bodyLocationId: false,
    noContent: true,
    pagination: null,
  },
  getAction: {
    operationId: "getAction",
    method: "GET",
    path: "/voice-ai/actions/{actionId}",
    group: "actions",
    name: "get",
    pathParams: ["actionId"],
    query: [{ name: "locationId", required: true, commaSeparated: false }],
    body: "none",
    bodyRequired: [],
    bodyLocationId: false,
    noContent: false,
    pagination: null,
  },
  getAgent: {
    operationId: "getAgent",
    method: "GET",
    path: "/voice-ai/agents/{agentId}",
    group: "agents",
    name: "get",
    pathParams: ["agentId"],
    query: [{ name: "locationId", required: true, commaSeparated: false }],
    body: "none",
    bodyRequired: [],
    bodyLocationId: false,
    noContent: false,
    pagination: null,
  },
  getCallLog: {
    operationId: "getCallLog",
    method: "GET",
    path: "/voice-ai/dashboard/call-logs/{callId}",
    group: "callLogs",
    name: "get",
    pathParams: ["callId"],
    query: [{ name: "locationId", required: true, commaSeparated: false }],
    body: "none",
    bodyRequired: [],
    bodyLocationId: false,
    noContent: false,
    pagination: null,
  },
  listAgents: {
    operationId: "listAgents",
    method: "GET",
    path: "/voice-ai/agents",
    group: "agents",
    name: "list",
    pathParams: [],
    query: [
      { name: "page", required: false, commaSeparated: false },
      { name: "pageSize", required: false, commaSeparated: false },
      { name: "locationId", required: true, commaSeparated: false },
      { name: "query", required: false, commaSeparated: false },
    ],
    body: "none",
    bodyRequired: [],
    bodyLocationId: false,
    noContent: false,
    pagination: { items: "agents" },
  },
  listCallLogs: {
    operationId: "listCallLogs",
    method: "GET",
    path: "/voice-ai/dashboard/call-logs",
    group: "callLogs",
    name: "list",
    pathParams: [],
    query: [
      { name: "locationId", required: true, commaSeparated: false },
      { name: "agentId", required: false, commaSeparated: false },
      { name: "contactId", required: false, commaSeparated: true },
      { name: "callType", required: false, commaSeparated: false },
      { name: "startDate", required: false, commaSeparated: false },
      { name: "endDate", required: false, commaSeparated: false },
      { name: "actionType", required: false, commaSeparated: true },
      { name: "sortBy", required: false, commaSeparated: false },
      { name: "sort", required: false, commaSeparated: false },
      { name: "page", required: false, commaSeparated: false },
      { name: "pageSize", required: false, commaSeparated: false },
    ],
    body: "none",
    bodyRequired: [],
    bodyLocationId: false,
    noContent: false,
    pagination: { items: "callLogs" },
  },
  patchAgent: {
    operationId: "patchAgent",
    method: "PATCH",
    path: "/voice-ai/agents/{agentId}",
    group: "agents",
    name: "patch",
    pathParams: ["agentId"],
    query: [{ name: "locationId", required: true, commaSeparated: false }],
    body: "required",
    bodyRequired: [],
    bodyLocationId: false,
    noContent: false,
    pagination: null,
  },
  updateAction: {
    operationId: "updateAction",
    method: "PUT",
    path: "/voice-ai/actions/{actionId}",
    group: "actions",
    name: "update",
    pathParams: ["actionId"],
    query: [],
    body: "required",
    bodyRequired: ["actionParameters", "actionType", "agentId", "locationId", "name"],
    bodyLocationId: true,
    noContent: false,
    pagination: null,
  },
} as const satisfies Record<keyof OperationTypes, OperationSpec>;

export type OperationId = keyof typeof operations;
