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
export interface AgentWorkingHours extends Omit<Schema<"AgentWorkingHours">, "intervals"> {
  /** Spans of the day during which the agent takes calls. */
  intervals: WorkingHoursInterval[];
}

/** Who receives an email after each call. When the whole object is given, every field is required. */
export interface PostCallNotificationRecipients extends Schema<"PostCallNotificationRecipients"> {}

/**
 * Translation of the conversation. Rules the server enforces: translation can only be
 * enabled when the agent's language is not `en-US`; when enabled, `language` is required
 * and must be either the agent's language or `en-US`.
 */
export interface TranslationRequest extends Schema<"TranslationRequest"> {}

/** Agent settings to change. Omitted settings keep their current value. */
export interface AgentPatch extends Omit<
  Schema<"PatchAgentRequest">,
  "language" | "patienceLevel" | "sendPostCallNotificationTo" | "agentWorkingHours" | "translation"
> {
  /** Language the agent speaks and understands; `multi` lets it switch between languages. */
  language?: Language;
  /** How long the agent waits for a caller who is slow to answer. */
  patienceLevel?: PatienceLevel;
  /**
   * Who receives an email after each call. The public reference lists `[]` as the
   * default of this object, meaning nobody beyond the per-field defaults.
   */
  sendPostCallNotificationTo?: PostCallNotificationRecipients;
  /** When the agent takes calls, per weekday. Empty means around the clock. */
  agentWorkingHours?: AgentWorkingHours[];
  /**
   * Translation of the conversation. Rules the server enforces: translation can only be
   * enabled when the agent's language is not `en-US`; when enabled, `language` is required
   * and must be either the agent's language or `en-US`.
   */
  translation?: TranslationRequest;
}

/**
 * Settings of a new agent. Only `locationId` is required.
 *
 * `locationId` may be left out when the client was created with a default `locationId`.
 */
export interface AgentCreate extends Omit<
  Schema<"CreateAgentRequest">,
  | "language"
  | "patienceLevel"
  | "sendPostCallNotificationTo"
  | "agentWorkingHours"
  | "translation"
  | "locationId"
> {
  /** Language the agent speaks and understands; `multi` lets it switch between languages. */
  language?: Language;
  /** How long the agent waits for a caller who is slow to answer. */
  patienceLevel?: PatienceLevel;
  /**
   * Who receives an email after each call. The public reference lists `[]` as the
   * default of this object, meaning nobody beyond the per-field defaults.
   */
  sendPostCallNotificationTo?: PostCallNotificationRecipients;
  /** When the agent takes calls, per weekday. Empty means around the clock. */
  agentWorkingHours?: AgentWorkingHours[];
  /**
   * Translation of the conversation. Rules the server enforces: translation can only be
   * enabled when the agent's language is not `en-US`; when enabled, `language` is required
   * and must be either the agent's language or `en-US`.
   */
  translation?: TranslationRequest;
  /** ID of the location; the client's default `locationId` when left out. */
  locationId?: string;
}

/** Current post-call email recipients. */
export interface PostCallNotificationSettings extends Schema<"PostCallNotificationSettings"> {}

/** Current translation settings. */
export interface TranslationSettings extends Schema<"TranslationSettings"> {}

/** A Voice AI agent as the server stores it. */
export interface Agent extends Omit<
  Schema<"Agent">,
  "language" | "patienceLevel" | "sendPostCallNotificationTo" | "agentWorkingHours" | "translation"
> {
  /** Language the agent speaks and understands; `multi` lets it switch between languages. */
  language: Language;
  /** How long the agent waits for a caller who is slow to answer. */
  patienceLevel: PatienceLevel;
  /** Current post-call email recipients. */
  sendPostCallNotificationTo?: PostCallNotificationSettings;
  /** When the agent takes calls, per weekday. */
  agentWorkingHours?: AgentWorkingHours[];
  /** Current translation settings. */
  translation?: TranslationSettings;
}

/** An agent together with every action attached to it. */
export interface AgentWithActions extends Omit<
  Schema<"AgentWithActions">,
  | "language"
  | "patienceLevel"
  | "sendPostCallNotificationTo"
  | "agentWorkingHours"
  | "translation"
  | "actions"
