/**
 * `highlevel-voice-ai/webhooks`: HighLevel app webhooks verified (Ed25519 over the raw body, with
 * WebCrypto), typed (INSTALL, UNINSTALL, VoiceAiCallEnd, others) and de-duplicated, for any
 * runtime with `fetch`-style Requests — Node, workers, edge, Deno, Bun. No Node built-ins; nothing
 * here is part of the core entry. `highlevel-voice-ai/oauth` re-exports all of it.
 */
export { verifyWebhook, type HeaderBag, type VerifyWebhookOptions } from "./verify.js";
export { createWebhookHandler, type WebhookHandlerOptions } from "./handler.js";
export { createReplayGuard, type ReplayGuard } from "./replay-guard.js";
export type {
  CallEndEvent,
  InstallEvent,
  OtherWebhookEvent,
  UninstallEvent,
  WebhookEvent,
  WebhookEventBase,
} from "./events.js";
export type { WebhookInstallations, WebhookOutcome } from "./outcome.js";
export {
  WebhookPayloadError,
  WebhookVerificationError,
  type PayloadViolation,
  type WebhookRejection,
} from "./errors.js";
export { LEGACY_RSA_PUBLIC_KEY } from "./keys.js";
export type {
  CallEndAppointmentBookingAction,
  CallEndCallTransferAction,
  CallEndCustomAction,
  CallEndDataExtractionAction,
  CallEndExecutedAction,
  CallEndInCallDataExtractionAction,
  CallEndKnowledgeBaseAction,
  CallEndSmsAction,
  CallEndTranslation,
  CallEndWorkflowTriggerAction,
  VoiceAiCallEndEvent,
} from "../../generated/models.js";
