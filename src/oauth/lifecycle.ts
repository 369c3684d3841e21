/**
 * `oauth.close()`: what must not be cut short by a shutdown is waited for, bounded. A refresh whose
 * request has gone out may have had its refresh token rotated by the server: only storing the
 * answer keeps the installation. So renewals, code exchanges and webhook writes in flight run to
 * their end; renewals that have sent nothing yet (still waiting for a store lock) end at once, and
 * none starts any more.
 */
import type { Log } from "../logging/logger.js";
import { OAuthClosedError } from "./errors.js";

/** How long close() waits by default: within the usual grace period of a stopping container. */
export const DEFAULT_CLOSE_TIMEOUT_MS = 30_000;

export interface Lifecycle {
  /** Aborted when close() starts: ends waits that have not sent anything yet. */
  readonly signal: AbortSignal;
  /** Runs `work` unless closing (OAuthClosedError, naming `what`); close() waits for it. */
  track<T>(what: string, work: () => Promise<T>): Promise<T>;
  close(timeoutMs: number): Promise<void>;
}

export function createLifecycle(log: Log): Lifecycle {
  const closing = new AbortController();
  const running = new Set<Promise<unknown>>();
  let closed: Promise<void> | undefined;

  async function settle(timeoutMs: number): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), timeoutMs)));
    const settled = Promise.allSettled([...running]).then(() => false);
    try {
      if (await Promise.race([settled, timedOut])) {
        log.warn?.(
          `oauth.close(): ${running.size} token renewal(s) or write(s) still running after ${timeoutMs} ms; ` +
            "one cut short by the exit may leave its installation to be authorized again",
        );
      }
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    signal: closing.signal,
    track(what, work) {
      if (closing.signal.aborted) {
        return Promise.reject(new OAuthClosedError(`oauth.close() was called: no ${what} starts any more`));
      }
      const run = work();
      running.add(run);
      const done = () => running.delete(run);
      run.then(done, done);
      return run;
    },
    close(timeoutMs) {
      closed ??= (async () => {
        closing.abort(new OAuthClosedError("oauth.close() was called while waiting for a store lock"));
        if (running.size) await settle(timeoutMs);
      })();
      return closed;
    },
  };
}
