/** List call logs (filters, sorting, pages) and get one. */
import { notFound, type Route } from "../context.js";
import type { CallLog } from "../store.js";

const list = (value: unknown): string[] | undefined => (Array.isArray(value) ? value.map(String) : undefined);

export const listCallLogs: Route = ({ location, query }) => {
  const contacts = list(query.contactId);
  const types = list(query.actionType);
  const { agentId, callType, startDate, endDate, sortBy, sort } = query;
  let logs = location.callLogs.filter((log) => {
    const at = Date.parse(log.createdAt);
    return (
      (agentId === undefined || log.agentId === agentId) &&
      (!contacts || (log.contactId !== undefined && contacts.includes(log.contactId))) &&
      (callType === undefined || log.trialCall === (callType === "TRIAL")) &&
      (startDate === undefined || (at >= Number(startDate) && at <= Number(endDate))) &&
      (!types || log.executedCallActions.some((a) => types.includes(a.actionType)))
    );
  });
  if (sortBy === "duration" || sortBy === "createdAt") {
    const key = (log: CallLog) => (sortBy === "duration" ? log.duration : Date.parse(log.createdAt));
    const direction = sort === "ascend" ? 1 : -1;
    logs = [...logs].sort((a, b) => direction * (key(a) - key(b)));
  }
  const page = Math.floor(Number(query.page ?? 1));
  const pageSize = Math.max(0, Math.floor(Number(query.pageSize ?? 10)));
  const callLogs = logs.slice((page - 1) * pageSize, page * pageSize);
  return { status: 200, body: { total: logs.length, page, pageSize, callLogs } };
};

export const getCallLog: Route = ({ location, path }) => {
  const log = location.callLogs.find((l) => l.id === path.callId);
  return log ? { status: 200, body: log } : notFound("Call log");
};
