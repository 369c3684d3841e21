/**
 * Ctrl-C and SIGTERM: the first aborts the running command through its signal (an export then
 * writes its checkpoint and prints how to resume); a second Ctrl-C, for someone who will not
 * wait, ends the process at once with 130.
 */
import type { SignalSource } from "./io.js";

export type StopSignal = "SIGINT" | "SIGTERM";

export interface Trap {
  signal: AbortSignal;
  stoppedBy(): StopSignal | undefined;
  dispose(): void;
}

export function trapSignals(
  source: SignalSource | undefined,
  onFirst: (which: StopSignal) => void,
  onSecond: (which: StopSignal) => void,
): Trap {
  const controller = new AbortController();
  let stopped: StopSignal | undefined;
  const handler = (which: StopSignal) => () => {
    if (stopped) return onSecond(which);
    stopped = which;
    controller.abort(new Error(`stopped by ${which}`));
    onFirst(which);
  };
  const onInt = handler("SIGINT");
  const onTerm = handler("SIGTERM");
  source?.on("SIGINT", onInt);
  source?.on("SIGTERM", onTerm);
  return {
    signal: controller.signal,
    stoppedBy: () => stopped,
    dispose() {
      source?.off("SIGINT", onInt);
      source?.off("SIGTERM", onTerm);
    },
  };
}
