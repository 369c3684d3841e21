// TEMPORARY until the `webhooks` branch's generated VoiceAiCallEndEvent is merged: replaced by it.
import type { ExecutedCallAction } from "../../../generated/models.js";

type Executed = Omit<ExecutedCallAction, "actionId"> & { _id?: string; description?: string };
export interface VoiceAiCallEndEvent {
  id?: string;
  locationId?: string;
  agentId?: string;
  contactId?: string;
  fromNumber?: string;
  createdAt?: string;
  duration?: number;
  summary?: string;
  transcript?: string;
  translation?: { transcript?: string; language?: string };
  extractedData?: Record<string, unknown>;
  messageId?: string;
  trialCall?: boolean;
  executedCallActions?: Executed[];
}
