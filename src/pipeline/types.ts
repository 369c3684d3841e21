/**
 * The shapes every pipeline stage shares. A call goes down the stages as an `Outgoing` request
 * plus its read-only `Call` settings; what comes back up is a `Reply` whose body has been read.
 * A stage never writes into what it was given: it passes changed copies down, and what it learns
 * travels back up in the reply or in the `Failure` it throws.
 */
import type { RateLimitInfo } from "../rate-limit/headers.js";
import type { Failure } from "./failure.js";

/** A request that can be sent any number of times (its body is text or a buffer, never a stream). */
export interface Outgoing {
  readonly method: string;
  readonly url: string;
  /** Owned by whoever built this Outgoing: copy before changing. */
  readonly headers: Headers;
  readonly body: string | ArrayBuffer | undefined;
}

/** Per-call settings, fixed when the call starts; stages pass adjusted copies down. */
export interface Call {
  readonly operationId: string | undefined;
  /** The location the call is for: its rate-limit bucket and the token's context. */
  readonly locationId: string | undefined;
  /** The caller's signal above the timeout stage; the attempt's signal below it. */
  readonly signal: AbortSignal | undefined;
  readonly timeoutMs: number;
  readonly maxRetries: number;
  /** performance.now() by which the whole call must be over. */
  readonly deadline: number | undefined;
  readonly version: string;
  /** The success body the operation promises: a JSON object, or nothing (204). */
  readonly expect: "object" | "none";
  readonly maxResponseBytes: number;
  /** performance.now() when the call started. */
  readonly startedAt: number;
  /** 1 for the first attempt; set by the retry stage. */
  readonly attempt: number;
}

/** A response whose body has been read (as far as it is kept). */
export interface Reply extends Answered {
  readonly status: number;
  readonly headers: Headers;
  /** Its X-RateLimit-* headers, parsed (undefined when it has none). */
  readonly rateLimit: RateLimitInfo | undefined;
  /** The body text; for an error status only its first `ERROR_BODY_BYTES`. */
  readonly text: string;
  /** The parsed JSON body of a 2xx; undefined for 204. */
  readonly data: unknown;
}

/** Sends a request and resolves to its reply, or throws a `Failure`. */
export type Send = (request: Outgoing, call: Call) => Promise<Reply>;
/** One concern of the pipeline: wraps the next stage. */
export type Stage = (next: Send) => Send;

/** Who answered, as the redirects stage saw it. */
export interface Answered {
  /** The answer came from the API's origin (not from a host a redirect led to). */
  readonly fromApi: boolean;
  /**
   * A redirect turned the request into a GET (301/302/303 to a POST, say): the server acted on
   * the request, so it must not be sent again, whatever the follow-up answered.
   */
  readonly acted: boolean;
}

/** One exchange on the wire: a Response whose body is still unread. */
export type Wire = (request: Outgoing, call: Call) => Promise<Response>;

/** What the redirects stage answers the body reader: the last response, and who gave it. */
export interface Exchange extends Answered {
  readonly response: Response;
}
export type Exchanges = (request: Outgoing, call: Call) => Promise<Exchange>;

export type { Failure };
