/**
 * `defineAction`: keeps an action body's `actionType` a literal when the body is written
 * apart from the call (in a variable, a config file, a helper), so that it still matches the
 * `ActionRequest` union and `actionParameters` is checked against that type.
 */
import type { ActionRequest, ActionType } from "../../generated/models.js";

/** The member of the `ActionRequest` union for one action type, e.g. `SmsActionRequest`. */
export type ActionRequestOf<T extends ActionType> = Extract<ActionRequest, { actionType: T }>;

/**
 * Returns its argument unchanged, typed as the request of its `actionType`:
 *
 * ```ts
 * const sms = defineAction({ actionType: "SMS", agentId, name, actionParameters });
 * await voiceAI.actions.create({ body: sms }); // `sms` is an SmsActionRequest
 * ```
 */
export function defineAction<T extends ActionType>(
  action: ActionRequestOf<T> & { actionType: T },
): ActionRequestOf<T> {
  return action;
}
