/** failNext: faults the fake injects into the next matching requests, checked when they are queued. */
import { ConfigurationError } from "../errors/index.js";

export interface Fault {
  /** Only requests of this operation (any request when omitted). */
  operationId?: string;
  /** Answer with this status instead of handling the request (e.g. 503, or 429). */
  status?: number;
  /** Extra response headers (e.g. `Retry-After` with a 429). */
  headers?: Record<string, string>;
  /** The response body; default: the spec's error body for the status. */
  body?: unknown;
  /** Drop the connection without answering (a fetch then fails with a TypeError). */
  reset?: boolean;
  /** Wait this long first (then answer as the fault says, or normally). */
  delayMs?: number;
  /** How many matching requests the fault applies to; default 1. */
  times?: number;
}

export class Faults {
  #queue: (Fault & { left: number })[] = [];

  add(fault: Fault, operationIds: readonly string[]): void {
    const { operationId, status, delayMs, times = 1, reset, headers } = fault ?? {};
    if (operationId !== undefined && !operationIds.includes(operationId))
      throw new ConfigurationError(`failNext: unknown operationId ${JSON.stringify(operationId)}`);
    if (status !== undefined && !(Number.isInteger(status) && status >= 200 && status <= 599))
      throw new ConfigurationError("failNext: status must be an HTTP status (200-599)");
    if (delayMs !== undefined && !(Number.isFinite(delayMs) && delayMs >= 0 && delayMs <= 600_000))
      throw new ConfigurationError("failNext: delayMs must be between 0 and 600000");
    if (!(Number.isSafeInteger(times) && times >= 1))
      throw new ConfigurationError("failNext: times must be a positive integer");
    if (status === undefined && !reset && delayMs === undefined)
      throw new ConfigurationError("failNext: give a status, reset: true or a delayMs");
    if (headers !== undefined && (typeof headers !== "object" || headers === null))
      throw new ConfigurationError("failNext: headers must be an object");
    this.#queue.push({ ...fault, left: times });
  }

  /** The fault for this request, if one is queued for it. */
  take(operationId: string | undefined): Fault | undefined {
    const index = this.#queue.findIndex((f) => f.operationId === undefined || f.operationId === operationId);
    if (index < 0) return undefined;
    const fault = this.#queue[index]!;
    if (--fault.left === 0) this.#queue.splice(index, 1);
    return fault;
  }

  clear(): void {
    this.#queue = [];
  }
}
