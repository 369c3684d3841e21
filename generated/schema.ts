// Generated from openapi/voice-ai.yaml by scripts/generate.ts. Do not edit by hand:
// change the spec and run `npm run generate`.

export interface paths {
  "/voice-ai/agents": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List agents
     * @description Returns one page of the agents of a location, optionally filtered by a search query.
     */
    get: operations["listAgents"];
    put?: never;
    /**
     * Create an agent
     * @description Creates a Voice AI agent in a location. Every setting except `locationId` is optional;
     *     the server fills in a generated name, greeting, prompt and voice when they are omitted.
     */
    post: operations["createAgent"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/voice-ai/agents/{agentId}": {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /**
         * @description ID of the agent.
         * @example 507f1f77bcf86cd799439011
         */
        agentId: components["parameters"]["AgentId"];
      };
      cookie?: never;
    };
    /**
     * Get an agent
     * @description Returns the full configuration of one agent, including the actions attached to it.
     */
    get: operations["getAgent"];
    put?: never;
    post?: never;
    /**
     * Delete an agent
     * @description Deletes an agent and its configuration. The call logs it produced are kept.
     */
    delete: operations["deleteAgent"];
    options?: never;
    head?: never;
    /**
     * Update an agent
     * @description Changes the settings given in the body and leaves every other setting of the agent as it is.
     */
    patch: operations["patchAgent"];
    trace?: never;
  };
  "/voice-ai/actions": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Create an action
     * @description Attaches a new action to an agent. `actionType` decides the shape of `actionParameters`;
     *     the examples show one body per action type.
     */
    post: operations["createAction"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/voice-ai/actions/{actionId}": {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /**
         * @description ID of the action.
         * @example 507f1f77bcf86cd799439011
         */
        actionId: components["parameters"]["ActionId"];
      };
      cookie?: never;
    };
    /**
     * Get an action
     * @description Returns one action with its type-specific parameters.
     */
    get: operations["getAction"];
    /**
     * Replace an action
     * @description Replaces an action's name, type and parameters. Unlike the other operations on an
     *     existing resource, this one takes `locationId` (and `agentId`) in the body rather than
     *     in the query string.
     */
    put: operations["updateAction"];
    post?: never;
    /**
     * Delete an action
     * @description Removes an action from its agent for good. Both the location and the agent the action
     *     belongs to must be given in the query string.
     */
    delete: operations["deleteAction"];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/voice-ai/dashboard/call-logs": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List call logs
     * @description Returns one page of the call logs of a location. The logs can be narrowed to one agent,
     *     to some contacts, to live or trial calls, to calls in which given action types ran, and
     *     to a time range; they can be sorted by duration or creation time. Without `sortBy` the
     *     newest calls come first.
     */
    get: operations["listCallLogs"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/voice-ai/dashboard/call-logs/{callId}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Get a call log
     * @description Returns the log of one call.
     */
    get: operations["getCallLog"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export interface webhooks {
  VoiceAiCallEnd: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * A Voice AI call ended
     * @description HighLevel posts this event to the app's webhook URL whenever a Voice AI call ends in a
     *     location where the app is installed with the scope `voice-ai-dashboard.readonly`
     *     (Sub-Account apps). It is signed like every app webhook: `x-ghl-signature` is an Ed25519
     *     signature (base64) over the raw body, checked with the app's webhook public key from the
     *     Marketplace.
     *
     *     No field is marked required, the published schema lists no `type` (the body may carry
     *     `"type": "VoiceAiCallEnd"` like other events) and other fields may come. Retries,
     *     ordering and duplicate delivery are not documented: de-duplicate by the call `id`, the
     *     same ID as `GET /voice-ai/dashboard/call-logs/{callId}`. No `timestamp` or `webhookId` is
     *     documented for this event.
     */
    post: operations["voiceAiCallEnd"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export interface components {
  schemas: {
    /**
     * @description Value of the `Version` header.
     * @enum {string}
     */
    ApiVersion: "2021-04-15" | "v3";
    /**
     * @description Language the agent speaks and understands; `multi` lets it switch between languages.
     * @enum {string}
     */
    VoiceAILanguage: "en-US" | "pt-BR" | "es" | "fr" | "de" | "it" | "nl-NL" | "multi";
    /**
     * @description How long the agent waits for a caller who is slow to answer.
     * @enum {string}
     */
    PatienceLevel: "low" | "medium" | "high";
    /**
     * @description Kind of an agent action; decides the shape of its `actionParameters`.
     * @enum {string}
     */
    ActionType:
      | "CALL_TRANSFER"
      | "DATA_EXTRACTION"
      | "IN_CALL_DATA_EXTRACTION"
      | "WORKFLOW_TRIGGER"
      | "SMS"
      | "APPOINTMENT_BOOKING"
      | "CUSTOM_ACTION"
      | "KNOWLEDGE_BASE";
    /**
     * @description `LIVE` for real calls, `TRIAL` for test calls made from the agent builder.
     * @enum {string}
     */
    CallType: "LIVE" | "TRIAL";
    /**
     * @description Field call logs can be sorted by.
     * @enum {string}
     */
    CallLogSortField: "duration" | "createdAt";
    /**
     * @description Sort direction.
     * @enum {string}
     */
    SortDirection: "ascend" | "descend";
    /** @description A span of time within one day, in the agent's timezone. */
    WorkingHoursInterval: {
      /**
       * @description Hour the span starts, 0-23.
       * @example 9
       */
      startHour: number;
      /**
       * @description Hour the span ends, 0-23.
       * @example 17
       */
      endHour: number;
      /**
       * @description Minute the span starts, 0-59.
       * @example 0
       */
      startMinute: number;
      /**
       * @description Minute the span ends, 0-59.
       * @example 30
       */
      endMinute: number;
    };
    /** @description The spans of one weekday during which the agent takes calls. */
    AgentWorkingHours: {
      /**
       * @description Day of the week, from 1 (Monday) to 7 (Sunday).
       * @example 1
       * @enum {number}
       */
      dayOfTheWeek: 1 | 2 | 3 | 4 | 5 | 6 | 7;
      /**
       * @description Spans of the day during which the agent takes calls.
       * @example [
       *       {
       *         "startHour": 9,
       *         "startMinute": 0,
       *         "endHour": 17,
       *         "endMinute": 30
       *       }
       *     ]
       */
      intervals: components["schemas"]["WorkingHoursInterval"][];
    };
    /** @description Who receives an email after each call. When the whole object is given, every field is required. */
    PostCallNotificationRecipients: {
      /**
       * @description Notify every admin user of the location.
       * @default true
       * @example true
       */
      admins: boolean;
      /**
       * @description Notify every user of the location.
       * @default false
       * @example false
       */
      allUsers: boolean;
      /**
       * @description Notify the user the caller's contact is assigned to.
       * @default false
       * @example false
       */
      contactAssignedUser: boolean;
      /**
       * @description IDs of further users to notify.
       * @default []
       * @example [
       *       "user_507f1f77bcf86cd799439011"
       *     ]
       */
      specificUsers: string[];
      /**
       * @description Further email addresses to notify.
       * @default []
       * @example [
       *       "manager@company.com"
       *     ]
       */
      customEmails: string[];
    };
    /**
     * @description Translation of the conversation. Rules the server enforces: translation can only be
     *     enabled when the agent's language is not `en-US`; when enabled, `language` is required
     *     and must be either the agent's language or `en-US`.
     */
    TranslationRequest: {
      /**
       * @description Turn translation on.
       * @default false
       * @example false
       */
      enabled: boolean;
      /**
       * @description Code of the language to translate into, such as `es` or `fr`.
       * @example es
       */
      language?: string;
    };
    /** @description Agent settings to change. Omitted settings keep their current value. */
    PatchAgentRequest: {
      /**
       * @description Display name of the agent, 1-40 characters. A new agent gets "My Agent" and a random three-digit number.
       * @example Customer Support Agent
       */
      agentName?: string;
      /**
       * @description Name of the business the agent speaks for. A new agent gets the location's name.
       * @example Acme Corporation
       */
      businessName?: string;
      /**
       * @description Greeting the agent speaks when it answers, 1-190 characters. Generated when omitted on creation.
       * @example Hello! Thank you for calling Acme Corporation. How can I assist you today?
       */
      welcomeMessage?: string;
      /**
       * @description Instructions that shape the agent's behaviour and personality. A basic prompt is generated when omitted on creation.
       * @example You are a helpful customer service representative. Always be polite and professional.
       */
      agentPrompt?: string;
      /**
       * @description ID of the synthetic voice the agent speaks with. Chosen automatically when omitted on creation.
       * @example 507f1f77bcf86cd799439011
       */
      voiceId?: string;
      /**
       * @default en-US
       * @example en-US
       */
      language?: components["schemas"]["VoiceAILanguage"];
      /**
       * @default high
       * @example low
       */
      patienceLevel?: components["schemas"]["PatienceLevel"];
      /**
       * @description Longest a call may last, in seconds (3 to 15 minutes).
       * @default 300
       * @example 600
       */
      maxCallDuration?: number;
      /**
       * @description Prompt callers who have gone silent.
       * @default true
       * @example true
       */
      sendUserIdleReminders?: boolean;
      /**
       * @description Seconds of silence before the agent prompts the caller, 1-20.
       * @default 8
       * @example 5
       */
      reminderAfterIdleTimeSeconds?: number;
      /**
       * @description Phone number whose inbound calls the agent answers. A new agent has none (null).
       * @example +1234567890
       */
      inboundNumber?: string;
      /**
       * @description ID of the number pool that allocates the agent's phone numbers. A new agent has none (null).
       * @example pool_507f1f77bcf86cd799439011
       */
      numberPoolId?: string;
      /**
       * @description IDs of workflows to start when a call ends, at most 10.
       * @default []
       * @example [
       *       "wf_507f1f77bcf86cd799439011",
       *       "wf_507f1f77bcf86cd799439012"
       *     ]
       */
      callEndWorkflowIds?: string[];
      /**
       * @description Who receives an email after each call. The public reference lists `[]` as the
       *     default of this object, meaning nobody beyond the per-field defaults.
       */
      sendPostCallNotificationTo?: components["schemas"]["PostCallNotificationRecipients"];
      /**
       * @description When the agent takes calls, per weekday. Empty means around the clock.
       * @default []
       */
      agentWorkingHours?: components["schemas"]["AgentWorkingHours"][];
      /**
       * @description IANA timezone the working hours are read in. Defaults to the location's timezone.
       * @example America/New_York
       */
      timezone?: string;
      /**
       * @description Keep this agent from being used as a backup for other agents. By default it can be.
       * @default false
       * @example false
       */
      isAgentAsBackupDisabled?: boolean;
      translation?: components["schemas"]["TranslationRequest"];
    };
    /** @description Settings of a new agent. Only `locationId` is required. */
    CreateAgentRequest: {
      /**
       * @description ID of the location the agent will work in.
       * @example LOC123456789ABCDEF
       */
      locationId: string;
    } & components["schemas"]["PatchAgentRequest"];
    /** @description Current post-call email recipients. */
    PostCallNotificationSettings: {
      /**
       * @description Admin users are notified.
       * @example true
       */
      admins?: boolean;
      /**
       * @description All users are notified.
       * @example false
       */
      allUsers?: boolean;
      /**
       * @description The contact's assigned user is notified.
       * @example false
       */
      contactAssignedUser?: boolean;
      /**
       * @description IDs of further users notified.
       * @example []
       */
      specificUsers?: string[];
      /**
       * @description Further email addresses notified.
       * @example []
       */
      customEmails?: string[];
    };
    /** @description Current translation settings. */
    TranslationSettings: {
      /**
       * @description Translation is on.
       * @example false
       */
      enabled?: boolean;
      /**
       * @description Code of the language translated into.
       * @example es
       */
      language?: string;
    };
    /** @description A Voice AI agent as the server stores it. */
    Agent: {
      /**
       * @description ID of the agent.
       * @example 507f1f77bcf86cd799439011
       */
      id: string;
      /**
       * @description ID of the location the agent works in.
       * @example LOC123456789ABCDEF
       */
      locationId: string;
      /**
       * @description Display name of the agent.
       * @example Customer Support Agent
       */
      agentName: string;
      /**
       * @description Name of the business the agent speaks for.
       * @example Acme Corporation
       */
      businessName: string;
      /**
       * @description Greeting the agent speaks when it answers.
       * @example Hello! Thank you for calling. How can I assist you today?
       */
      welcomeMessage: string;
      /**
       * @description Instructions that shape the agent's behaviour.
       * @example You are a helpful customer service representative.
       */
      agentPrompt: string;
      /**
       * @description ID of the synthetic voice the agent speaks with.
       * @example 507f1f77bcf86cd799439011
       */
      voiceId: string;
      /** @example en-US */
      language: components["schemas"]["VoiceAILanguage"];
      /** @example medium */
      patienceLevel: components["schemas"]["PatienceLevel"];
      /**
       * @description Longest a call may last, in seconds.
       * @example 600
       */
      maxCallDuration: number;
      /**
       * @description Silent callers are prompted.
       * @example true
       */
      sendUserIdleReminders: boolean;
      /**
       * @description Seconds of silence before the agent prompts the caller.
       * @example 5
       */
      reminderAfterIdleTimeSeconds: number;
      /**
       * @description Phone number whose inbound calls the agent answers.
       * @example +1234567890
       */
      inboundNumber?: string;
      /**
       * @description ID of the number pool that allocates the agent's phone numbers.
       * @example pool_507f1f77bcf86cd799439011
       */
      numberPoolId?: string;
      /**
       * @description IDs of workflows started when a call ends.
       * @example []
       */
      callEndWorkflowIds?: string[];
      sendPostCallNotificationTo?: components["schemas"]["PostCallNotificationSettings"];
      /**
       * @description When the agent takes calls, per weekday.
       * @example []
       */
      agentWorkingHours?: components["schemas"]["AgentWorkingHours"][];
      /**
       * @description IANA timezone the working hours are read in.
       * @example America/New_York
       */
      timezone: string;
      /**
       * @description The agent is kept from being used as a backup.
       * @example false
       */
      isAgentAsBackupDisabled: boolean;
      translation?: components["schemas"]["TranslationSettings"];
    };
    /** @description An agent together with every action attached to it. */
    AgentWithActions: components["schemas"]["Agent"] & {
      /** @description The agent's actions, each with its complete parameters. */
      actions: components["schemas"]["Action"][];
    };
    /** @description One page of agents. */
    AgentPage: {
      /**
       * @description Number of agents on all pages together.
       * @example 150
       */
      total: number;
      /**
       * @description Number of this page, starting at 1.
       * @example 2
       */
      page: number;
      /**
       * @description Page size the server used.
       * @example 10
       */
      pageSize: number;
      /** @description The agents on this page. */
      agents: components["schemas"]["AgentWithActions"][];
    };
    /** @description Transfers the call to a phone number. */
    CallTransferActionParameters: {
      /**
       * @description When during the call the agent should transfer.
       * @example When the caller asks to speak to a manager
       */
      triggerPrompt: string;
      /**
       * @description Kind of destination; only `number` exists today.
       * @example number
       * @enum {string}
       */
      transferToType: "number";
      /**
       * @description Destination phone number: a `+`, the country code and digits only, 11-16
       *     characters in all (for example `+12345678901`).
       * @example +12345678901
       */
      transferToValue: string;
      /**
       * @description What the agent tells the caller before transferring.
       * @example Let me transfer you to a manager right away
       */
      triggerMessage: string;
      /**
       * @description Play a whisper message to the person who receives the transfer.
       * @example true
       */
      hearWhisperMessage?: boolean;
    };
    /** @description Extracts a value from the conversation after the call and stores it in a contact field. */
    DataExtractionActionParameters: {
      /**
       * @description ID of the contact field the extracted value is written to.
       * @example 507f1f77bcf86cd799439011
       */
      contactFieldId: string;
      /**
       * @description What to extract.
       * @example Caller's phone number
       */
      description: string;
      /**
       * @description One to five sample values that show the agent the expected format.
       * @example [
       *       "+1234567890",
       *       "+9876543210"
       *     ]
       */
      examples: string[];
      /**
       * @description Replace a value the field already holds.
       * @default false
       * @example false
       */
      overwriteExistingValue?: boolean;
    };
    /** @description Extracts a value while the call is still going on and stores it in a contact field. */
    InCallDataExtractionActionParameters: {
      /**
       * @description ID of the contact field the extracted value is written to.
       * @example 507f1f77bcf86cd799439011
       */
      contactFieldId: string;
      /**
       * @description What to extract.
       * @example Caller's phone number
       */
      description: string;
      /**
       * @description One to five sample values that show the agent the expected format.
       * @example [
       *       "+1234567890",
       *       "+9876543210"
       *     ]
       */
      examples: string[];
      /**
       * @description Replace a value the field already holds.
       * @default false
       * @example false
       */
      overwriteExistingValue?: boolean;
    };
    /** @description Starts a workflow. */
    WorkflowTriggerActionParameters: {
      /**
       * @description When during the call the workflow should start.
       * @example When caller requests a quote
       */
      triggerPrompt: string;
      /**
       * @description What the agent tells the caller.
       * @example Let me start that process for you
       */
      triggerMessage: string;
      /**
       * @description ID of the workflow to start.
       * @example 507f1f77bcf86cd799439011
       */
      workflowId: string;
    };
    /** @description Sends the caller a text message. */
    SmsActionParameters: {
      /**
       * @description When during the call the SMS should be sent.
       * @example When caller asks for booking confirmation
       */
      triggerPrompt: string;
      /**
       * @description What the agent tells the caller.
       * @example I'll send you a confirmation text
       */
      triggerMessage: string;
      /**
       * @description Text of the SMS.
       * @example Your appointment is confirmed for tomorrow at 2 PM
       */
      messageBody: string;
    };
    /** @description Books an appointment in a calendar. */
    AppointmentBookingActionParameters: {
      /**
       * @description ID of the calendar to book in.
       * @example 507f1f77bcf86cd799439011
       */
      calendarId: string;
      /**
       * @description How many days ahead the agent offers dates.
       * @example 3
       */
      daysOfOfferingDates: number;
      /**
       * @description How many slots the agent offers per day.
       * @example 3
       */
      slotsPerDay: number;
      /**
       * @description Hours between the offered slots.
       * @example 1
       */
      hoursBetweenSlots: number;
    };
    /** @description One HTTP header sent with the custom API call. */
    CustomActionHeader: {
      /**
       * @description Header name.
       * @example id
       */
      key: string;
      /**
       * @description Header value.
       * @example 1234567890
       */
      value: string;
    };
    /** @description One parameter the agent collects and sends to the custom API. */
    CustomActionParameter: {
      /**
       * @description Parameter name.
       * @example orderId
       */
      name: string;
      /**
       * @description What the parameter means.
       * @example Order ID to look up
       */
      description?: string;
      /**
       * @description Type of the parameter's value.
       * @example string
       */
      type?: string;
      /**
       * @description A sample value.
       * @example ORD-12345
       */
      example?: string;
    };
    /** @description The external HTTP endpoint a custom action calls. */
    CustomActionApiDetails: {
      /**
       * @description Endpoint URL.
       * @example https://api.example.com/orders
       */
      url: string;
      /**
       * @description HTTP method.
       * @example GET
       * @enum {string}
       */
      method: "POST" | "GET";
      /**
       * @description The endpoint needs credentials, given in `authenticationValue`.
       * @example true
       */
      authenticationRequired?: boolean;
      /**
       * @description Token or API key for the endpoint; required when `authenticationRequired` is true.
       * @example token123
       */
      authenticationValue?: string;
      /** @description HTTP headers to send. */
      headers?: components["schemas"]["CustomActionHeader"][];
      /** @description Parameters to send. */
      parameters?: components["schemas"]["CustomActionParameter"][];
    };
    /** @description Calls an external HTTP API and lets the agent use the answer. */
    CustomActionParameters: {
      /**
       * @description When during the call the API should be called.
       * @example When caller provides order number
       */
      triggerPrompt: string;
      /**
       * @description What the agent tells the caller.
       * @example Let me check that order status
       */
      triggerMessage: string;
      apiDetails: components["schemas"]["CustomActionApiDetails"];
      /**
       * @description Paths of the values to take from the API's response. A `GET` endpoint needs at least
       *     one; a `POST` endpoint must have none.
       * @example [
       *       "data.orderId",
       *       "status"
       *     ]
       */
      selectedPaths?: string[];
    } & (unknown & unknown);
    /** @description Answers from a knowledge base. */
    KnowledgeBaseActionParameters: {
      /**
       * @description When during the call the knowledge base should be consulted.
       * @example When caller asks about pricing
       */
      triggerPrompt: string;
      /**
       * @description ID of the knowledge base.
       * @example 507f1f77bcf86cd799439011
       */
      knowledgeBaseId: string;
    };
    /** @description `actionType` CALL_TRANSFER with the parameters of a call transfer. */
    CallTransferActionConfig: {
      /**
       * @description Kind of the action.
       * @example CALL_TRANSFER
       * @constant
       */
      actionType: "CALL_TRANSFER";
      actionParameters: components["schemas"]["CallTransferActionParameters"];
    };
    /** @description `actionType` DATA_EXTRACTION with the parameters of a post-call data extraction. */
    DataExtractionActionConfig: {
      /**
       * @description Kind of the action.
       * @example DATA_EXTRACTION
       * @constant
       */
      actionType: "DATA_EXTRACTION";
      actionParameters: components["schemas"]["DataExtractionActionParameters"];
    };
    /** @description `actionType` IN_CALL_DATA_EXTRACTION with the parameters of an in-call data extraction. */
    InCallDataExtractionActionConfig: {
      /**
       * @description Kind of the action.
       * @example IN_CALL_DATA_EXTRACTION
       * @constant
       */
      actionType: "IN_CALL_DATA_EXTRACTION";
      actionParameters: components["schemas"]["InCallDataExtractionActionParameters"];
    };
    /** @description `actionType` WORKFLOW_TRIGGER with the parameters of a workflow trigger. */
    WorkflowTriggerActionConfig: {
      /**
       * @description Kind of the action.
       * @example WORKFLOW_TRIGGER
       * @constant
       */
      actionType: "WORKFLOW_TRIGGER";
      actionParameters: components["schemas"]["WorkflowTriggerActionParameters"];
    };
    /** @description `actionType` SMS with the parameters of an SMS. */
    SmsActionConfig: {
      /**
       * @description Kind of the action.
       * @example SMS
       * @constant
       */
      actionType: "SMS";
      actionParameters: components["schemas"]["SmsActionParameters"];
    };
    /** @description `actionType` APPOINTMENT_BOOKING with the parameters of an appointment booking. */
    AppointmentBookingActionConfig: {
      /**
       * @description Kind of the action.
       * @example APPOINTMENT_BOOKING
       * @constant
       */
      actionType: "APPOINTMENT_BOOKING";
      actionParameters: components["schemas"]["AppointmentBookingActionParameters"];
    };
    /** @description `actionType` CUSTOM_ACTION with the parameters of a custom API call. */
    CustomActionConfig: {
      /**
       * @description Kind of the action.
       * @example CUSTOM_ACTION
       * @constant
       */
      actionType: "CUSTOM_ACTION";
      actionParameters: components["schemas"]["CustomActionParameters"];
    };
    /** @description `actionType` KNOWLEDGE_BASE with the parameters of a knowledge-base lookup. */
    KnowledgeBaseActionConfig: {
      /**
       * @description Kind of the action.
       * @example KNOWLEDGE_BASE
       * @constant
       */
      actionType: "KNOWLEDGE_BASE";
      actionParameters: components["schemas"]["KnowledgeBaseActionParameters"];
    };
    /**
     * @description An action to create, or the new content of an existing action. `actionType` decides
     *     which parameters go with it: `SMS` takes SMS parameters, `CALL_TRANSFER` call-transfer
     *     parameters, and so on.
     */
    ActionRequest:
      | components["schemas"]["CallTransferActionRequest"]
      | components["schemas"]["DataExtractionActionRequest"]
      | components["schemas"]["InCallDataExtractionActionRequest"]
      | components["schemas"]["WorkflowTriggerActionRequest"]
      | components["schemas"]["SmsActionRequest"]
      | components["schemas"]["AppointmentBookingActionRequest"]
      | components["schemas"]["CustomActionRequest"]
      | components["schemas"]["KnowledgeBaseActionRequest"];
    /** @description Fields every action request has, whatever its type. */
    ActionRequestFields: {
      /**
       * @description ID of the agent the action belongs to.
       * @example 507f1f77bcf86cd799439011
       */
      agentId: string;
      /**
       * @description ID of the location.
       * @example 507f1f77bcf86cd799439012
       */
      locationId: string;
      /**
       * @description Human-readable name of the action.
       * @example Transfer to Manager
       */
      name: string;
    };
    /**
     * @description A request for a call transfer action.
     * @example {
     *       "agentId": "507f1f77bcf86cd799439011",
     *       "locationId": "507f1f77bcf86cd799439012",
     *       "actionType": "CALL_TRANSFER",
     *       "name": "Transfer to Manager",
     *       "actionParameters": {
     *         "triggerPrompt": "When the caller asks to speak to a manager",
     *         "transferToType": "number",
     *         "transferToValue": "+12345678901",
     *         "triggerMessage": "Let me transfer you to a manager right away",
     *         "hearWhisperMessage": true
     *       }
     *     }
     */
    CallTransferActionRequest: components["schemas"]["ActionRequestFields"] &
      components["schemas"]["CallTransferActionConfig"] & {
        /**
         * @description discriminator enum property added by openapi-typescript
         * @enum {string}
         */
        actionType: "CALL_TRANSFER";
      };
    /**
     * @description A request for a post-call data extraction action.
     * @example {
     *       "agentId": "507f1f77bcf86cd799439011",
     *       "locationId": "507f1f77bcf86cd799439012",
     *       "actionType": "DATA_EXTRACTION",
     *       "name": "Extract Phone Number",
     *       "actionParameters": {
     *         "contactFieldId": "507f1f77bcf86cd799439011",
     *         "description": "Caller's phone number",
     *         "examples": [
     *           "+1234567890",
     *           "+9876543210"
     *         ],
     *         "overwriteExistingValue": false
     *       }
     *     }
     */
    DataExtractionActionRequest: components["schemas"]["ActionRequestFields"] &
      components["schemas"]["DataExtractionActionConfig"] & {
        /**
         * @description discriminator enum property added by openapi-typescript
         * @enum {string}
         */
        actionType: "DATA_EXTRACTION";
      };
    /**
     * @description A request for an in-call data extraction action.
     * @example {
     *       "agentId": "507f1f77bcf86cd799439011",
     *       "locationId": "507f1f77bcf86cd799439012",
     *       "actionType": "IN_CALL_DATA_EXTRACTION",
     *       "name": "Extract Email During Call",
     *       "actionParameters": {
     *         "contactFieldId": "507f1f77bcf86cd799439025",
     *         "description": "Customer's email address",
     *         "examples": [
     *           "john@example.com",
     *           "jane@company.com"
     *         ],
     *         "overwriteExistingValue": true
     *       }
     *     }
     */
    InCallDataExtractionActionRequest: components["schemas"]["ActionRequestFields"] &
      components["schemas"]["InCallDataExtractionActionConfig"] & {
        /**
         * @description discriminator enum property added by openapi-typescript
         * @enum {string}
         */
        actionType: "IN_CALL_DATA_EXTRACTION";
      };
    /**
     * @description A request for a workflow trigger action.
     * @example {
     *       "agentId": "507f1f77bcf86cd799439011",
     *       "locationId": "507f1f77bcf86cd799439012",
     *       "actionType": "WORKFLOW_TRIGGER",
     *       "name": "Start Follow-up Workflow",
     *       "actionParameters": {
     *         "triggerPrompt": "When caller requests a quote",
     *         "triggerMessage": "Let me start that process for you",
     *         "workflowId": "507f1f77bcf86cd799439011"
     *       }
     *     }
     */
    WorkflowTriggerActionRequest: components["schemas"]["ActionRequestFields"] &
      components["schemas"]["WorkflowTriggerActionConfig"] & {
        /**
         * @description discriminator enum property added by openapi-typescript
         * @enum {string}
         */
        actionType: "WORKFLOW_TRIGGER";
      };
    /**
     * @description A request for an SMS action.
     * @example {
     *       "agentId": "507f1f77bcf86cd799439011",
     *       "locationId": "507f1f77bcf86cd799439012",
     *       "actionType": "SMS",
     *       "name": "Send SMS Confirmation",
     *       "actionParameters": {
     *         "triggerPrompt": "When caller asks for booking confirmation",
     *         "triggerMessage": "I'll send you a confirmation text",
     *         "messageBody": "Your appointment is confirmed for tomorrow at 2 PM"
     *       }
     *     }
     */
    SmsActionRequest: components["schemas"]["ActionRequestFields"] &
      components["schemas"]["SmsActionConfig"] & {
        /**
         * @description discriminator enum property added by openapi-typescript
         * @enum {string}
         */
        actionType: "SMS";
      };
    /**
     * @description A request for an appointment booking action.
     * @example {
     *       "agentId": "507f1f77bcf86cd799439011",
     *       "locationId": "507f1f77bcf86cd799439012",
     *       "actionType": "APPOINTMENT_BOOKING",
     *       "name": "Book Consultation",
     *       "actionParameters": {
     *         "calendarId": "507f1f77bcf86cd799439011",
     *         "daysOfOfferingDates": 3,
     *         "slotsPerDay": 3,
     *         "hoursBetweenSlots": 1
     *       }
     *     }
     */
    AppointmentBookingActionRequest: components["schemas"]["ActionRequestFields"] &
      components["schemas"]["AppointmentBookingActionConfig"] & {
        /**
         * @description discriminator enum property added by openapi-typescript
         * @enum {string}
         */
        actionType: "APPOINTMENT_BOOKING";
      };
    /**
     * @description A request for a custom API call action.
     * @example {
     *       "agentId": "507f1f77bcf86cd799439011",
     *       "locationId": "507f1f77bcf86cd799439012",
     *       "actionType": "CUSTOM_ACTION",
     *       "name": "Check Order Status",
     *       "actionParameters": {
     *         "triggerPrompt": "When caller provides order number",
     *         "triggerMessage": "Let me check that order status",
     *         "apiDetails": {
     *           "url": "https://api.example.com/orders",
     *           "method": "GET",
     *           "authenticationRequired": true,
     *           "authenticationValue": "token123",
     *           "headers": [
     *             {
     *               "key": "id",
     *               "value": "1234567890"
     *             }
     *           ],
     *           "parameters": [
     *             {
     *               "name": "orderId",
     *               "description": "Order ID to look up",
     *               "type": "string",
     *               "example": "ORD-12345"
     *             }
     *           ]
     *         },
     *         "selectedPaths": [
     *           "data.orderId",
     *           "status"
     *         ]
     *       }
     *     }
     */
    CustomActionRequest: components["schemas"]["ActionRequestFields"] &
      components["schemas"]["CustomActionConfig"] & {
        /**
         * @description discriminator enum property added by openapi-typescript
         * @enum {string}
         */
        actionType: "CUSTOM_ACTION";
      };
    /**
     * @description A request for a knowledge-base lookup action.
     * @example {
     *       "agentId": "507f1f77bcf86cd799439011",
     *       "locationId": "507f1f77bcf86cd799439012",
     *       "actionType": "KNOWLEDGE_BASE",
     *       "name": "Query Product Info",
     *       "actionParameters": {
     *         "triggerPrompt": "When caller asks about pricing",
     *         "knowledgeBaseId": "507f1f77bcf86cd799439011"
     *       }
     *     }
     */
    KnowledgeBaseActionRequest: components["schemas"]["ActionRequestFields"] &
      components["schemas"]["KnowledgeBaseActionConfig"] & {
        /**
         * @description discriminator enum property added by openapi-typescript
         * @enum {string}
         */
        actionType: "KNOWLEDGE_BASE";
      };
    /**
     * @description An action as the server stores it; `actionType` decides the shape of
     *     `actionParameters`.
     */
    Action:
      | components["schemas"]["CallTransferAction"]
      | components["schemas"]["DataExtractionAction"]
      | components["schemas"]["InCallDataExtractionAction"]
      | components["schemas"]["WorkflowTriggerAction"]
      | components["schemas"]["SmsAction"]
      | components["schemas"]["AppointmentBookingAction"]
      | components["schemas"]["CustomAction"]
      | components["schemas"]["KnowledgeBaseAction"];
    /** @description Fields every stored action has, whatever its type. */
    ActionFields: {
      /**
       * @description ID of the action.
       * @example 507f1f77bcf86cd799439011
       */
      id: string;
      /**
       * @description Human-readable name of the action.
       * @example Transfer to Manager
       */
      name: string;
    };
    /**
     * @description A stored action of type CALL_TRANSFER.
     * @example {
     *       "id": "507f1f77bcf86cd799439011",
     *       "actionType": "CALL_TRANSFER",
     *       "name": "Transfer to Manager",
     *       "actionParameters": {
     *         "triggerPrompt": "When the caller asks to speak to a manager",
     *         "transferToType": "number",
     *         "transferToValue": "+12345678901",
     *         "triggerMessage": "Let me transfer you to a manager right away",
     *         "hearWhisperMessage": true
     *       }
     *     }
     */
    CallTransferAction: components["schemas"]["ActionFields"] &
      components["schemas"]["CallTransferActionConfig"] & {
        /**
         * @description discriminator enum property added by openapi-typescript
         * @enum {string}
         */
        actionType: "CALL_TRANSFER";
      };
    /**
     * @description A stored action of type DATA_EXTRACTION.
     * @example {
     *       "id": "507f1f77bcf86cd799439011",
     *       "actionType": "DATA_EXTRACTION",
     *       "name": "Extract Phone Number",
     *       "actionParameters": {
     *         "contactFieldId": "507f1f77bcf86cd799439011",
     *         "description": "Caller's phone number",
     *         "examples": [
     *           "+1234567890",
     *           "+9876543210"
     *         ],
     *         "overwriteExistingValue": false
     *       }
     *     }
     */
    DataExtractionAction: components["schemas"]["ActionFields"] &
      components["schemas"]["DataExtractionActionConfig"] & {
        /**
         * @description discriminator enum property added by openapi-typescript
         * @enum {string}
         */
        actionType: "DATA_EXTRACTION";
      };
    /**
     * @description A stored action of type IN_CALL_DATA_EXTRACTION.
     * @example {
     *       "id": "507f1f77bcf86cd799439011",
     *       "actionType": "IN_CALL_DATA_EXTRACTION",
     *       "name": "Extract Email During Call",
     *       "actionParameters": {
     *         "contactFieldId": "507f1f77bcf86cd799439025",
     *         "description": "Customer's email address",
     *         "examples": [
     *           "john@example.com",
     *           "jane@company.com"
     *         ],
     *         "overwriteExistingValue": true
     *       }
     *     }
     */
    InCallDataExtractionAction: components["schemas"]["ActionFields"] &
      components["schemas"]["InCallDataExtractionActionConfig"] & {
        /**
         * @description discriminator enum property added by openapi-typescript
         * @enum {string}
         */
        actionType: "IN_CALL_DATA_EXTRACTION";
      };
    /**
     * @description A stored action of type WORKFLOW_TRIGGER.
     * @example {
     *       "id": "507f1f77bcf86cd799439011",
     *       "actionType": "WORKFLOW_TRIGGER",
     *       "name": "Start Follow-up Workflow",
     *       "actionParameters": {
     *         "triggerPrompt": "When caller requests a quote",
     *         "triggerMessage": "Let me start that process for you",
     *         "workflowId": "507f1f77bcf86cd799439011"
     *       }
     *     }
     */
    WorkflowTriggerAction: components["schemas"]["ActionFields"] &
      components["schemas"]["WorkflowTriggerActionConfig"] & {
        /**
         * @description discriminator enum property added by openapi-typescript
         * @enum {string}
         */
        actionType: "WORKFLOW_TRIGGER";
      };
    /**
     * @description A stored action of type SMS.
     * @example {
     *       "id": "507f1f77bcf86cd799439011",
     *       "actionType": "SMS",
     *       "name": "Send SMS Confirmation",
     *       "actionParameters": {
     *         "triggerPrompt": "When caller asks for booking confirmation",
     *         "triggerMessage": "I'll send you a confirmation text",
     *         "messageBody": "Your appointment is confirmed for tomorrow at 2 PM"
     *       }
     *     }
     */
    SmsAction: components["schemas"]["ActionFields"] &
      components["schemas"]["SmsActionConfig"] & {
        /**
         * @description discriminator enum property added by openapi-typescript
         * @enum {string}
         */
        actionType: "SMS";
      };
    /**
     * @description A stored action of type APPOINTMENT_BOOKING.
     * @example {
     *       "id": "507f1f77bcf86cd799439011",
     *       "actionType": "APPOINTMENT_BOOKING",
     *       "name": "Book Consultation",
     *       "actionParameters": {
     *         "calendarId": "507f1f77bcf86cd799439011",
     *         "daysOfOfferingDates": 3,
     *         "slotsPerDay": 3,
     *         "hoursBetweenSlots": 1
     *       }
     *     }
     */
    AppointmentBookingAction: components["schemas"]["ActionFields"] &
      components["schemas"]["AppointmentBookingActionConfig"] & {
        /**
         * @description discriminator enum property added by openapi-typescript
         * @enum {string}
         */
        actionType: "APPOINTMENT_BOOKING";
      };
    /**
     * @description A stored action of type CUSTOM_ACTION.
     * @example {
     *       "id": "507f1f77bcf86cd799439011",
     *       "actionType": "CUSTOM_ACTION",
     *       "name": "Check Order Status",
     *       "actionParameters": {
     *         "triggerPrompt": "When caller provides order number",
     *         "triggerMessage": "Let me check that order status",
     *         "apiDetails": {
     *           "url": "https://api.example.com/orders",
     *           "method": "GET",
     *           "authenticationRequired": true,
     *           "authenticationValue": "token123",
     *           "headers": [
     *             {
     *               "key": "id",
     *               "value": "1234567890"
     *             }
     *           ],
     *           "parameters": [
     *             {
     *               "name": "orderId",
     *               "description": "Order ID to look up",
     *               "type": "string",
     *               "example": "ORD-12345"
     *             }
     *           ]
     *         },
     *         "selectedPaths": [
     *           "data.orderId",
     *           "status"
     *         ]
     *       }
     *     }
     */
    CustomAction: components["schemas"]["ActionFields"] &
      components["schemas"]["CustomActionConfig"] & {
        /**
         * @description discriminator enum property added by openapi-typescript
         * @enum {string}
         */
        actionType: "CUSTOM_ACTION";
      };
    /**
     * @description A stored action of type KNOWLEDGE_BASE.
     * @example {
     *       "id": "507f1f77bcf86cd799439011",
     *       "actionType": "KNOWLEDGE_BASE",
     *       "name": "Query Product Info",
     *       "actionParameters": {
     *         "triggerPrompt": "When caller asks about pricing",
     *         "knowledgeBaseId": "507f1f77bcf86cd799439011"
     *       }
     *     }
     */
    KnowledgeBaseAction: components["schemas"]["ActionFields"] &
      components["schemas"]["KnowledgeBaseActionConfig"] & {
        /**
         * @description discriminator enum property added by openapi-typescript
         * @enum {string}
         */
        actionType: "KNOWLEDGE_BASE";
      };
    /**
     * @description An action that ran during a call; `actionType` decides the shape of
     *     `actionParameters`. `APPOINTMENT_BOOKING` actions only appear in logs of calls from
     *     9 September 2025 on.
     */
    ExecutedCallAction:
      | components["schemas"]["ExecutedCallTransferAction"]
      | components["schemas"]["ExecutedDataExtractionAction"]
      | components["schemas"]["ExecutedInCallDataExtractionAction"]
      | components["schemas"]["ExecutedWorkflowTriggerAction"]
      | components["schemas"]["ExecutedSmsAction"]
      | components["schemas"]["ExecutedAppointmentBookingAction"]
      | components["schemas"]["ExecutedCustomAction"]
      | components["schemas"]["ExecutedKnowledgeBaseAction"];
    /** @description Fields every executed action has, whatever its type. */
    ExecutedCallActionFields: {
      /**
       * @description ID of the action that ran.
       * @example 507f1f77bcf86cd799439015
       */
      actionId?: string;
      /**
       * @description Name of the action.
       * @example Send SMS Confirmation
       */
      actionName: string;
      /**
       * Format: date-time
       * @description When the action ran.
       * @example 2024-01-15T10:32:00.000Z
       */
      executedAt?: string;
      /**
       * Format: date-time
       * @description When the agent decided to run the action.
       * @example 2024-01-15T10:31:45.000Z
       */
      triggerReceivedAt?: string;
    };
    /** @description An executed action of type CALL_TRANSFER; the log may omit its parameters. */
    ExecutedCallTransferAction: components["schemas"]["ExecutedCallActionFields"] & {
      /**
       * @description Kind of the action.
       * @example CALL_TRANSFER
       * @constant
       */
      actionType: "CALL_TRANSFER";
      actionParameters?: components["schemas"]["CallTransferActionParameters"];
    } & {
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      actionType: "CALL_TRANSFER";
    };
    /** @description An executed action of type DATA_EXTRACTION; the log may omit its parameters. */
    ExecutedDataExtractionAction: components["schemas"]["ExecutedCallActionFields"] & {
      /**
       * @description Kind of the action.
       * @example DATA_EXTRACTION
       * @constant
       */
      actionType: "DATA_EXTRACTION";
      actionParameters?: components["schemas"]["DataExtractionActionParameters"];
    } & {
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      actionType: "DATA_EXTRACTION";
    };
    /** @description An executed action of type IN_CALL_DATA_EXTRACTION; the log may omit its parameters. */
    ExecutedInCallDataExtractionAction: components["schemas"]["ExecutedCallActionFields"] & {
      /**
       * @description Kind of the action.
       * @example IN_CALL_DATA_EXTRACTION
       * @constant
       */
      actionType: "IN_CALL_DATA_EXTRACTION";
      actionParameters?: components["schemas"]["InCallDataExtractionActionParameters"];
    } & {
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      actionType: "IN_CALL_DATA_EXTRACTION";
    };
    /** @description An executed action of type WORKFLOW_TRIGGER; the log may omit its parameters. */
    ExecutedWorkflowTriggerAction: components["schemas"]["ExecutedCallActionFields"] & {
      /**
       * @description Kind of the action.
       * @example WORKFLOW_TRIGGER
       * @constant
       */
      actionType: "WORKFLOW_TRIGGER";
      actionParameters?: components["schemas"]["WorkflowTriggerActionParameters"];
    } & {
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      actionType: "WORKFLOW_TRIGGER";
    };
    /** @description An executed action of type SMS; the log may omit its parameters. */
    ExecutedSmsAction: components["schemas"]["ExecutedCallActionFields"] & {
      /**
       * @description Kind of the action.
       * @example SMS
       * @constant
       */
      actionType: "SMS";
      actionParameters?: components["schemas"]["SmsActionParameters"];
    } & {
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      actionType: "SMS";
    };
    /** @description An executed action of type APPOINTMENT_BOOKING; the log may omit its parameters. */
    ExecutedAppointmentBookingAction: components["schemas"]["ExecutedCallActionFields"] & {
      /**
       * @description Kind of the action.
       * @example APPOINTMENT_BOOKING
       * @constant
       */
      actionType: "APPOINTMENT_BOOKING";
      actionParameters?: components["schemas"]["AppointmentBookingActionParameters"];
    } & {
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      actionType: "APPOINTMENT_BOOKING";
    };
    /** @description An executed action of type CUSTOM_ACTION; the log may omit its parameters. */
    ExecutedCustomAction: components["schemas"]["ExecutedCallActionFields"] & {
      /**
       * @description Kind of the action.
       * @example CUSTOM_ACTION
       * @constant
       */
      actionType: "CUSTOM_ACTION";
      actionParameters?: components["schemas"]["CustomActionParameters"];
    } & {
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      actionType: "CUSTOM_ACTION";
    };
    /** @description An executed action of type KNOWLEDGE_BASE; the log may omit its parameters. */
    ExecutedKnowledgeBaseAction: components["schemas"]["ExecutedCallActionFields"] & {
      /**
       * @description Kind of the action.
       * @example KNOWLEDGE_BASE
       * @constant
       */
      actionType: "KNOWLEDGE_BASE";
      actionParameters?: components["schemas"]["KnowledgeBaseActionParameters"];
    } & {
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      actionType: "KNOWLEDGE_BASE";
    };
    /**
     * @description The body of the `VoiceAiCallEnd` app webhook, posted when a Voice AI call ends in a
     *     location (the app needs the scope `voice-ai-dashboard.readonly`). The published schema
     *     marks no field required and lists no `type`; other HighLevel webhook bodies name their
     *     event in `type`, so it may come as `VoiceAiCallEnd`. Fields beyond these may be present.
     *     Retries, ordering and duplicate delivery are not documented: de-duplicate by `id`.
     * @example {
     *       "id": "507f1f77bcf86cd799439011",
     *       "locationId": "LOC123456789ABCDEF",
     *       "agentId": "507f1f77bcf86cd799439013",
     *       "contactId": "507f1f77bcf86cd799439012",
     *       "fromNumber": "+1234567890",
     *       "createdAt": "2024-01-15T10:30:00.000Z",
     *       "duration": 180,
     *       "summary": "Customer asked about pricing and was transferred to the sales team.",
     *       "transcript": "bot: Hello, how can I help you today?\nhuman: I would like to know about your pricing...",
     *       "translation": {
     *         "transcript": "bot: Hola, ¿en qué puedo ayudarle hoy?\nhuman: Quisiera saber sus precios...",
     *         "language": "es"
     *       },
     *       "extractedData": {
     *         "customerName": "John Doe",
     *         "email": "john.doe@example.com"
     *       },
     *       "messageId": "507f1f77bcf86cd799439014",
     *       "trialCall": false,
     *       "executedCallActions": [
     *         {
     *           "_id": "507f1f77bcf86cd799439016",
     *           "actionType": "SMS",
     *           "actionName": "Send Confirmation SMS",
     *           "description": "Texts the caller a confirmation",
     *           "actionParameters": {
     *             "triggerPrompt": "When caller asks for booking confirmation",
     *             "triggerMessage": "I'll send you a confirmation text",
     *             "messageBody": "Your appointment is confirmed for tomorrow at 2 PM"
     *           },
     *           "executedAt": "2024-01-15T10:31:30.000Z",
     *           "triggerReceivedAt": "2024-01-15T10:31:15.000Z"
     *         },
     *         {
     *           "_id": "507f1f77bcf86cd799439015",
     *           "actionType": "CALL_TRANSFER",
     *           "actionName": "Transfer to Sales",
     *           "description": "Transfers pricing questions to the sales team",
     *           "actionParameters": {
     *             "triggerPrompt": "When the caller asks about pricing",
     *             "transferToType": "number",
     *             "transferToValue": "+12345678901",
     *             "triggerMessage": "Let me transfer you to our sales team"
     *           },
     *           "executedAt": "2024-01-15T10:32:00.000Z",
     *           "triggerReceivedAt": "2024-01-15T10:31:45.000Z"
     *         }
     *       ]
     *     }
     */
    VoiceAiCallEnd: {
      /**
       * @description Name of the event. Not in the published schema of this event; other HighLevel
       *     webhook bodies name their event here.
       * @example VoiceAiCallEnd
       * @constant
       */
      type?: "VoiceAiCallEnd";
      /**
       * @description ID of the call, the same as in `GET /voice-ai/dashboard/call-logs/{callId}`.
       * @example 507f1f77bcf86cd799439011
       */
      id?: string;
      /**
       * @description ID of the location (sub-account) of the call.
       * @example LOC123456789ABCDEF
       */
      locationId?: string;
      /**
       * @description ID of the Voice AI agent that took the call.
       * @example 507f1f77bcf86cd799439013
       */
      agentId?: string;
      /**
       * @description ID of the caller's contact.
       * @example 507f1f77bcf86cd799439012
       */
      contactId?: string;
      /**
       * @description Phone number of the caller.
       * @example +1234567890
       */
      fromNumber?: string;
      /**
       * @description When the call was created, as a date-time string (its format is not documented further).
       * @example 2024-01-15T10:30:00.000Z
       */
      createdAt?: string;
      /**
       * @description Length of the call (the call-logs API states seconds; whether it may be fractional
       *     is not documented).
       * @example 180
       */
      duration?: number;
      /**
       * @description AI summary of the call.
       * @example Customer asked about pricing and was transferred to the sales team.
       */
      summary?: string;
      /**
       * @description Transcript of the call.
       * @example bot: Hello, how can I help you today?
       *     human: I would like to know about your pricing...
       */
      transcript?: string;
      translation?: components["schemas"]["CallEndTranslation"];
      /** @description Values extracted during the call (a free-form object). */
      extractedData?: {
        [key: string]: unknown;
      };
      /**
       * @description ID of the conversation message of the call.
       * @example 507f1f77bcf86cd799439014
       */
      messageId?: string;
      /**
       * @description A test call made from the agent builder.
       * @example false
       */
      trialCall?: boolean;
      /** @description The actions the agent ran during the call. */
      executedCallActions?: components["schemas"]["CallEndExecutedAction"][];
    };
    /** @description The call's transcript translated. */
    CallEndTranslation: {
      /**
       * @description The translated transcript.
       * @example bot: Hola, ¿en qué puedo ayudarle hoy?
       */
      transcript?: string;
      /**
       * @description Language of the translation.
       * @example es
       */
      language?: string;
    };
    /**
     * @description An action the agent ran during the call, as the `VoiceAiCallEnd` event reports it;
     *     `actionType` decides the shape of `actionParameters` (the same per-type parameters as
     *     the actions of the API). The event names the action's ID `_id` (the call-logs API:
     *     `actionId`). Fields beyond these may be present.
     */
    CallEndExecutedAction:
      | components["schemas"]["CallEndCallTransferAction"]
      | components["schemas"]["CallEndDataExtractionAction"]
      | components["schemas"]["CallEndInCallDataExtractionAction"]
      | components["schemas"]["CallEndWorkflowTriggerAction"]
      | components["schemas"]["CallEndSmsAction"]
      | components["schemas"]["CallEndAppointmentBookingAction"]
      | components["schemas"]["CallEndCustomAction"]
      | components["schemas"]["CallEndKnowledgeBaseAction"];
    /** @description Fields every action of a `VoiceAiCallEnd` event has, whatever its type. */
    CallEndExecutedActionFields: {
      /**
       * @description ID of the action (the call-logs API names it `actionId`).
       * @example 507f1f77bcf86cd799439015
       */
      _id?: string;
      /**
       * @description Name of the action.
       * @example Send Confirmation SMS
       */
      actionName: string;
      /**
       * @description Description of the action.
       * @example Texts the caller a confirmation
       */
      description?: string;
      /**
       * Format: date-time
       * @description When the action ran.
       * @example 2024-01-15T10:32:00.000Z
       */
      executedAt?: string;
      /**
       * Format: date-time
       * @description When the agent decided to run the action.
       * @example 2024-01-15T10:31:45.000Z
       */
      triggerReceivedAt?: string;
    };
    /** @description An action of type CALL_TRANSFER run during the call; the event may omit its parameters. */
    CallEndCallTransferAction: components["schemas"]["CallEndExecutedActionFields"] & {
      /**
       * @description Kind of the action.
       * @example CALL_TRANSFER
       * @constant
       */
      actionType: "CALL_TRANSFER";
      actionParameters?: components["schemas"]["CallTransferActionParameters"];
    } & {
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      actionType: "CALL_TRANSFER";
    };
    /** @description An action of type DATA_EXTRACTION run during the call; the event may omit its parameters. */
    CallEndDataExtractionAction: components["schemas"]["CallEndExecutedActionFields"] & {
      /**
       * @description Kind of the action.
       * @example DATA_EXTRACTION
       * @constant
       */
      actionType: "DATA_EXTRACTION";
      actionParameters?: components["schemas"]["DataExtractionActionParameters"];
    } & {
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      actionType: "DATA_EXTRACTION";
    };
    /** @description An action of type IN_CALL_DATA_EXTRACTION run during the call; the event may omit its parameters. */
    CallEndInCallDataExtractionAction: components["schemas"]["CallEndExecutedActionFields"] & {
      /**
       * @description Kind of the action.
       * @example IN_CALL_DATA_EXTRACTION
       * @constant
       */
      actionType: "IN_CALL_DATA_EXTRACTION";
      actionParameters?: components["schemas"]["InCallDataExtractionActionParameters"];
    } & {
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      actionType: "IN_CALL_DATA_EXTRACTION";
    };
    /** @description An action of type WORKFLOW_TRIGGER run during the call; the event may omit its parameters. */
    CallEndWorkflowTriggerAction: components["schemas"]["CallEndExecutedActionFields"] & {
      /**
       * @description Kind of the action.
       * @example WORKFLOW_TRIGGER
       * @constant
       */
      actionType: "WORKFLOW_TRIGGER";
      actionParameters?: components["schemas"]["WorkflowTriggerActionParameters"];
    } & {
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      actionType: "WORKFLOW_TRIGGER";
    };
    /** @description An action of type SMS run during the call; the event may omit its parameters. */
    CallEndSmsAction: components["schemas"]["CallEndExecutedActionFields"] & {
      /**
       * @description Kind of the action.
       * @example SMS
       * @constant
       */
      actionType: "SMS";
      actionParameters?: components["schemas"]["SmsActionParameters"];
    } & {
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      actionType: "SMS";
    };
    /** @description An action of type APPOINTMENT_BOOKING run during the call; the event may omit its parameters. */
    CallEndAppointmentBookingAction: components["schemas"]["CallEndExecutedActionFields"] & {
      /**
       * @description Kind of the action.
       * @example APPOINTMENT_BOOKING
       * @constant
       */
      actionType: "APPOINTMENT_BOOKING";
      actionParameters?: components["schemas"]["AppointmentBookingActionParameters"];
    } & {
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      actionType: "APPOINTMENT_BOOKING";
    };
    /** @description An action of type CUSTOM_ACTION run during the call; the event may omit its parameters. */
    CallEndCustomAction: components["schemas"]["CallEndExecutedActionFields"] & {
      /**
       * @description Kind of the action.
       * @example CUSTOM_ACTION
       * @constant
       */
      actionType: "CUSTOM_ACTION";
      actionParameters?: components["schemas"]["CustomActionParameters"];
    } & {
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      actionType: "CUSTOM_ACTION";
    };
    /** @description An action of type KNOWLEDGE_BASE run during the call; the event may omit its parameters. */
    CallEndKnowledgeBaseAction: components["schemas"]["CallEndExecutedActionFields"] & {
      /**
       * @description Kind of the action.
       * @example KNOWLEDGE_BASE
       * @constant
       */
      actionType: "KNOWLEDGE_BASE";
      actionParameters?: components["schemas"]["KnowledgeBaseActionParameters"];
    } & {
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      actionType: "KNOWLEDGE_BASE";
    };
    /** @description The log of one call handled by a Voice AI agent. */
    CallLog: {
      /**
       * @description ID of the call.
       * @example 507f1f77bcf86cd799439011
       */
      id: string;
      /**
       * @description ID of the caller's contact.
       * @example 507f1f77bcf86cd799439012
       */
      contactId?: string;
      /**
       * @description ID of the agent that handled the call.
       * @example 507f1f77bcf86cd799439013
       */
      agentId: string;
      /**
       * @description The agent has been deleted since.
       * @example false
       */
      isAgentDeleted: boolean;
      /**
       * @description Phone number of the caller.
       * @example +1234567890
       */
      fromNumber?: string;
      /**
       * Format: date-time
       * @description When the call started.
       * @example 2024-01-15T10:30:00.000Z
       */
      createdAt: string;
      /**
       * @description Length of the call in seconds.
       * @example 180
       */
      duration: number;
      /**
       * @description The call was a trial call.
       * @example false
       */
      trialCall: boolean;
      /** @description Actions that ran during the call. */
      executedCallActions: components["schemas"]["ExecutedCallAction"][];
      /**
       * @description Summary of the call.
       * @example Customer called to inquire about product pricing and was transferred to sales team.
       */
      summary: string;
      /**
       * @description Transcript of the call, one line per turn.
       * @example bot: Hello, how can I help you today?
       *     human: I would like to know about your pricing...
       */
      transcript: string;
      translation?: components["schemas"]["TranslationSettings"];
      /** @description Values extracted from the call; the keys depend on the agent's data-extraction actions. */
      extractedData?: {
        [key: string]: unknown;
      };
      /**
       * @description ID of the conversation message recorded for the call.
       * @example 507f1f77bcf86cd799439014
       */
      messageId?: string;
    };
    /** @description One page of call logs. */
    CallLogPage: {
      /**
       * @description Number of call logs on all pages together.
       * @example 150
       */
      total: number;
      /**
       * @description Number of this page, starting at 1.
       * @example 2
       */
      page: number;
      /**
       * @description Page size the server used.
       * @example 10
       */
      pageSize: number;
      /** @description The call logs on this page. */
      callLogs: components["schemas"]["CallLog"][];
    };
    /** @description Error body shared by every error status. */
    ErrorBody: {
      /**
       * @description The HTTP status code.
       * @example 500
       */
      statusCode?: number;
      /** @description What went wrong; a list of messages for validation errors. */
      message?: string | string[];
      /**
       * @description The HTTP status text.
       * @example Internal Server Error
       */
      error?: string;
    };
    /** @description Body of a 400 response. */
    BadRequestError: {
      /** @example 400 */
      statusCode?: number;
      /** @example Bad Request */
      message?: string;
    };
    /** @description Body of a 401 response. */
    UnauthorizedError: {
      /** @example 401 */
      statusCode?: number;
      /** @example Invalid token: access token is invalid */
      message?: string;
      /** @example Unauthorized */
      error?: string;
    };
    /** @description Body of a 403 response. */
    ForbiddenError: {
      /** @example 403 */
      statusCode?: number;
      /** @example The token does not have access to this location. */
      message?: string;
      /** @example Forbidden */
      error?: string;
    };
    /** @description Body of a 404 response. */
    NotFoundError: {
      /** @example 404 */
      statusCode?: number;
      /** @example Not Found */
      message?: string;
    };
    /** @description Body of a 422 response; `message` lists every rejected value. */
    UnprocessableEntityError: {
      /** @example 422 */
      statusCode?: number;
      /**
       * @example [
       *       "Unprocessable Entity"
       *     ]
       */
      message?: string[];
      /** @example Unprocessable Entity */
      error?: string;
    };
  };
  responses: {
    /** @description The request was malformed. */
    BadRequest: {
      headers: {
        "X-RateLimit-Limit-Daily": components["headers"]["X-RateLimit-Limit-Daily"];
        "X-RateLimit-Daily-Remaining": components["headers"]["X-RateLimit-Daily-Remaining"];
        "X-RateLimit-Interval-Milliseconds": components["headers"]["X-RateLimit-Interval-Milliseconds"];
        "X-RateLimit-Max": components["headers"]["X-RateLimit-Max"];
        "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
        [name: string]: unknown;
      };
      content: {
        /**
         * @example {
         *       "statusCode": 400,
         *       "message": "Bad Request"
         *     }
         */
        "application/json": components["schemas"]["BadRequestError"];
      };
    };
    /** @description The token is missing, invalid or expired. */
    Unauthorized: {
      headers: {
        "X-RateLimit-Limit-Daily": components["headers"]["X-RateLimit-Limit-Daily"];
        "X-RateLimit-Daily-Remaining": components["headers"]["X-RateLimit-Daily-Remaining"];
        "X-RateLimit-Interval-Milliseconds": components["headers"]["X-RateLimit-Interval-Milliseconds"];
        "X-RateLimit-Max": components["headers"]["X-RateLimit-Max"];
        "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
        [name: string]: unknown;
      };
      content: {
        /**
         * @example {
         *       "statusCode": 401,
         *       "message": "Invalid token: access token is invalid",
         *       "error": "Unauthorized"
         *     }
         */
        "application/json": components["schemas"]["UnauthorizedError"];
      };
    };
    /** @description The token is valid but lacks the scope or the access to the location. */
    Forbidden: {
      headers: {
        "X-RateLimit-Limit-Daily": components["headers"]["X-RateLimit-Limit-Daily"];
        "X-RateLimit-Daily-Remaining": components["headers"]["X-RateLimit-Daily-Remaining"];
        "X-RateLimit-Interval-Milliseconds": components["headers"]["X-RateLimit-Interval-Milliseconds"];
        "X-RateLimit-Max": components["headers"]["X-RateLimit-Max"];
        "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
        [name: string]: unknown;
      };
      content: {
        /**
         * @example {
         *       "statusCode": 403,
         *       "message": "The token does not have access to this location.",
         *       "error": "Forbidden"
         *     }
         */
        "application/json": components["schemas"]["ForbiddenError"];
      };
    };
    /** @description No resource with the given ID exists in the location. */
    NotFound: {
      headers: {
        "X-RateLimit-Limit-Daily": components["headers"]["X-RateLimit-Limit-Daily"];
        "X-RateLimit-Daily-Remaining": components["headers"]["X-RateLimit-Daily-Remaining"];
        "X-RateLimit-Interval-Milliseconds": components["headers"]["X-RateLimit-Interval-Milliseconds"];
        "X-RateLimit-Max": components["headers"]["X-RateLimit-Max"];
        "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
        [name: string]: unknown;
      };
      content: {
        /**
         * @example {
         *       "statusCode": 404,
         *       "message": "Not Found"
         *     }
         */
        "application/json": components["schemas"]["NotFoundError"];
      };
    };
    /** @description The request was well formed but its values were rejected; `message` lists every problem. */
    UnprocessableEntity: {
      headers: {
        "X-RateLimit-Limit-Daily": components["headers"]["X-RateLimit-Limit-Daily"];
        "X-RateLimit-Daily-Remaining": components["headers"]["X-RateLimit-Daily-Remaining"];
        "X-RateLimit-Interval-Milliseconds": components["headers"]["X-RateLimit-Interval-Milliseconds"];
        "X-RateLimit-Max": components["headers"]["X-RateLimit-Max"];
        "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
        [name: string]: unknown;
      };
      content: {
        /**
         * @example {
         *       "statusCode": 422,
         *       "message": [
         *         "Unprocessable Entity"
         *       ],
         *       "error": "Unprocessable Entity"
         *     }
         */
        "application/json": components["schemas"]["UnprocessableEntityError"];
      };
    };
    /**
     * @description The app has used up its burst or daily quota for this location. Wait for `Retry-After`
     *     when present, otherwise for the burst window (`X-RateLimit-Interval-Milliseconds`).
     */
    TooManyRequests: {
      headers: {
        "Retry-After": components["headers"]["Retry-After"];
        "X-RateLimit-Limit-Daily": components["headers"]["X-RateLimit-Limit-Daily"];
        "X-RateLimit-Daily-Remaining": components["headers"]["X-RateLimit-Daily-Remaining"];
        "X-RateLimit-Interval-Milliseconds": components["headers"]["X-RateLimit-Interval-Milliseconds"];
        "X-RateLimit-Max": components["headers"]["X-RateLimit-Max"];
        "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
        [name: string]: unknown;
      };
      content: {
        /**
         * @example {
         *       "statusCode": 429,
         *       "message": "Too Many Requests"
         *     }
         */
        "application/json": components["schemas"]["ErrorBody"];
      };
    };
    /**
     * @description The server or a gateway in front of it failed. Gateways may answer with an HTML or
     *     plain-text body instead of JSON.
     */
    ServerError: {
      headers: {
        "X-RateLimit-Limit-Daily": components["headers"]["X-RateLimit-Limit-Daily"];
        "X-RateLimit-Daily-Remaining": components["headers"]["X-RateLimit-Daily-Remaining"];
        "X-RateLimit-Interval-Milliseconds": components["headers"]["X-RateLimit-Interval-Milliseconds"];
        "X-RateLimit-Max": components["headers"]["X-RateLimit-Max"];
        "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
        [name: string]: unknown;
      };
      content: {
        /**
         * @example {
         *       "statusCode": 500,
         *       "message": "Internal Server Error"
         *     }
         */
        "application/json": components["schemas"]["ErrorBody"];
        /** @example <html><body><h1>502 Bad Gateway</h1></body></html> */
        "text/html": string;
      };
    };
  };
  parameters: {
    /**
     * @description API version. HighLevel documents `2021-04-15`; `v3` selects the otherwise identical v3
     *     reference.
     * @example 2021-04-15
     */
    Version: components["schemas"]["ApiVersion"];
    /**
     * @description ID of the location (sub-account) the request applies to.
     * @example LOC123456789ABCDEF
     */
    LocationId: string;
    /**
     * @description ID of the agent.
     * @example 507f1f77bcf86cd799439011
     */
    AgentId: string;
    /**
     * @description ID of the action.
     * @example 507f1f77bcf86cd799439011
     */
    ActionId: string;
    /**
     * @description Number of the page to return, starting at 1.
     * @example 1
     */
    Page: number;
    /**
     * @description Number of items on a page, at most 50.
     * @example 10
     */
    PageSize: number;
  };
  requestBodies: never;
  headers: {
    /**
     * @description Requests the app may make for this location in a day.
     * @example 200000
     */
    "X-RateLimit-Limit-Daily": number;
    /**
     * @description Requests left for today.
     * @example 199990
     */
    "X-RateLimit-Daily-Remaining": number;
    /**
     * @description Length of the burst window in milliseconds.
     * @example 10000
     */
    "X-RateLimit-Interval-Milliseconds": number;
    /**
     * @description Requests allowed in one burst window.
     * @example 100
     */
    "X-RateLimit-Max": number;
    /**
     * @description Requests left in the current burst window.
     * @example 99
     */
    "X-RateLimit-Remaining": number;
    /**
     * @description How long to wait before retrying, in seconds or as an HTTP date.
     * @example 10
     */
    "Retry-After": string;
  };
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  listAgents: {
    parameters: {
      query: {
        /**
         * @description Number of the page to return, starting at 1.
         * @example 1
         */
        page?: components["parameters"]["Page"];
        /**
         * @description Number of items on a page, at most 50.
         * @example 10
         */
        pageSize?: components["parameters"]["PageSize"];
        /**
         * @description ID of the location (sub-account) the request applies to.
         * @example LOC123456789ABCDEF
         */
        locationId: components["parameters"]["LocationId"];
        /** @description Free-text search over the agents of the location. */
        query?: string;
      };
      header: {
        /**
         * @description API version. HighLevel documents `2021-04-15`; `v3` selects the otherwise identical v3
         *     reference.
         * @example 2021-04-15
         */
        Version: components["parameters"]["Version"];
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description One page of agents. */
      200: {
        headers: {
          "X-RateLimit-Limit-Daily": components["headers"]["X-RateLimit-Limit-Daily"];
          "X-RateLimit-Daily-Remaining": components["headers"]["X-RateLimit-Daily-Remaining"];
          "X-RateLimit-Interval-Milliseconds": components["headers"]["X-RateLimit-Interval-Milliseconds"];
          "X-RateLimit-Max": components["headers"]["X-RateLimit-Max"];
          "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["AgentPage"];
        };
      };
      400: components["responses"]["BadRequest"];
      401: components["responses"]["Unauthorized"];
      403: components["responses"]["Forbidden"];
      422: components["responses"]["UnprocessableEntity"];
      429: components["responses"]["TooManyRequests"];
      "5XX": components["responses"]["ServerError"];
    };
  };
  createAgent: {
    parameters: {
      query?: never;
      header: {
        /**
         * @description API version. HighLevel documents `2021-04-15`; `v3` selects the otherwise identical v3
         *     reference.
         * @example 2021-04-15
         */
        Version: components["parameters"]["Version"];
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["CreateAgentRequest"];
      };
    };
    responses: {
      /** @description The agent was created. */
      201: {
        headers: {
          "X-RateLimit-Limit-Daily": components["headers"]["X-RateLimit-Limit-Daily"];
          "X-RateLimit-Daily-Remaining": components["headers"]["X-RateLimit-Daily-Remaining"];
          "X-RateLimit-Interval-Milliseconds": components["headers"]["X-RateLimit-Interval-Milliseconds"];
          "X-RateLimit-Max": components["headers"]["X-RateLimit-Max"];
          "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Agent"];
        };
      };
      400: components["responses"]["BadRequest"];
      401: components["responses"]["Unauthorized"];
      403: components["responses"]["Forbidden"];
      422: components["responses"]["UnprocessableEntity"];
      429: components["responses"]["TooManyRequests"];
      "5XX": components["responses"]["ServerError"];
    };
  };
  getAgent: {
    parameters: {
      query: {
        /**
         * @description ID of the location (sub-account) the request applies to.
         * @example LOC123456789ABCDEF
         */
        locationId: components["parameters"]["LocationId"];
      };
      header: {
        /**
         * @description API version. HighLevel documents `2021-04-15`; `v3` selects the otherwise identical v3
         *     reference.
         * @example 2021-04-15
         */
        Version: components["parameters"]["Version"];
      };
      path: {
        /**
         * @description ID of the agent.
         * @example 507f1f77bcf86cd799439011
         */
        agentId: components["parameters"]["AgentId"];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The agent and its actions. */
      200: {
        headers: {
          "X-RateLimit-Limit-Daily": components["headers"]["X-RateLimit-Limit-Daily"];
          "X-RateLimit-Daily-Remaining": components["headers"]["X-RateLimit-Daily-Remaining"];
          "X-RateLimit-Interval-Milliseconds": components["headers"]["X-RateLimit-Interval-Milliseconds"];
          "X-RateLimit-Max": components["headers"]["X-RateLimit-Max"];
          "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["AgentWithActions"];
        };
      };
      400: components["responses"]["BadRequest"];
      401: components["responses"]["Unauthorized"];
      403: components["responses"]["Forbidden"];
      404: components["responses"]["NotFound"];
      422: components["responses"]["UnprocessableEntity"];
      429: components["responses"]["TooManyRequests"];
      "5XX": components["responses"]["ServerError"];
    };
  };
  deleteAgent: {
    parameters: {
      query: {
        /**
         * @description ID of the location (sub-account) the request applies to.
         * @example LOC123456789ABCDEF
         */
        locationId: components["parameters"]["LocationId"];
      };
      header: {
        /**
         * @description API version. HighLevel documents `2021-04-15`; `v3` selects the otherwise identical v3
         *     reference.
         * @example 2021-04-15
         */
        Version: components["parameters"]["Version"];
      };
      path: {
        /**
         * @description ID of the agent.
         * @example 507f1f77bcf86cd799439011
         */
        agentId: components["parameters"]["AgentId"];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The agent was deleted. The response has no body. */
      204: {
        headers: {
          "X-RateLimit-Limit-Daily": components["headers"]["X-RateLimit-Limit-Daily"];
          "X-RateLimit-Daily-Remaining": components["headers"]["X-RateLimit-Daily-Remaining"];
          "X-RateLimit-Interval-Milliseconds": components["headers"]["X-RateLimit-Interval-Milliseconds"];
          "X-RateLimit-Max": components["headers"]["X-RateLimit-Max"];
          "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components["responses"]["BadRequest"];
      401: components["responses"]["Unauthorized"];
      403: components["responses"]["Forbidden"];
      404: components["responses"]["NotFound"];
      422: components["responses"]["UnprocessableEntity"];
      429: components["responses"]["TooManyRequests"];
      "5XX": components["responses"]["ServerError"];
    };
  };
  patchAgent: {
    parameters: {
      query: {
        /**
         * @description ID of the location (sub-account) the request applies to.
         * @example LOC123456789ABCDEF
         */
        locationId: components["parameters"]["LocationId"];
      };
      header: {
        /**
         * @description API version. HighLevel documents `2021-04-15`; `v3` selects the otherwise identical v3
         *     reference.
         * @example 2021-04-15
         */
        Version: components["parameters"]["Version"];
      };
      path: {
        /**
         * @description ID of the agent.
         * @example 507f1f77bcf86cd799439011
         */
        agentId: components["parameters"]["AgentId"];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["PatchAgentRequest"];
      };
    };
    responses: {
      /** @description The agent after the update. */
      200: {
        headers: {
          "X-RateLimit-Limit-Daily": components["headers"]["X-RateLimit-Limit-Daily"];
          "X-RateLimit-Daily-Remaining": components["headers"]["X-RateLimit-Daily-Remaining"];
          "X-RateLimit-Interval-Milliseconds": components["headers"]["X-RateLimit-Interval-Milliseconds"];
          "X-RateLimit-Max": components["headers"]["X-RateLimit-Max"];
          "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Agent"];
        };
      };
      400: components["responses"]["BadRequest"];
      401: components["responses"]["Unauthorized"];
      403: components["responses"]["Forbidden"];
      404: components["responses"]["NotFound"];
      422: components["responses"]["UnprocessableEntity"];
      429: components["responses"]["TooManyRequests"];
      "5XX": components["responses"]["ServerError"];
    };
  };
  createAction: {
    parameters: {
      query?: never;
      header: {
        /**
         * @description API version. HighLevel documents `2021-04-15`; `v3` selects the otherwise identical v3
         *     reference.
         * @example 2021-04-15
         */
        Version: components["parameters"]["Version"];
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["ActionRequest"];
      };
    };
    responses: {
      /** @description The action was created. */
      201: {
        headers: {
          "X-RateLimit-Limit-Daily": components["headers"]["X-RateLimit-Limit-Daily"];
          "X-RateLimit-Daily-Remaining": components["headers"]["X-RateLimit-Daily-Remaining"];
          "X-RateLimit-Interval-Milliseconds": components["headers"]["X-RateLimit-Interval-Milliseconds"];
          "X-RateLimit-Max": components["headers"]["X-RateLimit-Max"];
          "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Action"];
        };
      };
      400: components["responses"]["BadRequest"];
      401: components["responses"]["Unauthorized"];
      403: components["responses"]["Forbidden"];
      422: components["responses"]["UnprocessableEntity"];
      429: components["responses"]["TooManyRequests"];
      "5XX": components["responses"]["ServerError"];
    };
  };
  getAction: {
    parameters: {
      query: {
        /**
         * @description ID of the location (sub-account) the request applies to.
         * @example LOC123456789ABCDEF
         */
        locationId: components["parameters"]["LocationId"];
      };
      header: {
        /**
         * @description API version. HighLevel documents `2021-04-15`; `v3` selects the otherwise identical v3
         *     reference.
         * @example 2021-04-15
         */
        Version: components["parameters"]["Version"];
      };
      path: {
        /**
         * @description ID of the action.
         * @example 507f1f77bcf86cd799439011
         */
        actionId: components["parameters"]["ActionId"];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The action. */
      200: {
        headers: {
          "X-RateLimit-Limit-Daily": components["headers"]["X-RateLimit-Limit-Daily"];
          "X-RateLimit-Daily-Remaining": components["headers"]["X-RateLimit-Daily-Remaining"];
          "X-RateLimit-Interval-Milliseconds": components["headers"]["X-RateLimit-Interval-Milliseconds"];
          "X-RateLimit-Max": components["headers"]["X-RateLimit-Max"];
          "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Action"];
        };
      };
      400: components["responses"]["BadRequest"];
      401: components["responses"]["Unauthorized"];
      403: components["responses"]["Forbidden"];
      404: components["responses"]["NotFound"];
      422: components["responses"]["UnprocessableEntity"];
      429: components["responses"]["TooManyRequests"];
      "5XX": components["responses"]["ServerError"];
    };
  };
  updateAction: {
    parameters: {
      query?: never;
      header: {
        /**
         * @description API version. HighLevel documents `2021-04-15`; `v3` selects the otherwise identical v3
         *     reference.
         * @example 2021-04-15
         */
        Version: components["parameters"]["Version"];
      };
      path: {
        /**
         * @description ID of the action.
         * @example 507f1f77bcf86cd799439011
         */
        actionId: components["parameters"]["ActionId"];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["ActionRequest"];
      };
    };
    responses: {
      /** @description The action after the update. */
      200: {
        headers: {
          "X-RateLimit-Limit-Daily": components["headers"]["X-RateLimit-Limit-Daily"];
          "X-RateLimit-Daily-Remaining": components["headers"]["X-RateLimit-Daily-Remaining"];
          "X-RateLimit-Interval-Milliseconds": components["headers"]["X-RateLimit-Interval-Milliseconds"];
          "X-RateLimit-Max": components["headers"]["X-RateLimit-Max"];
          "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Action"];
        };
      };
      400: components["responses"]["BadRequest"];
      401: components["responses"]["Unauthorized"];
      403: components["responses"]["Forbidden"];
      404: components["responses"]["NotFound"];
      422: components["responses"]["UnprocessableEntity"];
      429: components["responses"]["TooManyRequests"];
      "5XX": components["responses"]["ServerError"];
    };
  };
  deleteAction: {
    parameters: {
      query: {
        /**
         * @description ID of the location (sub-account) the request applies to.
         * @example LOC123456789ABCDEF
         */
        locationId: components["parameters"]["LocationId"];
        /**
         * @description ID of the agent the action is attached to.
         * @example 507f1f77bcf86cd799439011
         */
        agentId: string;
      };
      header: {
        /**
         * @description API version. HighLevel documents `2021-04-15`; `v3` selects the otherwise identical v3
         *     reference.
         * @example 2021-04-15
         */
        Version: components["parameters"]["Version"];
      };
      path: {
        /**
         * @description ID of the action.
         * @example 507f1f77bcf86cd799439011
         */
        actionId: components["parameters"]["ActionId"];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The action was deleted. The response has no body. */
      204: {
        headers: {
          "X-RateLimit-Limit-Daily": components["headers"]["X-RateLimit-Limit-Daily"];
          "X-RateLimit-Daily-Remaining": components["headers"]["X-RateLimit-Daily-Remaining"];
          "X-RateLimit-Interval-Milliseconds": components["headers"]["X-RateLimit-Interval-Milliseconds"];
          "X-RateLimit-Max": components["headers"]["X-RateLimit-Max"];
          "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components["responses"]["BadRequest"];
      401: components["responses"]["Unauthorized"];
      403: components["responses"]["Forbidden"];
      404: components["responses"]["NotFound"];
      422: components["responses"]["UnprocessableEntity"];
      429: components["responses"]["TooManyRequests"];
      "5XX": components["responses"]["ServerError"];
    };
  };
  listCallLogs: {
    parameters: {
      query: {
        /**
         * @description ID of the location (sub-account) the request applies to.
         * @example LOC123456789ABCDEF
         */
        locationId: components["parameters"]["LocationId"];
        /**
         * @description Only logs of calls handled by this agent.
         * @example 507f1f77bcf86cd799439011
         */
        agentId?: string;
        /**
         * @description Only logs of calls with these contacts. Sent as one comma-separated value.
         * @example [
         *       "contact123",
         *       "contact456"
         *     ]
         */
        contactId?: string[];
        /** @description Only live calls or only trial calls. */
        callType?: components["schemas"]["CallType"];
        /**
         * @description Start of the time range, as a Unix timestamp in milliseconds. Must be less than
         *     `endDate`, and the two must be given together.
         * @example 1679308800000
         */
        startDate?: number;
        /**
         * @description End of the time range, as a Unix timestamp in milliseconds. Must be greater than
         *     `startDate`, and the two must be given together.
         * @example 1679395199000
         */
        endDate?: number;
        /**
         * @description Only logs of calls in which an action of one of these types ran. Sent as one comma-separated value.
         * @example [
         *       "SMS",
         *       "CALL_TRANSFER",
         *       "WORKFLOW_TRIGGER"
         *     ]
         */
        actionType?: components["schemas"]["ActionType"][];
        /** @description Field to sort by. The newest calls come first when it is omitted. */
        sortBy?: components["schemas"]["CallLogSortField"];
        /** @description Sort direction; only used together with `sortBy`. */
        sort?: components["schemas"]["SortDirection"];
        /**
         * @description Number of the page to return, starting at 1.
         * @example 1
         */
        page?: number;
        /**
         * @description Number of call logs on a page, at most 50.
         * @example 10
         */
        pageSize?: number;
      };
      header: {
        /**
         * @description API version. HighLevel documents `2021-04-15`; `v3` selects the otherwise identical v3
         *     reference.
         * @example 2021-04-15
         */
        Version: components["parameters"]["Version"];
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description One page of call logs. */
      200: {
        headers: {
          "X-RateLimit-Limit-Daily": components["headers"]["X-RateLimit-Limit-Daily"];
          "X-RateLimit-Daily-Remaining": components["headers"]["X-RateLimit-Daily-Remaining"];
          "X-RateLimit-Interval-Milliseconds": components["headers"]["X-RateLimit-Interval-Milliseconds"];
          "X-RateLimit-Max": components["headers"]["X-RateLimit-Max"];
          "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["CallLogPage"];
        };
      };
      400: components["responses"]["BadRequest"];
      401: components["responses"]["Unauthorized"];
      403: components["responses"]["Forbidden"];
      429: components["responses"]["TooManyRequests"];
      "5XX": components["responses"]["ServerError"];
    };
  };
  getCallLog: {
    parameters: {
      query: {
        /**
         * @description ID of the location (sub-account) the request applies to.
         * @example LOC123456789ABCDEF
         */
        locationId: components["parameters"]["LocationId"];
      };
      header: {
        /**
         * @description API version. HighLevel documents `2021-04-15`; `v3` selects the otherwise identical v3
         *     reference.
         * @example 2021-04-15
         */
        Version: components["parameters"]["Version"];
      };
      path: {
        /**
         * @description ID of the call.
         * @example 507f1f77bcf86cd799439011
         */
        callId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The call log. */
      200: {
        headers: {
          "X-RateLimit-Limit-Daily": components["headers"]["X-RateLimit-Limit-Daily"];
          "X-RateLimit-Daily-Remaining": components["headers"]["X-RateLimit-Daily-Remaining"];
          "X-RateLimit-Interval-Milliseconds": components["headers"]["X-RateLimit-Interval-Milliseconds"];
          "X-RateLimit-Max": components["headers"]["X-RateLimit-Max"];
          "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["CallLog"];
        };
      };
      400: components["responses"]["BadRequest"];
      401: components["responses"]["Unauthorized"];
      403: components["responses"]["Forbidden"];
      404: components["responses"]["NotFound"];
      429: components["responses"]["TooManyRequests"];
      "5XX": components["responses"]["ServerError"];
    };
  };
  voiceAiCallEnd: {
    parameters: {
      query?: never;
      header: {
        /**
         * @description Ed25519 signature of the raw request body, base64-encoded.
         * @example 3q2+7w0vBVeF9L2yWMSaE6T1mYlWqPz1sK8XQ0m6r5U3yC2lJdVh9Zb1oQeX7nFk4aT8cR0pW2sY6uI9jL3mDw==
         */
        "x-ghl-signature": string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["VoiceAiCallEnd"];
      };
    };
    responses: {
      /**
       * @description The receiver accepted the event. Which statuses HighLevel treats as delivered, and
       *     whether it retries others, is not documented.
       */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The receiver could not read the event. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The receiver refused the event (a signature that does not verify, another app's event, a replay). */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
}
