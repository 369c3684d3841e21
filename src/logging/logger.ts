/**
 * The `logger` option: any object with debug/info/warn/error (console, pino, winston), filtered by
 * `logLevel`. Messages never carry a token, a secret or a body; callers pass safe fields only.
 */
import { ConfigurationError } from "../errors/index.js";

export interface Logger {
  debug(message: string, fields?: object): void;
  info(message: string, fields?: object): void;
  warn(message: string, fields?: object): void;
  error(message: string, fields?: object): void;
}
export type LogLevel = "debug" | "info" | "warn" | "error" | "off";
const LEVELS: readonly LogLevel[] = ["debug", "info", "warn", "error", "off"];

/** A logger that drops what is below `level`, and never lets a throwing logger break a call. */
export type Log = { readonly [L in Exclude<LogLevel, "off">]?: (message: string, fields?: object) => void };

export function createLog(logger: unknown, level: unknown = "warn"): Log {
  if (!LEVELS.includes(level as LogLevel)) {
    throw new ConfigurationError(`logLevel must be one of ${LEVELS.join(", ")}`);
  }
  const target = (logger ?? console) as Partial<Logger>;
  const log: { -readonly [L in keyof Log]: Log[L] } = {};
  for (const name of LEVELS.slice(LEVELS.indexOf(level as LogLevel), 4) as (keyof Log)[]) {
    if (typeof target[name] !== "function") {
      throw new ConfigurationError(`logger.${name} must be a function`);
    }
    log[name] = (message, fields) => {
      try {
        const written: unknown = target[name]!(`[highlevel-voice-ai] ${message}`, fields);
        // An async logger that fails is as harmless as one that throws: no unhandled rejection.
        if (isThenable(written)) written.then(undefined, () => {});
      } catch {
        // A broken logger must not change the outcome of a call.
      }
    };
  }
  return log;
}

/**
 * Wraps a user hook: a hook that throws, or returns a promise that rejects, is reported at warn
 * level (its message through `scrub`, as it may quote a token) and never changes a call.
 */
export function safeHook<E>(
  name: string,
  hook: unknown,
  log: Log,
  scrub: (text: string) => string = (text) => text,
): ((event: E) => void) | undefined {
  if (hook === undefined) return undefined;
  if (typeof hook !== "function") throw new ConfigurationError(`${name} must be a function`);
  const report = (error: unknown) => {
    log.warn?.(`${name} threw; the call goes on`, { error: scrub(describeError(error)) });
  };
  return (event) => {
    try {
      const result: unknown = hook(event);
      if (isThenable(result)) result.then(undefined, report);
    } catch (error) {
      report(error);
    }
  };
}

/** Name and message of a thrown value, for a log line. */
export function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : typeof error;
}

const isThenable = (value: unknown): value is PromiseLike<unknown> =>
  typeof (value as PromiseLike<unknown> | null)?.then === "function";
