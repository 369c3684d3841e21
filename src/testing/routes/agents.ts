/** Create, list, get, update and delete agents. */
import { notFound, type Route, type RouteInput } from "../context.js";
import { newAgent } from "../defaults.js";
import { actionsOf, deleteAgent } from "../store.js";

const withActions = ({ location }: RouteInput, agentId: string) => ({
  ...location.agents.get(agentId)!,
  actions: actionsOf(location, agentId),
});

export const createAgent: Route = ({ ctx, location, body }) => {
  const agent = newAgent(location, ctx.newId(), ctx.newId(), ctx.random, body);
  location.agents.set(agent.id, agent);
  return { status: 201, body: agent };
};

export const listAgents: Route = (input) => {
  const { location, query } = input;
  const page = Math.floor(Number(query.page ?? 1));
  const pageSize = Math.floor(Number(query.pageSize ?? 10));
  const search = typeof query.query === "string" ? query.query.toLowerCase() : "";
  const matching = [...location.agents.values()].filter(
    (a) =>
      !search || a.agentName.toLowerCase().includes(search) || a.businessName.toLowerCase().includes(search),
  );
  const agents = matching.slice((page - 1) * pageSize, page * pageSize).map((a) => withActions(input, a.id));
  return { status: 200, body: { total: matching.length, page, pageSize, agents } };
};

export const getAgent: Route = (input) => {
  const { agentId } = input.path;
  return input.location.agents.has(agentId!)
    ? { status: 200, body: withActions(input, agentId!) }
    : notFound("Agent");
};

export const patchAgent: Route = ({ location, path, body }) => {
  const agent = location.agents.get(path.agentId!);
  if (!agent) return notFound("Agent");
  Object.assign(agent, structuredClone(body));
  return { status: 200, body: agent };
};

export const deleteAgentRoute: Route = ({ location, path }) => {
  if (!location.agents.has(path.agentId!)) return notFound("Agent");
  deleteAgent(location, path.agentId!);
  return { status: 204 };
};
