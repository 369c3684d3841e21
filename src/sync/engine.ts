/**
 * Runs one job per location, `concurrency` at a time, and hands their logs to one consumer as an
 * async iterator. A location's failure is reported and the others go on; a location held by
 * another worker is tried again later; the caller's signal, or the consumer leaving the loop,
 * stops every job, and the iteration ends only once they have all stopped (their checkpoints
 * written).
 */
import { APIUserAbortError } from "../errors/index.js";
import { Handoff } from "./handoff.js";
import { defaultPrefetch, readLocations, type CheckedRun } from "./options.js";
import { Progress } from "./progress.js";
import type { CallLogProgress, FailureReason, LocatedCallLog, LocationList } from "./types.js";

/** What a job did with its location: finished it, found it held by another worker, or left it. */
export type JobOutcome = "done" | "held" | "left";

export interface JobContext {
  locationId: string;
  /** Fires when the run stops. */
  signal: AbortSignal;
  /** Resolves true once the consumer acknowledged the log; false when it will not be. */
  offer(log: LocatedCallLog, signal: AbortSignal): Promise<boolean>;
  progress: Progress;
  /** Pages of the location to request at once: the run's, or the default for its locations at once. */
  prefetch: number;
}

export type Job = (context: JobContext) => Promise<JobOutcome>;

/** An export or sync in progress: iterate it for the logs; `progress` is how it stands. */
export interface CallLogStream extends AsyncIterableIterator<LocatedCallLog> {
  /** How the run stands now; final once the iteration ended. */
  readonly progress: CallLogProgress;
}

const info = { operationId: "listCallLogs", method: "GET", url: "" };

export function runLocations(
  locations: LocationList,
  run: CheckedRun,
  what: string,
  retryHeldMs: number,
  job: Job,
): CallLogStream {
  const stop = new AbortController();
  // Each job has a signal of its own, all aborted from here: no listener per job on a shared one.
  const jobs = new Set<AbortController>();
  /**
   * Pool workers with nothing to do yet: locations another worker holds are asked for again later,
   * and a job in flight may hand its location back. Woken by the end of any job, and by a halt.
   */
  const sleepers = new Set<() => void>();
  const halt = (reason: unknown) => {
    if (stop.signal.aborted) return;
    stop.abort(reason);
    for (const job of jobs) job.abort(reason);
    for (const wake of sleepers) wake();
  };
  const nap = (ms: number | undefined) =>
    new Promise<void>((resolve) => {
      const wake = () => (clearTimeout(timer), sleepers.delete(wake), resolve());
      const timer = ms === undefined ? undefined : setTimeout(wake, ms);
      sleepers.add(wake);
    });
  const handoff = new Handoff<LocatedCallLog>();
  let progress = new Progress(0, undefined);
  const onAbort = () => halt(run.signal!.reason);
  run.signal?.addEventListener("abort", onAbort, { once: true });

  async function pool(): Promise<void> {
    const ids = await readLocations(locations, what);
    progress = new Progress(ids.length, run.onProgress);
    progress.emit();
    const workers = Math.min(run.concurrency, ids.length);
    const prefetch = run.prefetch ?? defaultPrefetch(workers);
    const queue = [...ids];
    const later: { id: string; at: number }[] = [];
    const worker = async () => {
      while (!stop.signal.aborted) {
        const id = queue.shift();
        if (id === undefined) {
          // Done only once nothing is left to ask for again, nor may come back from a job.
          if (!later.length && !jobs.size) return;
          const next = later.length ? Math.min(...later.map((l) => l.at)) : undefined;
          await nap(next === undefined ? undefined : Math.max(0, next - performance.now()));
          for (const due of later.filter((l) => l.at <= performance.now())) {
            later.splice(later.indexOf(due), 1);
            queue.push(due.id);
            progress.waiting(-1);
          }
          continue;
        }
        progress.started();
        const own = new AbortController();
        jobs.add(own);
        try {
          const outcome = await job({
            locationId: id,
            signal: own.signal,
            offer: handoff.offer.bind(handoff),
            progress,
            prefetch,
          });
          if (outcome === "done") progress.finished();
          else progress.left();
          if (outcome === "held" && !stop.signal.aborted) {
            later.push({ id, at: performance.now() + retryHeldMs });
            progress.waiting(1);
          }
        } catch (error) {
          if (stop.signal.aborted) progress.left();
          else progress.failed({ locationId: id, reason: reasonOf(error), error });
        } finally {
          jobs.delete(own);
          for (const wake of sleepers) wake();
        }
      }
    };
    await Promise.all(Array.from({ length: workers }, worker));
  }

  const ended = pool().finally(() => {
    run.signal?.removeEventListener("abort", onAbort);
    progress.end(run.signal?.aborted ? "aborted" : "done");
    handoff.close();
  });
  ended.catch(() => {}); // seen by the consumer's next()

  let finished = false;
  let turn: Promise<unknown> = Promise.resolve();
  const step = async (): Promise<IteratorResult<LocatedCallLog>> => {
    if (finished) return { done: true, value: undefined };
    const value = await handoff.pull();
    if (value !== undefined) return { done: false, value };
    finished = true;
    await ended;
    if (run.signal?.aborted) throw new APIUserAbortError(info, "Aborted by the caller", run.signal.reason);
    return { done: true, value: undefined };
  };
  const leave = async (): Promise<IteratorResult<LocatedCallLog>> => {
    // Leaving the loop acknowledges nothing more: the log in hand comes again next time.
    handoff.ack(false);
    halt(new Error("the consumer left the iteration"));
    finished = true;
    await ended.catch(() => {});
    return { done: true, value: undefined };
  };
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const result = turn.then(work);
    turn = result.catch(() => {});
    return result;
  };
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    next: () => serial(step),
    return: () => serial(leave),
    throw: (error?: unknown) => serial(leave).then(() => Promise.reject(error)),
    get progress() {
      return progress.snapshot();
    },
  };
}

export function reasonOf(error: unknown): FailureReason {
  switch ((error as Error | null)?.name) {
    case "AuthenticationError":
      return "unauthorized";
    case "ReauthorizationRequiredError":
      return "revoked";
    case "PermissionDeniedError":
      return "forbidden";
    case "NotFoundError":
      return "not-found";
    default:
      return "error";
  }
}
