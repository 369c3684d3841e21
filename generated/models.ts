// Generated from openapi/voice-ai.yaml by scripts/generate.ts. Do not edit by hand:
// change the spec and run `npm run generate`.

import type { components } from "./schema.js";

/** A schema of the spec, by its key (an interface can extend this, not an indexed access). */
type Schema<Key extends keyof components["schemas"]> = components["schemas"][Key];

/** Language the agent speaks and understands; `multi` lets it switch between languages. */
export type Language = Schema<"VoiceAILanguage">;

/** How long the agent waits for a caller who is slow to answer. */
export type PatienceLevel = Schema<"PatienceLevel">;

/** Kind of an agent action; decides the shape of its `actionParameters`. */
export type ActionType = Schema<"ActionType">;

/** `LIVE` for real calls, `TRIAL` for test calls made from the agent builder. */
export type CallType = Schema<"CallType">;

/** Field call logs can be sorted by. */
export type CallLogSortField = Schema<"CallLogSortField">;

/** Sort direction. */
export type SortDirection = Schema<"SortDirection">;

/** A span of time within one day, in the agent's timezone. */
export interface WorkingHoursInterval extends Schema<"WorkingHoursInterval"> {}

/** The spans of one weekday during which the agent takes calls. */
export interface AgentWorkingHours extends Schema<"AgentWorkingHours"> {}

/** Who receives an email after each call. When the whole object is given, every field is required. */
export interface PostCallNotificationRecipients extends Schema<"PostCallNotificationRecipients"> {}

/**
 * Translation of the conversation. Rules the server enforces: translation can only be
 * enabled when the agent's language is not `en-US`; when enabled, `language` is required
 * and must be either the agent's language or `en-US`.
 */
export interface TranslationRequest extends Schema<"TranslationRequest"> {}

/** Agent settings to change. Omitted settings keep their current value. */
export interface AgentPatch extends Schema<"PatchAgentRequest"> {}

/**
 * Settings of a new agent. Only `locationId` is required.
 *
 * `locationId` may be left out when the client was created with a default `locationId`.
 */
export interface AgentCreate extends Omit<Schema<"CreateAgentRequest">, "locationId"> {
  /** ID of the location; the client's default `locationId` when left out. */
  locationId?: string;
}

/** Current post-call email recipients. */
export interface PostCallNotificationSettings extends Schema<"PostCallNotificationSettings"> {}

/** Current translation settings. */
export interface TranslationSettings extends Schema<"TranslationSettings"> {}

/** A Voice AI agent as the server stores it. */
export interface Agent extends Schema<"Agent"> {}

/** An agent together with every action attached to it. */
export interface AgentWithActions extends Schema<"AgentWithActions"> {}

/** One page of agents. */
export interface AgentList extends Schema<"AgentPage"> {}

/** Transfers the call to a phone number. */
export interface CallTransferActionParameters extends Schema<"CallTransferActionParameters"> {}

/** Extracts a value from the conversation after the call and stores it in a contact field. */
export interface DataExtractionActionParameters extends Schema<"DataExtractionActionParameters"> {}

/** Extracts a value while the call is still going on and stores it in a contact field. */
export interface InCallDataExtractionActionParameters extends Schema<"InCallDataExtractionActionParameters"> {}

/** Starts a workflow. */
export interface WorkflowTriggerActionParameters extends Schema<"WorkflowTriggerActionParameters"> {}

/** Sends the caller a text message. */
export interface SmsActionParameters extends Schema<"SmsActionParameters"> {}

/** Books an appointment in a calendar. */
export interface AppointmentBookingActionParameters extends Schema<"AppointmentBookingActionParameters"> {}

/** One HTTP header sent with the custom API call. */
export interface CustomActionHeader extends Schema<"CustomActionHeader"> {}

/** One parameter the agent collects and sends to the custom API. */
export interface CustomActionParameter extends Schema<"CustomActionParameter"> {}

/** The external HTTP endpoint a custom action calls. */
export interface CustomActionApiDetails extends Schema<"CustomActionApiDetails"> {}

/** Calls an external HTTP API and lets the agent use the answer. */
export interface CustomActionParameters extends Schema<"CustomActionParameters"> {}

/** Answers from a knowledge base. */
export interface KnowledgeBaseActionParameters extends Schema<"KnowledgeBaseActionParameters"> {}

/**
 * An action to create, or the new content of an existing action. `actionType` decides
 * which parameters go with it: `SMS` takes SMS parameters, `CALL_TRANSFER` call-transfer
 * parameters, and so on.
 *
 * `locationId` may be left out when the client was created with a default `locationId`.
 */
export type ActionRequest =
  | CallTransferActionRequest
  | DataExtractionActionRequest
  | InCallDataExtractionActionRequest
  | WorkflowTriggerActionRequest
  | SmsActionRequest
  | AppointmentBookingActionRequest
  | CustomActionRequest
  | KnowledgeBaseActionRequest;

/**
 * A request for a call transfer action.
 *
 * `locationId` may be left out when the client was created with a default `locationId`.
 */
export interface CallTransferActionRequest extends Omit<Schema<"CallTransferActionRequest">, "locationId"> {
  /** ID of the location; the client's default `locationId` when left out. */
  locationId?: string;
}

/**
 * A request for a post-call data extraction action.
 *
 * `locationId` may be left out when the client was created with a default `locationId`.
 */
export interface DataExtractionActionRequest extends Omit<
  Schema<"DataExtractionActionRequest">,
  "locationId"
> {
  /** ID of the location; the client's default `locationId` when left out. */
  locationId?: string;
}

/**
 * A request for an in-call data extraction action.
 *
 * `locationId` may be left out when the client was created with a default `locationId`.
 */
