/** The entry that exports webhook verification: the one line to change when it moves. */
export { WebhookVerificationError, verifyWebhook } from "highlevel-voice-ai/oauth";
