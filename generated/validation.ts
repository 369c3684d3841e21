// Generated from openapi/voice-ai.yaml by scripts/generate.ts. Do not edit by hand:
// change the spec and run `npm run generate`.

import type { ValidationTable } from "../src/validate/table.js";

/** Every schema of components.schemas; `$ref` names one of them. */
export const validationTable: ValidationTable = {
  schemas: {
    Action: {
      oneOf: [
        { $ref: "CallTransferAction" },
        { $ref: "DataExtractionAction" },
        { $ref: "InCallDataExtractionAction" },
        { $ref: "WorkflowTriggerAction" },
        { $ref: "SmsAction" },
        { $ref: "AppointmentBookingAction" },
        { $ref: "CustomAction" },
        { $ref: "KnowledgeBaseAction" },
      ],
      discriminator: {
        propertyName: "actionType",
        mapping: {
          CALL_TRANSFER: "CallTransferAction",
          DATA_EXTRACTION: "DataExtractionAction",
          IN_CALL_DATA_EXTRACTION: "InCallDataExtractionAction",
          WORKFLOW_TRIGGER: "WorkflowTriggerAction",
          SMS: "SmsAction",
          APPOINTMENT_BOOKING: "AppointmentBookingAction",
          CUSTOM_ACTION: "CustomAction",
          KNOWLEDGE_BASE: "KnowledgeBaseAction",
        },
      },
    },
    ActionFields: {
      type: "object",
      required: ["id", "name"],
      properties: { id: { type: "string" }, name: { type: "string" } },
    },
    ActionRequest: {
      oneOf: [
        { $ref: "CallTransferActionRequest" },
        { $ref: "DataExtractionActionRequest" },
        { $ref: "InCallDataExtractionActionRequest" },
        { $ref: "WorkflowTriggerActionRequest" },
        { $ref: "SmsActionRequest" },
        { $ref: "AppointmentBookingActionRequest" },
        { $ref: "CustomActionRequest" },
        { $ref: "KnowledgeBaseActionRequest" },
      ],
      discriminator: {
        propertyName: "actionType",
        mapping: {
          CALL_TRANSFER: "CallTransferActionRequest",
          DATA_EXTRACTION: "DataExtractionActionRequest",
          IN_CALL_DATA_EXTRACTION: "InCallDataExtractionActionRequest",
          WORKFLOW_TRIGGER: "WorkflowTriggerActionRequest",
          SMS: "SmsActionRequest",
          APPOINTMENT_BOOKING: "AppointmentBookingActionRequest",
          CUSTOM_ACTION: "CustomActionRequest",
          KNOWLEDGE_BASE: "KnowledgeBaseActionRequest",
        },
      },
    },
    ActionRequestFields: {
      type: "object",
      required: ["agentId", "locationId", "name"],
      properties: { agentId: { type: "string" }, locationId: { type: "string" }, name: { type: "string" } },
    },
    ActionType: {
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
    Agent: {
      type: "object",
      required: [
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
        "timezone",
        "isAgentAsBackupDisabled",
      ],
      properties: {
        id: { type: "string" },
        locationId: { type: "string" },
        agentName: { type: "string" },
        businessName: { type: "string" },
        welcomeMessage: { type: "string" },
        agentPrompt: { type: "string" },
        voiceId: { type: "string" },
        language: { $ref: "VoiceAILanguage" },
        patienceLevel: { $ref: "PatienceLevel" },
        maxCallDuration: { type: "number", minimum: 180, maximum: 900 },
        sendUserIdleReminders: { type: "boolean" },
        reminderAfterIdleTimeSeconds: { type: "number", minimum: 1, maximum: 20 },
        inboundNumber: { type: "string" },
        numberPoolId: { type: "string" },
        callEndWorkflowIds: { type: "array", items: { type: "string" } },
        sendPostCallNotificationTo: { $ref: "PostCallNotificationSettings" },
        agentWorkingHours: { type: "array", items: { $ref: "AgentWorkingHours" } },
        timezone: { type: "string" },
        isAgentAsBackupDisabled: { type: "boolean" },
        translation: { $ref: "TranslationSettings" },
      },
    },
    AgentPage: {
      type: "object",
      required: ["total", "page", "pageSize", "agents"],
      properties: {
        total: { type: "number" },
        page: { type: "number" },
        pageSize: { type: "number" },
        agents: { type: "array", items: { $ref: "AgentWithActions" } },
      },
    },
    AgentWithActions: {
      allOf: [
        { $ref: "Agent" },
        {
          type: "object",
          required: ["actions"],
          properties: { actions: { type: "array", items: { $ref: "Action" } } },
        },
      ],
    },
    AgentWorkingHours: {
      type: "object",
      required: ["dayOfTheWeek", "intervals"],
      properties: {
        dayOfTheWeek: { type: "number", enum: [1, 2, 3, 4, 5, 6, 7] },
        intervals: { type: "array", items: { $ref: "WorkingHoursInterval" } },
      },
    },
    ApiVersion: { type: "string", enum: ["2021-04-15", "v3"] },
    AppointmentBookingAction: {
      allOf: [{ $ref: "ActionFields" }, { $ref: "AppointmentBookingActionConfig" }],
    },
    AppointmentBookingActionConfig: {
      type: "object",
      required: ["actionType", "actionParameters"],
      properties: {
        actionType: { type: "string", const: "APPOINTMENT_BOOKING" },
        actionParameters: { $ref: "AppointmentBookingActionParameters" },
      },
    },
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
    AppointmentBookingActionRequest: {
      allOf: [{ $ref: "ActionRequestFields" }, { $ref: "AppointmentBookingActionConfig" }],
    },
    BadRequestError: {
      type: "object",
      properties: { statusCode: { type: "number" }, message: { type: "string" } },
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
    CallLog: {
      type: "object",
      required: [
        "id",
        "agentId",
        "isAgentDeleted",
        "createdAt",
        "duration",
        "trialCall",
        "executedCallActions",
        "summary",
        "transcript",
      ],
      properties: {
        id: { type: "string" },
        contactId: { type: "string" },
        agentId: { type: "string" },
        isAgentDeleted: { type: "boolean" },
        fromNumber: { type: "string" },
        createdAt: { type: "string", format: "date-time" },
        duration: { type: "number" },
        trialCall: { type: "boolean" },
        executedCallActions: { type: "array", items: { $ref: "ExecutedCallAction" } },
        summary: { type: "string" },
        transcript: { type: "string" },
        translation: { $ref: "TranslationSettings" },
        extractedData: { type: "object", additionalProperties: true },
        messageId: { type: "string" },
      },
    },
    CallLogPage: {
      type: "object",
      required: ["total", "page", "pageSize", "callLogs"],
      properties: {
        total: { type: "number" },
        page: { type: "number" },
        pageSize: { type: "number" },
        callLogs: { type: "array", items: { $ref: "CallLog" } },
      },
    },
    CallLogSortField: { type: "string", enum: ["duration", "createdAt"] },
    CallTransferAction: { allOf: [{ $ref: "ActionFields" }, { $ref: "CallTransferActionConfig" }] },
    CallTransferActionConfig: {
      type: "object",
      required: ["actionType", "actionParameters"],
      properties: {
        actionType: { type: "string", const: "CALL_TRANSFER" },
        actionParameters: { $ref: "CallTransferActionParameters" },
      },
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
    CallTransferActionRequest: {
      allOf: [{ $ref: "ActionRequestFields" }, { $ref: "CallTransferActionConfig" }],
    },
    CallType: { type: "string", enum: ["LIVE", "TRIAL"] },
    CreateAgentRequest: {
      allOf: [
        { type: "object", required: ["locationId"], properties: { locationId: { type: "string" } } },
        { $ref: "PatchAgentRequest" },
      ],
    },
    CustomAction: { allOf: [{ $ref: "ActionFields" }, { $ref: "CustomActionConfig" }] },
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
    CustomActionConfig: {
      type: "object",
      required: ["actionType", "actionParameters"],
      properties: {
        actionType: { type: "string", const: "CUSTOM_ACTION" },
        actionParameters: { $ref: "CustomActionParameters" },
      },
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
          then: {
            required: ["selectedPaths"],
            properties: { selectedPaths: { type: "array", minItems: 1 } },
          },
        },
        {
          if: { properties: { apiDetails: { properties: { method: { const: "POST" } } } } },
          then: { properties: { selectedPaths: { type: "array", maxItems: 0 } } },
        },
      ],
    },
    CustomActionRequest: { allOf: [{ $ref: "ActionRequestFields" }, { $ref: "CustomActionConfig" }] },
    DataExtractionAction: { allOf: [{ $ref: "ActionFields" }, { $ref: "DataExtractionActionConfig" }] },
    DataExtractionActionConfig: {
      type: "object",
      required: ["actionType", "actionParameters"],
      properties: {
        actionType: { type: "string", const: "DATA_EXTRACTION" },
        actionParameters: { $ref: "DataExtractionActionParameters" },
      },
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
    DataExtractionActionRequest: {
      allOf: [{ $ref: "ActionRequestFields" }, { $ref: "DataExtractionActionConfig" }],
    },
    ErrorBody: {
      type: "object",
      properties: {
        statusCode: { type: "number" },
        message: { oneOf: [{ type: "string" }, { type: "array", items: { type: "string" } }] },
        error: { type: "string" },
      },
    },
    ExecutedAppointmentBookingAction: {
      allOf: [
        { $ref: "ExecutedCallActionFields" },
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
    ExecutedCallAction: {
      oneOf: [
        { $ref: "ExecutedCallTransferAction" },
        { $ref: "ExecutedDataExtractionAction" },
        { $ref: "ExecutedInCallDataExtractionAction" },
        { $ref: "ExecutedWorkflowTriggerAction" },
        { $ref: "ExecutedSmsAction" },
        { $ref: "ExecutedAppointmentBookingAction" },
        { $ref: "ExecutedCustomAction" },
        { $ref: "ExecutedKnowledgeBaseAction" },
      ],
      discriminator: {
        propertyName: "actionType",
        mapping: {
          CALL_TRANSFER: "ExecutedCallTransferAction",
          DATA_EXTRACTION: "ExecutedDataExtractionAction",
          IN_CALL_DATA_EXTRACTION: "ExecutedInCallDataExtractionAction",
          WORKFLOW_TRIGGER: "ExecutedWorkflowTriggerAction",
          SMS: "ExecutedSmsAction",
          APPOINTMENT_BOOKING: "ExecutedAppointmentBookingAction",
          CUSTOM_ACTION: "ExecutedCustomAction",
          KNOWLEDGE_BASE: "ExecutedKnowledgeBaseAction",
        },
      },
    },
    ExecutedCallActionFields: {
      type: "object",
      required: ["actionName"],
      properties: {
        actionId: { type: "string" },
        actionName: { type: "string" },
        executedAt: { type: "string", format: "date-time" },
        triggerReceivedAt: { type: "string", format: "date-time" },
      },
    },
    ExecutedCallTransferAction: {
      allOf: [
        { $ref: "ExecutedCallActionFields" },
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
    ExecutedCustomAction: {
      allOf: [
        { $ref: "ExecutedCallActionFields" },
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
    ExecutedDataExtractionAction: {
      allOf: [
        { $ref: "ExecutedCallActionFields" },
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
    ExecutedInCallDataExtractionAction: {
      allOf: [
        { $ref: "ExecutedCallActionFields" },
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
    ExecutedKnowledgeBaseAction: {
      allOf: [
        { $ref: "ExecutedCallActionFields" },
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
    ExecutedSmsAction: {
      allOf: [
        { $ref: "ExecutedCallActionFields" },
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
    ExecutedWorkflowTriggerAction: {
      allOf: [
        { $ref: "ExecutedCallActionFields" },
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
    ForbiddenError: {
      type: "object",
      properties: { statusCode: { type: "number" }, message: { type: "string" }, error: { type: "string" } },
    },
    InCallDataExtractionAction: {
      allOf: [{ $ref: "ActionFields" }, { $ref: "InCallDataExtractionActionConfig" }],
    },
    InCallDataExtractionActionConfig: {
      type: "object",
      required: ["actionType", "actionParameters"],
      properties: {
        actionType: { type: "string", const: "IN_CALL_DATA_EXTRACTION" },
        actionParameters: { $ref: "InCallDataExtractionActionParameters" },
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
    InCallDataExtractionActionRequest: {
      allOf: [{ $ref: "ActionRequestFields" }, { $ref: "InCallDataExtractionActionConfig" }],
    },
    KnowledgeBaseAction: { allOf: [{ $ref: "ActionFields" }, { $ref: "KnowledgeBaseActionConfig" }] },
    KnowledgeBaseActionConfig: {
      type: "object",
      required: ["actionType", "actionParameters"],
      properties: {
        actionType: { type: "string", const: "KNOWLEDGE_BASE" },
        actionParameters: { $ref: "KnowledgeBaseActionParameters" },
      },
    },
    KnowledgeBaseActionParameters: {
      type: "object",
      required: ["triggerPrompt", "knowledgeBaseId"],
      properties: { triggerPrompt: { type: "string" }, knowledgeBaseId: { type: "string" } },
    },
    KnowledgeBaseActionRequest: {
      allOf: [{ $ref: "ActionRequestFields" }, { $ref: "KnowledgeBaseActionConfig" }],
    },
    NotFoundError: {
      type: "object",
      properties: { statusCode: { type: "number" }, message: { type: "string" } },
    },
    PatchAgentRequest: {
      type: "object",
      properties: {
        agentName: { type: "string", minLength: 1, maxLength: 40 },
        businessName: { type: "string", minLength: 1 },
        welcomeMessage: { type: "string", minLength: 1, maxLength: 190 },
        agentPrompt: { type: "string" },
        voiceId: { type: "string" },
        language: { $ref: "VoiceAILanguage", default: "en-US" },
        patienceLevel: { $ref: "PatienceLevel", default: "high" },
        maxCallDuration: { type: "number", minimum: 180, maximum: 900, default: 300 },
        sendUserIdleReminders: { type: "boolean", default: true },
        reminderAfterIdleTimeSeconds: { type: "number", minimum: 1, maximum: 20, default: 8 },
        inboundNumber: { type: "string" },
        numberPoolId: { type: "string" },
        callEndWorkflowIds: { type: "array", maxItems: 10, default: [], items: { type: "string" } },
        sendPostCallNotificationTo: { $ref: "PostCallNotificationRecipients" },
        agentWorkingHours: { type: "array", default: [], items: { $ref: "AgentWorkingHours" } },
        timezone: { type: "string", pattern: "^[A-Za-z_]+/[A-Za-z_]+$" },
        isAgentAsBackupDisabled: { type: "boolean", default: false },
        translation: { $ref: "TranslationRequest" },
      },
    },
    PatienceLevel: { type: "string", enum: ["low", "medium", "high"] },
    PostCallNotificationRecipients: {
      type: "object",
      required: ["admins", "allUsers", "contactAssignedUser", "specificUsers", "customEmails"],
      properties: {
        admins: { type: "boolean", default: true },
        allUsers: { type: "boolean", default: false },
        contactAssignedUser: { type: "boolean", default: false },
        specificUsers: { type: "array", items: { type: "string" }, default: [] },
        customEmails: { type: "array", items: { type: "string" }, default: [] },
      },
    },
    PostCallNotificationSettings: {
      type: "object",
      properties: {
        admins: { type: "boolean" },
        allUsers: { type: "boolean" },
        contactAssignedUser: { type: "boolean" },
        specificUsers: { type: "array", items: { type: "string" } },
        customEmails: { type: "array", items: { type: "string" } },
      },
    },
    SmsAction: { allOf: [{ $ref: "ActionFields" }, { $ref: "SmsActionConfig" }] },
    SmsActionConfig: {
      type: "object",
      required: ["actionType", "actionParameters"],
      properties: {
        actionType: { type: "string", const: "SMS" },
        actionParameters: { $ref: "SmsActionParameters" },
      },
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
    SmsActionRequest: { allOf: [{ $ref: "ActionRequestFields" }, { $ref: "SmsActionConfig" }] },
    SortDirection: { type: "string", enum: ["ascend", "descend"] },
    TranslationRequest: {
      type: "object",
      required: ["enabled"],
      properties: { enabled: { type: "boolean", default: false }, language: { type: "string" } },
      if: { properties: { enabled: { const: true } }, required: ["enabled"] },
      then: { required: ["language"], properties: { language: { type: "string" } } },
    },
    TranslationSettings: {
      type: "object",
      properties: { enabled: { type: "boolean" }, language: { type: "string" } },
    },
    UnauthorizedError: {
      type: "object",
      properties: { statusCode: { type: "number" }, message: { type: "string" }, error: { type: "string" } },
    },
    UnprocessableEntityError: {
      type: "object",
      properties: {
        statusCode: { type: "number" },
        message: { type: "array", items: { type: "string" } },
        error: { type: "string" },
      },
    },
    VoiceAILanguage: { type: "string", enum: ["en-US", "pt-BR", "es", "fr", "de", "it", "nl-NL", "multi"] },
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
    WorkflowTriggerAction: { allOf: [{ $ref: "ActionFields" }, { $ref: "WorkflowTriggerActionConfig" }] },
    WorkflowTriggerActionConfig: {
      type: "object",
      required: ["actionType", "actionParameters"],
      properties: {
        actionType: { type: "string", const: "WORKFLOW_TRIGGER" },
        actionParameters: { $ref: "WorkflowTriggerActionParameters" },
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
    WorkflowTriggerActionRequest: {
      allOf: [{ $ref: "ActionRequestFields" }, { $ref: "WorkflowTriggerActionConfig" }],
    },
    WorkingHoursInterval: {
      type: "object",
      required: ["startHour", "endHour", "startMinute", "endMinute"],
      properties: {
        startHour: { type: "number", minimum: 0, maximum: 23 },
        endHour: { type: "number", minimum: 0, maximum: 23 },
        startMinute: { type: "number", minimum: 0, maximum: 59 },
        endMinute: { type: "number", minimum: 0, maximum: 59 },
      },
    },
  },
  operations: {
    createAction: {
      method: "POST",
      path: "/voice-ai/actions",
      parameters: [{ name: "Version", in: "header", required: true, schema: { $ref: "ApiVersion" } }],
      body: { required: true, schema: { $ref: "ActionRequest" } },
      responses: {
        "201": { $ref: "Action" },
        "400": { $ref: "BadRequestError" },
        "401": { $ref: "UnauthorizedError" },
        "403": { $ref: "ForbiddenError" },
        "422": { $ref: "UnprocessableEntityError" },
        "429": { $ref: "ErrorBody" },
        "5XX": { $ref: "ErrorBody" },
      },
    },
    createAgent: {
      method: "POST",
      path: "/voice-ai/agents",
      parameters: [{ name: "Version", in: "header", required: true, schema: { $ref: "ApiVersion" } }],
      body: { required: true, schema: { $ref: "CreateAgentRequest" } },
      responses: {
        "201": { $ref: "Agent" },
        "400": { $ref: "BadRequestError" },
        "401": { $ref: "UnauthorizedError" },
        "403": { $ref: "ForbiddenError" },
        "422": { $ref: "UnprocessableEntityError" },
        "429": { $ref: "ErrorBody" },
        "5XX": { $ref: "ErrorBody" },
      },
    },
    deleteAction: {
      method: "DELETE",
      path: "/voice-ai/actions/{actionId}",
      parameters: [
        { name: "actionId", in: "path", required: true, schema: { type: "string" } },
        { name: "Version", in: "header", required: true, schema: { $ref: "ApiVersion" } },
        { name: "locationId", in: "query", required: true, schema: { type: "string" } },
        { name: "agentId", in: "query", required: true, schema: { type: "string" } },
      ],
      responses: {
        "204": null,
        "400": { $ref: "BadRequestError" },
        "401": { $ref: "UnauthorizedError" },
        "403": { $ref: "ForbiddenError" },
        "404": { $ref: "NotFoundError" },
        "422": { $ref: "UnprocessableEntityError" },
        "429": { $ref: "ErrorBody" },
        "5XX": { $ref: "ErrorBody" },
      },
    },
    deleteAgent: {
      method: "DELETE",
      path: "/voice-ai/agents/{agentId}",
      parameters: [
        { name: "agentId", in: "path", required: true, schema: { type: "string" } },
        { name: "Version", in: "header", required: true, schema: { $ref: "ApiVersion" } },
        { name: "locationId", in: "query", required: true, schema: { type: "string" } },
      ],
      responses: {
        "204": null,
        "400": { $ref: "BadRequestError" },
        "401": { $ref: "UnauthorizedError" },
        "403": { $ref: "ForbiddenError" },
        "404": { $ref: "NotFoundError" },
        "422": { $ref: "UnprocessableEntityError" },
        "429": { $ref: "ErrorBody" },
        "5XX": { $ref: "ErrorBody" },
      },
    },
    getAction: {
      method: "GET",
      path: "/voice-ai/actions/{actionId}",
      parameters: [
        { name: "actionId", in: "path", required: true, schema: { type: "string" } },
        { name: "Version", in: "header", required: true, schema: { $ref: "ApiVersion" } },
        { name: "locationId", in: "query", required: true, schema: { type: "string" } },
      ],
      responses: {
        "200": { $ref: "Action" },
        "400": { $ref: "BadRequestError" },
        "401": { $ref: "UnauthorizedError" },
        "403": { $ref: "ForbiddenError" },
        "404": { $ref: "NotFoundError" },
        "422": { $ref: "UnprocessableEntityError" },
        "429": { $ref: "ErrorBody" },
        "5XX": { $ref: "ErrorBody" },
      },
    },
    getAgent: {
      method: "GET",
      path: "/voice-ai/agents/{agentId}",
      parameters: [
        { name: "agentId", in: "path", required: true, schema: { type: "string" } },
        { name: "Version", in: "header", required: true, schema: { $ref: "ApiVersion" } },
        { name: "locationId", in: "query", required: true, schema: { type: "string" } },
      ],
      responses: {
        "200": { $ref: "AgentWithActions" },
        "400": { $ref: "BadRequestError" },
        "401": { $ref: "UnauthorizedError" },
        "403": { $ref: "ForbiddenError" },
        "404": { $ref: "NotFoundError" },
        "422": { $ref: "UnprocessableEntityError" },
        "429": { $ref: "ErrorBody" },
        "5XX": { $ref: "ErrorBody" },
      },
    },
    getCallLog: {
      method: "GET",
      path: "/voice-ai/dashboard/call-logs/{callId}",
      parameters: [
        { name: "Version", in: "header", required: true, schema: { $ref: "ApiVersion" } },
        { name: "callId", in: "path", required: true, schema: { type: "string" } },
        { name: "locationId", in: "query", required: true, schema: { type: "string" } },
      ],
      responses: {
        "200": { $ref: "CallLog" },
        "400": { $ref: "BadRequestError" },
        "401": { $ref: "UnauthorizedError" },
        "403": { $ref: "ForbiddenError" },
        "404": { $ref: "NotFoundError" },
        "429": { $ref: "ErrorBody" },
        "5XX": { $ref: "ErrorBody" },
      },
    },
    listAgents: {
      method: "GET",
      path: "/voice-ai/agents",
      parameters: [
        { name: "Version", in: "header", required: true, schema: { $ref: "ApiVersion" } },
        {
          name: "page",
          in: "query",
          required: false,
          schema: { type: "integer", minimum: 1, maximum: 5000, default: 1 },
        },
        {
          name: "pageSize",
          in: "query",
          required: false,
          schema: { type: "integer", minimum: 1, maximum: 50, default: 10 },
        },
        { name: "locationId", in: "query", required: true, schema: { type: "string" } },
        { name: "query", in: "query", required: false, schema: { type: "string" } },
      ],
      responses: {
        "200": { $ref: "AgentPage" },
        "400": { $ref: "BadRequestError" },
        "401": { $ref: "UnauthorizedError" },
        "403": { $ref: "ForbiddenError" },
        "422": { $ref: "UnprocessableEntityError" },
        "429": { $ref: "ErrorBody" },
        "5XX": { $ref: "ErrorBody" },
      },
    },
    listCallLogs: {
      method: "GET",
      path: "/voice-ai/dashboard/call-logs",
      parameters: [
        { name: "Version", in: "header", required: true, schema: { $ref: "ApiVersion" } },
        { name: "locationId", in: "query", required: true, schema: { type: "string" } },
        { name: "agentId", in: "query", required: false, schema: { type: "string" } },
        {
          name: "contactId",
          in: "query",
          required: false,
          commaSeparated: true,
          schema: { type: "array", items: { type: "string" } },
        },
        { name: "callType", in: "query", required: false, schema: { $ref: "CallType" } },
        { name: "startDate", in: "query", required: false, schema: { type: "number" } },
        { name: "endDate", in: "query", required: false, schema: { type: "number" } },
        {
          name: "actionType",
          in: "query",
          required: false,
          commaSeparated: true,
          schema: { type: "array", items: { $ref: "ActionType" } },
        },
        { name: "sortBy", in: "query", required: false, schema: { $ref: "CallLogSortField" } },
        { name: "sort", in: "query", required: false, schema: { $ref: "SortDirection" } },
        { name: "page", in: "query", required: false, schema: { type: "integer", minimum: 1, default: 1 } },
        {
          name: "pageSize",
          in: "query",
          required: false,
          schema: { type: "integer", minimum: 1, maximum: 50, default: 10 },
        },
      ],
      responses: {
        "200": { $ref: "CallLogPage" },
        "400": { $ref: "BadRequestError" },
        "401": { $ref: "UnauthorizedError" },
        "403": { $ref: "ForbiddenError" },
        "429": { $ref: "ErrorBody" },
        "5XX": { $ref: "ErrorBody" },
      },
    },
    patchAgent: {
      method: "PATCH",
      path: "/voice-ai/agents/{agentId}",
      parameters: [
        { name: "agentId", in: "path", required: true, schema: { type: "string" } },
        { name: "Version", in: "header", required: true, schema: { $ref: "ApiVersion" } },
        { name: "locationId", in: "query", required: true, schema: { type: "string" } },
      ],
      body: { required: true, schema: { $ref: "PatchAgentRequest" } },
      responses: {
        "200": { $ref: "Agent" },
        "400": { $ref: "BadRequestError" },
        "401": { $ref: "UnauthorizedError" },
        "403": { $ref: "ForbiddenError" },
        "404": { $ref: "NotFoundError" },
        "422": { $ref: "UnprocessableEntityError" },
        "429": { $ref: "ErrorBody" },
        "5XX": { $ref: "ErrorBody" },
      },
    },
    updateAction: {
      method: "PUT",
      path: "/voice-ai/actions/{actionId}",
      parameters: [
        { name: "actionId", in: "path", required: true, schema: { type: "string" } },
        { name: "Version", in: "header", required: true, schema: { $ref: "ApiVersion" } },
      ],
      body: { required: true, schema: { $ref: "ActionRequest" } },
      responses: {
        "200": { $ref: "Action" },
        "400": { $ref: "BadRequestError" },
        "401": { $ref: "UnauthorizedError" },
        "403": { $ref: "ForbiddenError" },
        "404": { $ref: "NotFoundError" },
        "422": { $ref: "UnprocessableEntityError" },
        "429": { $ref: "ErrorBody" },
        "5XX": { $ref: "ErrorBody" },
      },
    },
  },
};
