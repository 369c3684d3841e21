/** Small waits and signal plumbing of the runs. */

/** A signal that fires when any of `signals` does; `dispose` detaches it. */
export function linkSignals(...signals: AbortSignal[]): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  const fired = signals.find((s) => s.aborted);
  if (fired) {
    controller.abort(fired.reason);
    return { signal: controller.signal, dispose: () => {} };
  }
  const listeners = signals.map((s) => {
    const onAbort = () => {
      controller.abort(s.reason);
      dispose();
    };
    s.addEventListener("abort", onAbort, { once: true });
    return () => s.removeEventListener("abort", onAbort);
  });
  const dispose = () => listeners.forEach((remove) => remove());
  return { signal: controller.signal, dispose };
}

/** Waits `ms`, or less if `signal` fires (never rejects). */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });
}

/** `work`'s result, or `fallback` if it fails or takes longer than `ms`. */
export async function within<T>(work: () => T | Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<T>((resolve) => (timer = setTimeout(resolve, ms, fallback)));
  try {
    return await Promise.race([Promise.resolve().then(work), late]);
  } catch {
    return fallback;
  } finally {
    clearTimeout(timer);
  }
}
