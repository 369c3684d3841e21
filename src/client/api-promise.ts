/**
 * The promise a method returns: the call's data, and on request (`withResponse()`) the same
 * call's data beside its response and request id, as the best generated clients give them.
 */
import { requestIdOf } from "../errors/index.js";
import type { APIPromise } from "./call-types.js";
import type { Outcome } from "./invoke.js";

export function apiPromise<T>(outcome: Promise<Outcome>): APIPromise<T> {
  const data = outcome.then((o) => o.data as T) as APIPromise<T>;
  data.withResponse = () => {
    // Whoever asks for the response may never look at the data promise: its failure is theirs.
    data.catch(() => {});
    return outcome.then(({ data, status, headers }) => ({
      data: data as T,
      response: new Response(null, { status, headers }),
      requestId: requestIdOf(headers),
    }));
  };
  return data;
}
