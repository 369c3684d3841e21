/**
 * The `token` option as the auth stage uses it: a string, a function or a provider object, each
 * asked with the call's context. Every token is checked before it goes into a header, waits on a
 * provider end with the attempt's signal, and concurrent 401s for one token cause one invalidate.
 */
import { ConfigurationError, VoiceAIError } from "../errors/index.js";
import type { TokenContext, TokenProvider } from "./token-provider.js";
import { untilAborted } from "./abortable.js";
import { Failure } from "./failure.js";
import type { Redactor } from "./redact.js";

export type TokenSource = string | ((ctx: TokenContext) => string | Promise<string>) | TokenProvider;

export interface Tokens {
  get(ctx: TokenContext): Promise<string> | string;
  /** Present when the source can refresh: drops `token` (once, however many calls saw it fail). */
  invalidate: ((ctx: TokenContext, token: string) => Promise<void>) | undefined;
}

/** Visible ASCII only: the Headers API rejects CR, LF, NUL and characters above U+00FF, and trims spaces. */
const HEADER_SAFE = /^[\x21-\x7e]+$/;

export function checkToken(token: unknown, Err: new (message: string) => Error): string {
  if (typeof token !== "string" || !token) throw new Err("the token is missing or empty");
  if (!HEADER_SAFE.test(token)) {
    const at = [...token].findIndex((c) => !HEADER_SAFE.test(c));
    throw new Err(`the token has a character that cannot be sent in a header (at position ${at})`);
  }
  return token;
}

export function createTokens(source: TokenSource, redactor: Redactor): Tokens {
  if (typeof source === "string") {
    checkToken(source, ConfigurationError);
    redactor.add(source);
    return { get: () => source, invalidate: undefined };
  }
  const provider: TokenProvider | undefined =
    typeof source === "function" ? { getToken: source } : isProvider(source) ? source : undefined;
  if (!provider) {
    throw new ConfigurationError("token must be a string, a function or an object with getToken()");
  }
  const accept = (token: unknown) => {
    const checked = checkToken(token, TokenRefused);
    redactor.add(checked);
    return checked;
  };
  const get = (ctx: TokenContext): Promise<string> | string => {
    let result: string | Promise<string>;
    try {
      result = provider.getToken(ctx);
    } catch (error) {
      throw providerFailure(error);
    }
    if (typeof result === "string") return guard(() => accept(result));
    return untilAborted(result, ctx.signal).then(
      (token) => guard(() => accept(token)),
      (error: unknown) => {
        throw ctx.signal?.aborted ? error : providerFailure(error);
      },
    );
  };
  const { invalidate } = provider;
  if (typeof invalidate !== "function") return { get, invalidate: undefined };
  // Recently invalidated tokens: a late 401 for one of them reads the refreshed token instead.
  const pending = new Map<string, Promise<void>>();
  return {
    get,
    invalidate(ctx, token) {
      let done = pending.get(token);
      if (!done) {
        done = Promise.resolve()
          .then(() => invalidate.call(provider, ctx, token))
          .catch((error: unknown) => {
            // A failed refresh is not remembered: the next 401 for this token asks again.
            if (pending.get(token) === done) pending.delete(token);
            throw providerFailure(error);
          });
        pending.set(token, done);
        if (pending.size > 64) pending.delete(pending.keys().next().value!);
      }
      return untilAborted(done, ctx.signal);
    },
  };
}

function isProvider(value: unknown): value is TokenProvider {
  return typeof (value as TokenProvider | null)?.getToken === "function";
}

/** A provider's bad token: a local mistake, reported without quoting the value. */
class TokenRefused extends Error {}

function guard(read: () => string): string {
  try {
    return read();
  } catch (error) {
    throw providerFailure(error);
  }
}

/** A provider's own typed errors (an OAuth reauthorization, say) reach the caller as they are. */
function providerFailure(error: unknown): unknown {
  if (error instanceof VoiceAIError || error instanceof Failure) return error;
  if (error instanceof TokenRefused) {
    return new Failure("configuration", `The token provider returned a bad token: ${error.message}`);
  }
  return new Failure("configuration", "The token provider failed", { cause: error });
}
