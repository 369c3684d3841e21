// Generated from openapi/voice-ai.yaml by scripts/generate.ts. Do not edit by hand:
// change the spec and run `npm run generate`.

import type { JsonSchema } from "../src/validate/table.js";

/**
 * The spec's webhooks by event name: the payload's schema (a key of `webhookSchemas`), the
 * scopes the app needs to receive the event, and the handler option that receives it.
 */
export const webhookEvents = {
  VoiceAiCallEnd: {
    operationId: "voiceAiCallEnd",
    schema: "VoiceAiCallEnd",
    scopes: ["voice-ai-dashboard.readonly"],
    handler: "onCallEnd",
  },
} as const;

/** The JSON schemas the webhook payloads use (`$ref` names one of them). */
export const webhookSchemas: Readonly<Record<string, JsonSchema>> = {
  AppointmentBookingActionParameters: {
    type: "object",
    required: ["calendarId", "daysOfOfferingDates", "slotsPerDay", "hoursBetweenSlots"],
    properties: {
      calendarId: { type: "string" },
      daysOfOfferingDates: { type: "number" },
      slotsPerDay: { type: "number" },
      hoursBetweenSlots: { type: "number" },
    },
  },
  CallEndAppointmentBookingAction: {
    allOf: [
      { $ref: "CallEndExecutedActionFields" },
      {
        type: "object",
        required: ["actionType"],
        properties: {
          actionType: { type: "string", const: "APPOINTMENT_BOOKING" },
          actionParameters: { $ref: "AppointmentBookingActionParameters" },
        },
      },
    ],
  },
  CallEndCallTransferAction: {
    allOf: [
      { $ref: "CallEndExecutedActionFields" },
      {
        type: "object",
        required: ["actionType"],
        properties: {
          actionType: { type: "string", const: "CALL_TRANSFER" },
          actionParameters: { $ref: "CallTransferActionParameters" },
        },
      },
    ],
  },
  CallEndCustomAction: {
    allOf: [
      { $ref: "CallEndExecutedActionFields" },
      {
        type: "object",
        required: ["actionType"],
        properties: {
          actionType: { type: "string", const: "CUSTOM_ACTION" },
          actionParameters: { $ref: "CustomActionParameters" },
        },
      },
    ],
  },
  CallEndDataExtractionAction: {
    allOf: [
      { $ref: "CallEndExecutedActionFields" },
      {
        type: "object",
        required: ["actionType"],
        properties: {
          actionType: { type: "string", const: "DATA_EXTRACTION" },
          actionParameters: { $ref: "DataExtractionActionParameters" },
        },
      },
    ],
  },
  CallEndExecutedAction: {
    oneOf: [
      { $ref: "CallEndCallTransferAction" },
      { $ref: "CallEndDataExtractionAction" },
      { $ref: "CallEndInCallDataExtractionAction" },
      { $ref: "CallEndWorkflowTriggerAction" },
      { $ref: "CallEndSmsAction" },
      { $ref: "CallEndAppointmentBookingAction" },
      { $ref: "CallEndCustomAction" },
      { $ref: "CallEndKnowledgeBaseAction" },
    ],
    discriminator: {
      propertyName: "actionType",
      mapping: {
        CALL_TRANSFER: "CallEndCallTransferAction",
        DATA_EXTRACTION: "CallEndDataExtractionAction",
        IN_CALL_DATA_EXTRACTION: "CallEndInCallDataExtractionAction",
        WORKFLOW_TRIGGER: "CallEndWorkflowTriggerAction",
        SMS: "CallEndSmsAction",
        APPOINTMENT_BOOKING: "CallEndAppointmentBookingAction",
        CUSTOM_ACTION: "CallEndCustomAction",
        KNOWLEDGE_BASE: "CallEndKnowledgeBaseAction",
      },
    },
  },
  CallEndExecutedActionFields: {
    type: "object",
    required: ["actionName"],
    properties: {
      _id: { type: "string" },
      actionName: { type: "string" },
      description: { type: "string" },
      executedAt: { type: "string", format: "date-time" },
      triggerReceivedAt: { type: "string", format: "date-time" },
    },
  },
  CallEndInCallDataExtractionAction: {
    allOf: [
      { $ref: "CallEndExecutedActionFields" },
      {
        type: "object",
        required: ["actionType"],
        properties: {
          actionType: { type: "string", const: "IN_CALL_DATA_EXTRACTION" },
          actionParameters: { $ref: "InCallDataExtractionActionParameters" },
        },
      },
    ],
  },
  CallEndKnowledgeBaseAction: {
    allOf: [
      { $ref: "CallEndExecutedActionFields" },
      {
        type: "object",
        required: ["actionType"],
        properties: {
          actionType: { type: "string", const: "KNOWLEDGE_BASE" },
          actionParameters: { $ref: "KnowledgeBaseActionParameters" },
        },
      },
    ],
  },
  CallEndSmsAction: {
    allOf: [
      { $ref: "CallEndExecutedActionFields" },
      {
        type: "object",
        required: ["actionType"],
        properties: {
          actionType: { type: "string", const: "SMS" },
          actionParameters: { $ref: "SmsActionParameters" },
        },
      },
    ],
  },
  CallEndTranslation: {
    type: "object",
    properties: { transcript: { type: "string" }, language: { type: "string" } },
  },
  CallEndWorkflowTriggerAction: {
    allOf: [
      { $ref: "CallEndExecutedActionFields" },
      {
        type: "object",
        required: ["actionType"],
        properties: {
          actionType: { type: "string", const: "WORKFLOW_TRIGGER" },
          actionParameters: { $ref: "WorkflowTriggerActionParameters" },
        },
      },
    ],
  },
  CallTransferActionParameters: {
    type: "object",
    required: ["triggerPrompt", "transferToType", "transferToValue", "triggerMessage"],
    properties: {
      triggerPrompt: { type: "string" },
      transferToType: { type: "string", enum: ["number"] },
      transferToValue: { type: "string", minLength: 11, maxLength: 16, pattern: "^\\+[0-9]+$" },
      triggerMessage: { type: "string" },
      hearWhisperMessage: { type: "boolean" },
    },
  },
  CustomActionApiDetails: {
    type: "object",
    required: ["url", "method"],
    properties: {
      url: { type: "string" },
      method: { type: "string", enum: ["POST", "GET"] },
      authenticationRequired: { type: "boolean" },
      authenticationValue: { type: "string" },
      headers: { type: "array", items: { $ref: "CustomActionHeader" } },
      parameters: { type: "array", items: { $ref: "CustomActionParameter" } },
    },
    if: { properties: { authenticationRequired: { const: true } }, required: ["authenticationRequired"] },
    then: { required: ["authenticationValue"], properties: { authenticationValue: { type: "string" } } },
  },
  CustomActionHeader: {
    type: "object",
    required: ["key", "value"],
    properties: { key: { type: "string" }, value: { type: "string" } },
  },
  CustomActionParameter: {
    type: "object",
    required: ["name"],
    properties: {
      name: { type: "string" },
      description: { type: "string" },
      type: { type: "string" },
      example: { type: "string" },
    },
  },
  CustomActionParameters: {
    type: "object",
    required: ["triggerPrompt", "triggerMessage", "apiDetails"],
    properties: {
      triggerPrompt: { type: "string" },
      triggerMessage: { type: "string" },
      apiDetails: { $ref: "CustomActionApiDetails" },
      selectedPaths: { type: "array", items: { type: "string" } },
    },
    allOf: [
      {
        if: { properties: { apiDetails: { properties: { method: { const: "GET" } } } } },
        then: { required: ["selectedPaths"], properties: { selectedPaths: { type: "array", minItems: 1 } } },
      },
      {
        if: { properties: { apiDetails: { properties: { method: { const: "POST" } } } } },
        then: { properties: { selectedPaths: { type: "array", maxItems: 0 } } },
      },
    ],
  },
  DataExtractionActionParameters: {
    type: "object",
    required: ["contactFieldId", "description", "examples"],
    properties: {
      contactFieldId: { type: "string" },
      description: { type: "string" },
      examples: { type: "array", minItems: 1, maxItems: 5, items: { type: "string" } },
      overwriteExistingValue: { type: "boolean", default: false },
    },
  },
  InCallDataExtractionActionParameters: {
    type: "object",
    required: ["contactFieldId", "description", "examples"],
    properties: {
      contactFieldId: { type: "string" },
      description: { type: "string" },
      examples: { type: "array", minItems: 1, maxItems: 5, items: { type: "string" } },
      overwriteExistingValue: { type: "boolean", default: false },
    },
  },
  KnowledgeBaseActionParameters: {
    type: "object",
    required: ["triggerPrompt", "knowledgeBaseId"],
    properties: { triggerPrompt: { type: "string" }, knowledgeBaseId: { type: "string" } },
  },
  SmsActionParameters: {
    type: "object",
    required: ["triggerPrompt", "triggerMessage", "messageBody"],
    properties: {
      triggerPrompt: { type: "string" },
      triggerMessage: { type: "string" },
      messageBody: { type: "string" },
    },
  },
  VoiceAiCallEnd: {
    type: "object",
    properties: {
      type: { type: "string", const: "VoiceAiCallEnd" },
      id: { type: "string" },
      locationId: { type: "string" },
      agentId: { type: "string" },
      contactId: { type: "string" },
      fromNumber: { type: "string" },
      createdAt: { type: "string" },
      duration: { type: "number" },
      summary: { type: "string" },
      transcript: { type: "string" },
      translation: { $ref: "CallEndTranslation" },
      extractedData: { type: "object", additionalProperties: true },
      messageId: { type: "string" },
      trialCall: { type: "boolean" },
      executedCallActions: { type: "array", items: { $ref: "CallEndExecutedAction" } },
    },
  },
  WorkflowTriggerActionParameters: {
    type: "object",
    required: ["triggerPrompt", "triggerMessage", "workflowId"],
    properties: {
      triggerPrompt: { type: "string" },
      triggerMessage: { type: "string" },
      workflowId: { type: "string" },
    },
  },
};
