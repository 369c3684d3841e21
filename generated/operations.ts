// Generated from openapi/voice-ai.yaml by scripts/generate.ts. Do not edit by hand:
// change the spec and run `npm run generate`.

import type { operations as OperationTypes } from "./schema.js";

/** What a query value is checked against before sending (from the parameter's schema). */
export interface QueryParamSpec {
  readonly type: "string" | "number" | "integer" | "boolean" | "array";
  readonly enum?: readonly (string | number)[];
  /** The schema's `minimum` / `maximum`. */
  readonly min?: number;
  readonly max?: number;
  /** For arrays: what each item is checked against. */
  readonly items?: Omit<QueryParamSpec, "items" | "required" | "comma">;
  readonly required?: boolean;
  /** An array sent as one comma-separated value (`style: form, explode: false`). */
  readonly comma?: boolean;
}

/** How one operation is called: read by the client to build its methods. */
export interface OperationSpec {
  readonly method: "GET" | "PUT" | "POST" | "DELETE" | "OPTIONS" | "HEAD" | "PATCH" | "TRACE";
  /** The path template; its `{name}` segments are the path parameters. */
  readonly path: string;
  /** Property of the client the method lives on, e.g. `agents`. */
  readonly group: string;
  /** Name of the method within its group, e.g. `list`. */
  readonly name: string;
  /** Query parameters by name. */
  readonly query: { readonly [name: string]: QueryParamSpec };
  /** The JSON body, when the operation takes one: the top-level properties it must have, and whether it has a `locationId`. */
  readonly body?: {
    readonly optional?: boolean;
    readonly required: readonly string[];
    readonly locationId?: boolean;
  };
  /** A page-based list (`page`, `pageSize`, `total`): the property that holds the items. */
  readonly items?: string;
}

/** Base URL of the API: the first server of the spec. */
export const defaultBaseUrl = "https://services.leadconnectorhq.com";

/** Values the `Version` header accepts; the first is the client's default. */
export const apiVersions = ["2021-04-15", "v3"] as const;
export type ApiVersion = (typeof apiVersions)[number];

export const operations = {
  createAction: {
    method: "POST",
    path: "/voice-ai/actions",
    group: "actions",
    name: "create",
    query: {},
    body: { required: ["actionParameters", "actionType", "agentId", "locationId", "name"], locationId: true },
  },
  createAgent: {
    method: "POST",
    path: "/voice-ai/agents",
    group: "agents",
    name: "create",
    query: {},
    body: { required: ["locationId"], locationId: true },
  },
  deleteAction: {
    method: "DELETE",
    path: "/voice-ai/actions/{actionId}",
    group: "actions",
    name: "delete",
    query: { locationId: { type: "string", required: true }, agentId: { type: "string", required: true } },
  },
  deleteAgent: {
    method: "DELETE",
    path: "/voice-ai/agents/{agentId}",
    group: "agents",
    name: "delete",
    query: { locationId: { type: "string", required: true } },
  },
  getAction: {
    method: "GET",
    path: "/voice-ai/actions/{actionId}",
    group: "actions",
    name: "get",
    query: { locationId: { type: "string", required: true } },
  },
  getAgent: {
    method: "GET",
    path: "/voice-ai/agents/{agentId}",
    group: "agents",
    name: "get",
    query: { locationId: { type: "string", required: true } },
  },
  getCallLog: {
    method: "GET",
    path: "/voice-ai/dashboard/call-logs/{callId}",
    group: "callLogs",
    name: "get",
    query: { locationId: { type: "string", required: true } },
  },
  listAgents: {
    method: "GET",
    path: "/voice-ai/agents",
    group: "agents",
    name: "list",
    query: {
      page: { type: "integer", min: 1, max: 5000 },
      pageSize: { type: "integer", min: 1, max: 50 },
      locationId: { type: "string", required: true },
      query: { type: "string" },
    },
    items: "agents",
  },
  listCallLogs: {
    method: "GET",
    path: "/voice-ai/dashboard/call-logs",
    group: "callLogs",
    name: "list",
    query: {
      locationId: { type: "string", required: true },
      agentId: { type: "string" },
      contactId: { type: "array", items: { type: "string" }, comma: true },
      callType: { type: "string", enum: ["LIVE", "TRIAL"] },
      startDate: { type: "number" },
      endDate: { type: "number" },
      actionType: {
        type: "array",
        items: {
          type: "string",
          enum: [
            "CALL_TRANSFER",
            "DATA_EXTRACTION",
            "IN_CALL_DATA_EXTRACTION",
            "WORKFLOW_TRIGGER",
            "SMS",
            "APPOINTMENT_BOOKING",
            "CUSTOM_ACTION",
            "KNOWLEDGE_BASE",
          ],
        },
        comma: true,
      },
      sortBy: { type: "string", enum: ["duration", "createdAt"] },
      sort: { type: "string", enum: ["ascend", "descend"] },
      page: { type: "integer", min: 1 },
      pageSize: { type: "integer", min: 1, max: 50 },
    },
    items: "callLogs",
  },
  patchAgent: {
    method: "PATCH",
    path: "/voice-ai/agents/{agentId}",
    group: "agents",
    name: "patch",
    query: { locationId: { type: "string", required: true } },
    body: { required: [] },
  },
  updateAction: {
    method: "PUT",
    path: "/voice-ai/actions/{actionId}",
    group: "actions",
    name: "update",
    query: {},
    body: { required: ["actionParameters", "actionType", "agentId", "locationId", "name"], locationId: true },
  },
} as const satisfies Record<Exclude<keyof OperationTypes, "voiceAiCallEnd">, OperationSpec>;

export type OperationId = keyof typeof operations;