export interface InCallDataExtractionActionRequest extends Omit<
  Schema<"InCallDataExtractionActionRequest">,
  "locationId"
> {
  /** ID of the location; the client's default `locationId` when left out. */
  locationId?: string;
}

/**
 * A request for a workflow trigger action.
 *
 * `locationId` may be left out when the client was created with a default `locationId`.
 */
export interface WorkflowTriggerActionRequest extends Omit<
  Schema<"WorkflowTriggerActionRequest">,
  "locationId"
> {
  /** ID of the location; the client's default `locationId` when left out. */
  locationId?: string;
}

/**
 * A request for an SMS action.
 *
 * `locationId` may be left out when the client was created with a default `locationId`.
 */
export interface SmsActionRequest extends Omit<Schema<"SmsActionRequest">, "locationId"> {
  /** ID of the location; the client's default `locationId` when left out. */
  locationId?: string;
}

/**
 * A request for an appointment booking action.
 *
 * `locationId` may be left out when the client was created with a default `locationId`.
 */
export interface AppointmentBookingActionRequest extends Omit<
  Schema<"AppointmentBookingActionRequest">,
  "locationId"
> {
  /** ID of the location; the client's default `locationId` when left out. */
  locationId?: string;
}

/**
 * A request for a custom API call action.
 *
 * `locationId` may be left out when the client was created with a default `locationId`.
 */
export interface CustomActionRequest extends Omit<Schema<"CustomActionRequest">, "locationId"> {
  /** ID of the location; the client's default `locationId` when left out. */
  locationId?: string;
}

/**
 * A request for a knowledge-base lookup action.
 *
 * `locationId` may be left out when the client was created with a default `locationId`.
 */
export interface KnowledgeBaseActionRequest extends Omit<Schema<"KnowledgeBaseActionRequest">, "locationId"> {
  /** ID of the location; the client's default `locationId` when left out. */
  locationId?: string;
}

/**
 * An action as the server stores it; `actionType` decides the shape of
 * `actionParameters`.
 */
export type Action =
  | CallTransferAction
  | DataExtractionAction
  | InCallDataExtractionAction
  | WorkflowTriggerAction
  | SmsAction
  | AppointmentBookingAction
  | CustomAction
  | KnowledgeBaseAction;

/** A stored action of type CALL_TRANSFER. */
export interface CallTransferAction extends Schema<"CallTransferAction"> {}

/** A stored action of type DATA_EXTRACTION. */
export interface DataExtractionAction extends Schema<"DataExtractionAction"> {}

/** A stored action of type IN_CALL_DATA_EXTRACTION. */
export interface InCallDataExtractionAction extends Schema<"InCallDataExtractionAction"> {}

/** A stored action of type WORKFLOW_TRIGGER. */
export interface WorkflowTriggerAction extends Schema<"WorkflowTriggerAction"> {}

/** A stored action of type SMS. */
export interface SmsAction extends Schema<"SmsAction"> {}

/** A stored action of type APPOINTMENT_BOOKING. */
export interface AppointmentBookingAction extends Schema<"AppointmentBookingAction"> {}

/** A stored action of type CUSTOM_ACTION. */
export interface CustomAction extends Schema<"CustomAction"> {}

/** A stored action of type KNOWLEDGE_BASE. */
export interface KnowledgeBaseAction extends Schema<"KnowledgeBaseAction"> {}

/**
 * An action that ran during a call; `actionType` decides the shape of
 * `actionParameters`. `APPOINTMENT_BOOKING` actions only appear in logs of calls from
 * 9 September 2025 on.
 */
export type ExecutedCallAction =
  | ExecutedCallTransferAction
  | ExecutedDataExtractionAction
  | ExecutedInCallDataExtractionAction
  | ExecutedWorkflowTriggerAction
  | ExecutedSmsAction
  | ExecutedAppointmentBookingAction
  | ExecutedCustomAction
  | ExecutedKnowledgeBaseAction;

/** An executed action of type CALL_TRANSFER; the log may omit its parameters. */
export interface ExecutedCallTransferAction extends Schema<"ExecutedCallTransferAction"> {}

/** An executed action of type DATA_EXTRACTION; the log may omit its parameters. */
export interface ExecutedDataExtractionAction extends Schema<"ExecutedDataExtractionAction"> {}

/** An executed action of type IN_CALL_DATA_EXTRACTION; the log may omit its parameters. */
export interface ExecutedInCallDataExtractionAction extends Schema<"ExecutedInCallDataExtractionAction"> {}

/** An executed action of type WORKFLOW_TRIGGER; the log may omit its parameters. */
export interface ExecutedWorkflowTriggerAction extends Schema<"ExecutedWorkflowTriggerAction"> {}

/** An executed action of type SMS; the log may omit its parameters. */
export interface ExecutedSmsAction extends Schema<"ExecutedSmsAction"> {}

/** An executed action of type APPOINTMENT_BOOKING; the log may omit its parameters. */
export interface ExecutedAppointmentBookingAction extends Schema<"ExecutedAppointmentBookingAction"> {}

/** An executed action of type CUSTOM_ACTION; the log may omit its parameters. */
export interface ExecutedCustomAction extends Schema<"ExecutedCustomAction"> {}

/** An executed action of type KNOWLEDGE_BASE; the log may omit its parameters. */
export interface ExecutedKnowledgeBaseAction extends Schema<"ExecutedKnowledgeBaseAction"> {}

/** The log of one call handled by a Voice AI agent. */
export interface CallLog extends Schema<"CallLog"> {}

/** One page of call logs. */
export interface CallLogList extends Schema<"CallLogPage"> {}
