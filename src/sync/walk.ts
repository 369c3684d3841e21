/**
 * One location's logs in a closed time window, oldest first, page by page. The window ends at or
 * before "now", so calls that arrive during the walk fall after it and cannot shift its pages; a
 * log inserted into it late (behind the walk) can only push others forward, and the ids of the
 * previous page drop what comes again. Pages after the first are requested `prefetch` at a time
 * (the location's rate limit queues them in order) while the consumer works through the current one.
 */
import type { CallLog } from "../../generated/models.js";
import { InvalidResponseError } from "../errors/index.js";

export interface ListAnswer {
  total: number;
  pageSize: number;
  callLogs: CallLog[];
}
/** One request: page `page` of `pageSize` logs of the window, ascending by createdAt. */
export type ListPage = (page: number, pageSize: number, signal: AbortSignal) => Promise<ListAnswer>;

export interface Window {
  /** First and last instant (epoch ms), both included. */
  start: number;
  end: number;
  /** Logs at `start` already handed over: left out. */
  doneAtStart?: ReadonlySet<string> | undefined;
}

export interface WalkPage {
  /** Logs to hand over, in createdAt order, each once. */
  items: { log: CallLog; at: number }[];
  /** Logs of the answer left out: repeats across the page edge, handed over before, or outside the window. */
  skipped: number;
  /** The server's count of logs in the window, as of this answer. */
  total: number;
}

const info = { operationId: "listCallLogs", method: "GET", url: "" };
const invalid = (message: string) => new InvalidResponseError(info, 200, message, "");

export async function* walkWindow(
  list: ListPage,
  window: Window,
  pageSize: number,
  prefetch: number,
  signal: AbortSignal,
): AsyncGenerator<WalkPage> {
  // Each request has a controller of its own, aborted when the walk ends or the job stops: no
  // listener per request on the job's signal.
  const inFlight = new Map<number, { answer: Promise<ListAnswer>; controller: AbortController }>();
  const abortAll = (reason: unknown) => {
    for (const { controller } of inFlight.values()) controller.abort(reason);
  };
  const onAbort = () => abortAll(signal.reason);
  signal.addEventListener("abort", onAbort, { once: true });
  const request = (page: number, size: number) => {
    if (inFlight.has(page)) return;
    const controller = new AbortController();
    if (signal.aborted) controller.abort(signal.reason);
    const answer = list(page, size, controller.signal);
    answer.catch(() => {}); // read ahead: its failure is seen when its turn comes, or never
    inFlight.set(page, { answer, controller });
  };
  let size = pageSize;
  let last = 1; // pages are read ahead only once the first answer says how many there are
  let previous = new Set<string>();
  let latest = window.start;
  try {
    for (let page = 1; ; page++) {
      for (let p = page; p < page + prefetch && p <= Math.max(page, last); p++) request(p, size);
      const answer = await inFlight.get(page)!.answer;
      inFlight.delete(page);
      if (!Array.isArray(answer?.callLogs) || !Number.isFinite(answer.total))
        throw invalid("expected callLogs and total in the answer");
      // A server that pages by a smaller size than asked says so: count pages by its size.
      if (page === 1 && answer.pageSize > 0 && answer.pageSize < size) size = answer.pageSize;
      last = Math.ceil(answer.total / size);
      const current = new Set<string>();
      const items: WalkPage["items"] = [];
      for (const log of answer.callLogs) {
        const id = String(log?.id);
        const at = Date.parse(log?.createdAt);
        if (!log?.id || !Number.isFinite(at)) throw invalid("a call log without id or a valid createdAt");
        const repeated = previous.has(id) || current.has(id);
        current.add(id);
        if (repeated || at < window.start || at > window.end) continue;
        if (at === window.start && window.doneAtStart?.has(id)) continue;
        if (at < latest) {
          throw invalid(
            `call logs are not in createdAt order (${log.createdAt} after ${new Date(latest).toISOString()})`,
          );
        }
        latest = at;
        items.push({ log, at });
      }
      if (signal.aborted) throw signal.reason;
      yield { items, skipped: answer.callLogs.length - items.length, total: answer.total };
      if (answer.callLogs.length < size || page * size >= answer.total) return;
      if (page > 1 && previous.size && [...current].every((id) => previous.has(id)))
        throw invalid(`page ${page} repeats the page before it: the server ignores "page"`);
      previous = current;
    }
  } finally {
    signal.removeEventListener("abort", onAbort);
    abortAll(new Error("the walk ended")); // requests read ahead and no longer wanted
  }
}
