/** Create, get, replace and delete the actions attached to an agent. */
import { notFound, type Route } from "../context.js";
import type { Action } from "../store.js";

/** The stored action: what the API answers, without the request's agentId and locationId. */
function actionFrom(id: string, body: Record<string, unknown>): Action {
  const { actionType, name, actionParameters } = structuredClone(body);
  return { id, actionType, name, actionParameters } as Action;
}

export const createAction: Route = ({ ctx, location, body }) => {
  const agentId = String(body.agentId);
  if (!location.agents.has(agentId))
    return { status: 422, violations: ["body.agentId: no agent with this id in the location"] };
  const action = actionFrom(ctx.newId(), body);
  location.actions.set(action.id, { agentId, action });
  return { status: 201, body: action };
};

export const getAction: Route = ({ location, path }) => {
  const stored = location.actions.get(path.actionId!);
  return stored ? { status: 200, body: stored.action } : notFound("Action");
};

export const updateAction: Route = ({ location, path, body }) => {
  const stored = location.actions.get(path.actionId!);
  if (!stored) return notFound("Action");
  if (stored.agentId !== body.agentId)
    return { status: 422, violations: ["body.agentId: the action belongs to another agent"] };
  stored.action = actionFrom(stored.action.id, body);
  return { status: 200, body: stored.action };
};

export const deleteAction: Route = ({ location, path, query }) => {
  const stored = location.actions.get(path.actionId!);
  if (!stored || stored.agentId !== query.agentId) return notFound("Action");
  location.actions.delete(path.actionId!);
  return { status: 204 };
};