> {
  /** Language the agent speaks and understands; `multi` lets it switch between languages. */
  language: Language;
  /** How long the agent waits for a caller who is slow to answer. */
  patienceLevel: PatienceLevel;
  /** Current post-call email recipients. */
  sendPostCallNotificationTo?: PostCallNotificationSettings;
  /** When the agent takes calls, per weekday. */
  agentWorkingHours?: AgentWorkingHours[];
  /** Current translation settings. */
  translation?: TranslationSettings;
  /** The agent's actions, each with its complete parameters. */
  actions: Action[];
}

/** One page of agents. */
export interface AgentList extends Omit<Schema<"AgentPage">, "agents"> {
  /** The agents on this page. */
  agents: AgentWithActions[];
}

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
export interface CustomActionApiDetails extends Omit<
  Schema<"CustomActionApiDetails">,
  "headers" | "parameters"
> {
  /** HTTP headers to send. */
  headers?: CustomActionHeader[];
  /** Parameters to send. */
  parameters?: CustomActionParameter[];
}

/** Calls an external HTTP API and lets the agent use the answer. */
export interface CustomActionParameters extends Omit<Schema<"CustomActionParameters">, "apiDetails"> {
  /** The external HTTP endpoint a custom action calls. */
  apiDetails: CustomActionApiDetails;
}

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
export interface CallTransferActionRequest extends Omit<
  Schema<"CallTransferActionRequest">,
  "actionParameters" | "locationId"
