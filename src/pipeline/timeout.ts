/**
 * Bounds one attempt: everything below waits under one signal that fires on the caller's abort,
 * after `timeoutMs`, or at the call's deadline (`totalTimeoutMs`), whichever comes first — the
 * limiter's queue, the token provider, the exchange and the body alike. Whatever the stages below
 * throw once it fired is reported as what it was: a timeout or the caller's abort.
 */
import { Failure } from "./failure.js";
import type { Stage } from "./types.js";

export const timeout: Stage = (next) => async (request, call) => {
  const caller = call.signal;
  if (caller?.aborted) throw new Failure("abort", "Aborted by the caller", { cause: caller.reason });
  const left = (call.deadline ?? Infinity) - performance.now();
  const ms = Math.min(call.timeoutMs, left);
  // The message names the bound that ran out: the attempt's or the whole call's.
  const bound =
    left < call.timeoutMs
      ? `totalTimeoutMs ${Math.round(call.deadline! - call.startedAt)} ran out`
      : `timeoutMs ${call.timeoutMs} ran out`;
  if (ms <= 0) throw new Failure("timeout", `Timed out: ${bound}`, { attempt: call.attempt - 1 });
  const controller = new AbortController();
  let timedOut = false;
  const onAbort = () => controller.abort(caller!.reason);
  caller?.addEventListener("abort", onAbort, { once: true });
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new Failure("timeout", "timed out"));
  }, ms);
  try {
    return await next(request, { ...call, signal: controller.signal });
  } catch (error) {
    if (caller?.aborted) throw new Failure("abort", "Aborted by the caller", { cause: caller.reason });
    if (timedOut) throw new Failure("timeout", `Timed out: ${bound}`, { attempt: call.attempt });
    throw error;
  } finally {
    clearTimeout(timer);
    caller?.removeEventListener("abort", onAbort);
  }
};