> {
  /** Transfers the call to a phone number. */
  actionParameters: CallTransferActionParameters;
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
  "actionParameters" | "locationId"
> {
  /** Extracts a value from the conversation after the call and stores it in a contact field. */
  actionParameters: DataExtractionActionParameters;
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
  "actionParameters" | "locationId"
> {
  /** Extracts a value while the call is still going on and stores it in a contact field. */
  actionParameters: InCallDataExtractionActionParameters;
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
  "actionParameters" | "locationId"
> {
  /** Starts a workflow. */
  actionParameters: WorkflowTriggerActionParameters;
  /** ID of the location; the client's default `locationId` when left out. */
  locationId?: string;
}

/**
 * A request for an SMS action.
 *
 * `locationId` may be left out when the client was created with a default `locationId`.
 */
export interface SmsActionRequest extends Omit<
  Schema<"SmsActionRequest">,
  "actionParameters" | "locationId"
> {
  /** Sends the caller a text message. */
  actionParameters: SmsActionParameters;
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
  "actionParameters" | "locationId"
> {
  /** Books an appointment in a calendar. */
  actionParameters: AppointmentBookingActionParameters;
  /** ID of the location; the client's default `locationId` when left out. */
  locationId?: string;
}

/**
 * A request for a custom API call action.
 *
 * `locationId` may be left out when the client was created with a default `locationId`.
 */
export interface CustomActionRequest extends Omit<
  Schema<"CustomActionRequest">,
  "actionParameters" | "locationId"
> {
  /** Calls an external HTTP API and lets the agent use the answer. */
  actionParameters: CustomActionParameters;
  /** ID of the location; the client's default `locationId` when left out. */
  locationId?: string;
}

/**
 * A request for a knowledge-base lookup action.
 *
 * `locationId` may be left out when the client was created with a default `locationId`.
 */
export interface KnowledgeBaseActionRequest extends Omit<
  Schema<"KnowledgeBaseActionRequest">,
  "actionParameters" | "locationId"
> {
  /** Answers from a knowledge base. */
  actionParameters: KnowledgeBaseActionParameters;
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
export interface CallTransferAction extends Omit<Schema<"CallTransferAction">, "actionParameters"> {
  /** Transfers the call to a phone number. */
  actionParameters: CallTransferActionParameters;
}

/** A stored action of type DATA_EXTRACTION. */
export interface DataExtractionAction extends Omit<Schema<"DataExtractionAction">, "actionParameters"> {
  /** Extracts a value from the conversation after the call and stores it in a contact field. */
  actionParameters: DataExtractionActionParameters;
}

/** A stored action of type IN_CALL_DATA_EXTRACTION. */
export interface InCallDataExtractionAction extends Omit<
  Schema<"InCallDataExtractionAction">,
  "actionParameters"
> {
  /** Extracts a value while the call is still going on and stores it in a contact field. */
  actionParameters: InCallDataExtractionActionParameters;
}

/** A stored action of type WORKFLOW_TRIGGER. */
export interface WorkflowTriggerAction extends Omit<Schema<"WorkflowTriggerAction">, "actionParameters"> {
  /** Starts a workflow. */
  actionParameters: WorkflowTriggerActionParameters;
}

/** A stored action of type SMS. */
export interface SmsAction extends Omit<Schema<"SmsAction">, "actionParameters"> {
  /** Sends the caller a text message. */
  actionParameters: SmsActionParameters;
}

/** A stored action of type APPOINTMENT_BOOKING. */
export interface AppointmentBookingAction extends Omit<
  Schema<"AppointmentBookingAction">,
  "actionParameters"
> {
  /** Books an appointment in a calendar. */
  actionParameters: AppointmentBookingActionParameters;
}

/** A stored action of type CUSTOM_ACTION. */
export interface CustomAction extends Omit<Schema<"CustomAction">, "actionParameters"> {
  /** Calls an external HTTP API and lets the agent use the answer. */
  actionParameters: CustomActionParameters;
}

/** A stored action of type KNOWLEDGE_BASE. */
export interface KnowledgeBaseAction extends Omit<Schema<"KnowledgeBaseAction">, "actionParameters"> {
  /** Answers from a knowledge base. */
  actionParameters: KnowledgeBaseActionParameters;
}

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
export interface ExecutedCallTransferAction extends Omit<
  Schema<"ExecutedCallTransferAction">,
  "actionParameters"
> {
  /** Transfers the call to a phone number. */
  actionParameters?: CallTransferActionParameters;
}

/** An executed action of type DATA_EXTRACTION; the log may omit its parameters. */
export interface ExecutedDataExtractionAction extends Omit<
  Schema<"ExecutedDataExtractionAction">,
  "actionParameters"
> {
  /** Extracts a value from the conversation after the call and stores it in a contact field. */
  actionParameters?: DataExtractionActionParameters;
}

/** An executed action of type IN_CALL_DATA_EXTRACTION; the log may omit its parameters. */
export interface ExecutedInCallDataExtractionAction extends Omit<
  Schema<"ExecutedInCallDataExtractionAction">,
  "actionParameters"
> {
  /** Extracts a value while the call is still going on and stores it in a contact field. */
  actionParameters?: InCallDataExtractionActionParameters;
}

/** An executed action of type WORKFLOW_TRIGGER; the log may omit its parameters. */
export interface ExecutedWorkflowTriggerAction extends Omit<
  Schema<"ExecutedWorkflowTriggerAction">,
  "actionParameters"
> {
  /** Starts a workflow. */
  actionParameters?: WorkflowTriggerActionParameters;
}

/** An executed action of type SMS; the log may omit its parameters. */
export interface ExecutedSmsAction extends Omit<Schema<"ExecutedSmsAction">, "actionParameters"> {
  /** Sends the caller a text message. */
  actionParameters?: SmsActionParameters;
}

/** An executed action of type APPOINTMENT_BOOKING; the log may omit its parameters. */
export interface ExecutedAppointmentBookingAction extends Omit<
  Schema<"ExecutedAppointmentBookingAction">,
  "actionParameters"
> {
  /** Books an appointment in a calendar. */
  actionParameters?: AppointmentBookingActionParameters;
}

/** An executed action of type CUSTOM_ACTION; the log may omit its parameters. */
export interface ExecutedCustomAction extends Omit<Schema<"ExecutedCustomAction">, "actionParameters"> {
  /** Calls an external HTTP API and lets the agent use the answer. */
  actionParameters?: CustomActionParameters;
}

/** An executed action of type KNOWLEDGE_BASE; the log may omit its parameters. */
export interface ExecutedKnowledgeBaseAction extends Omit<
  Schema<"ExecutedKnowledgeBaseAction">,
  "actionParameters"
> {
  /** Answers from a knowledge base. */
  actionParameters?: KnowledgeBaseActionParameters;
}

/**
 * The body of the `VoiceAiCallEnd` app webhook, posted when a Voice AI call ends in a
 * location (the app needs the scope `voice-ai-dashboard.readonly`). The published schema
 * marks no field required and lists no `type`; other HighLevel webhook bodies name their
 * event in `type`, so it may come as `VoiceAiCallEnd`. Fields beyond these may be present.
 * Retries, ordering and duplicate delivery are not documented: de-duplicate by `id`.
 */
export interface VoiceAiCallEndEvent extends Omit<
  Schema<"VoiceAiCallEnd">,
  "translation" | "executedCallActions"
> {
  /** The call's transcript translated. */
  translation?: CallEndTranslation;
  /** The actions the agent ran during the call. */
  executedCallActions?: CallEndExecutedAction[];
}

/** The call's transcript translated. */
export interface CallEndTranslation extends Schema<"CallEndTranslation"> {}

/**
 * An action the agent ran during the call, as the `VoiceAiCallEnd` event reports it;
 * `actionType` decides the shape of `actionParameters` (the same per-type parameters as
 * the actions of the API). The event names the action's ID `_id` (the call-logs API:
 * `actionId`). Fields beyond these may be present.
 */
export type CallEndExecutedAction =
  | CallEndCallTransferAction
  | CallEndDataExtractionAction
  | CallEndInCallDataExtractionAction
  | CallEndWorkflowTriggerAction
  | CallEndSmsAction
  | CallEndAppointmentBookingAction
  | CallEndCustomAction
  | CallEndKnowledgeBaseAction;

/** An action of type CALL_TRANSFER run during the call; the event may omit its parameters. */
export interface CallEndCallTransferAction extends Omit<
  Schema<"CallEndCallTransferAction">,
  "actionParameters"
> {
  /** Transfers the call to a phone number. */
  actionParameters?: CallTransferActionParameters;
}

/** An action of type DATA_EXTRACTION run during the call; the event may omit its parameters. */
export interface CallEndDataExtractionAction extends Omit<
  Schema<"CallEndDataExtractionAction">,
  "actionParameters"
> {
  /** Extracts a value from the conversation after the call and stores it in a contact field. */
  actionParameters?: DataExtractionActionParameters;
}

/** An action of type IN_CALL_DATA_EXTRACTION run during the call; the event may omit its parameters. */
export interface CallEndInCallDataExtractionAction extends Omit<
  Schema<"CallEndInCallDataExtractionAction">,
  "actionParameters"
> {
  /** Extracts a value while the call is still going on and stores it in a contact field. */
  actionParameters?: InCallDataExtractionActionParameters;
}

/** An action of type WORKFLOW_TRIGGER run during the call; the event may omit its parameters. */
export interface CallEndWorkflowTriggerAction extends Omit<
  Schema<"CallEndWorkflowTriggerAction">,
  "actionParameters"
> {
  /** Starts a workflow. */
  actionParameters?: WorkflowTriggerActionParameters;
}

/** An action of type SMS run during the call; the event may omit its parameters. */
export interface CallEndSmsAction extends Omit<Schema<"CallEndSmsAction">, "actionParameters"> {
  /** Sends the caller a text message. */
  actionParameters?: SmsActionParameters;
}

/** An action of type APPOINTMENT_BOOKING run during the call; the event may omit its parameters. */
export interface CallEndAppointmentBookingAction extends Omit<
  Schema<"CallEndAppointmentBookingAction">,
  "actionParameters"
> {
  /** Books an appointment in a calendar. */
  actionParameters?: AppointmentBookingActionParameters;
}

/** An action of type CUSTOM_ACTION run during the call; the event may omit its parameters. */
export interface CallEndCustomAction extends Omit<Schema<"CallEndCustomAction">, "actionParameters"> {
  /** Calls an external HTTP API and lets the agent use the answer. */
  actionParameters?: CustomActionParameters;
}

/** An action of type KNOWLEDGE_BASE run during the call; the event may omit its parameters. */
export interface CallEndKnowledgeBaseAction extends Omit<
  Schema<"CallEndKnowledgeBaseAction">,
  "actionParameters"
> {
  /** Answers from a knowledge base. */
  actionParameters?: KnowledgeBaseActionParameters;
}

/** The log of one call handled by a Voice AI agent. */
export interface CallLog extends Omit<Schema<"CallLog">, "executedCallActions" | "translation"> {
  /** Actions that ran during the call. */
  executedCallActions: ExecutedCallAction[];
  /** Current translation settings. */
  translation?: TranslationSettings;
}

/** One page of call logs. */
export interface CallLogList extends Omit<Schema<"CallLogPage">, "callLogs"> {
  /** The call logs on this page. */
  callLogs: CallLog[];
}
