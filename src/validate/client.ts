/**
 * `withValidation(client)`: the same client, whose methods (and `raw` calls) first check their
 * arguments against the spec and throw a RequestValidationError listing every violation,
 * sending nothing. The client itself is untouched: without this wrapper, validation costs nothing.
 */
import { operations, type OperationSpec } from "../../generated/operations.js";
import { InvalidRequestError } from "../errors/index.js";
import { formatViolations, validateRequest, type RequestParts } from "./request.js";
import type { Violation } from "./schema-context.js";

/** A call's arguments break the spec's constraints; nothing was sent. */
export class RequestValidationError extends InvalidRequestError {
  static override readonly brand: string = "RequestValidationError";
  /** Every violation: where (`body.agentName`) and the rule broken (`at most 40 characters`). */
  readonly violations: readonly Violation[];
  constructor(operationId: string, violations: readonly Violation[]) {
    const count = violations.length === 1 ? "1 invalid value" : `${violations.length} invalid values`;
    super(`${operationId}: ${count}\n${formatViolations(violations)}`);
    this.violations = violations;
  }
}

type Method = (params?: Record<string, unknown>, options?: unknown) => unknown;
const table = Object.entries(operations) as [string, OperationSpec][];
// The client fills in a missing locationId from its default, or refuses the call itself; it
// sets the Version header itself too.
const byClient = { suppliedLater: ["query.locationId"], skipHeaders: true };
const byClientWithBody = { suppliedLater: ["query.locationId", "body.locationId"], skipHeaders: true };
const PAGINATORS = new Set(["listAll", "listPages"]);

/** Throws a RequestValidationError when the call's arguments break the spec. */
export function checkCall(operationId: string, spec: OperationSpec, params: unknown): void {
  const parts: RequestParts = { path: {}, query: {} };
  if (typeof params === "object" && params !== null) {
    const pathNames: string[] = spec.path.match(/[^{}]+(?=\})/g) ?? [];
    for (const [key, value] of Object.entries(params)) {
      if (key === "body" && spec.body) parts.body = value;
      // The client accepts a number as an id and sends its digits.
      else if (pathNames.includes(key)) parts.path![key] = typeof value === "number" ? String(value) : value;
      else parts.query![key] = value;
    }
  }
  const violations = validateRequest(operationId, parts, spec.body?.locationId ? byClientWithBody : byClient);
  if (violations.length > 0) throw new RequestValidationError(operationId, violations);
}

/**
 * The client with opt-in validation: every method and `raw` call checks its arguments against
 * the spec (lengths, ranges, patterns, enums, list sizes, if/then rules, unknown fields) before
 * anything is sent. Costs a few microseconds per call; see guides/using-the-client.md.
 */
export function withValidation<C extends object>(client: C): C {
  const wrapped = new Map<PropertyKey, unknown>();
  for (const [operationId, spec] of table) {
    const group = Reflect.get(client, spec.group) as Record<string, Method> | undefined;
    if (!group) continue;
    const copy = (wrapped.get(spec.group) as Record<string, Method> | undefined) ?? { ...group };
    // Async, like the client's methods: a violation is a rejected promise, not a throw.
    copy[spec.name] = async (params, options) => {
      checkCall(operationId, spec, params);
      return group[spec.name]!(params, options);
    };
    for (const paginator of PAGINATORS) {
      if (!spec.items || typeof group[paginator] !== "function") continue;
      copy[paginator] = (params, options) => {
        checkCall(operationId, spec, params);
        return group[paginator]!(params, options);
      };
    }
    wrapped.set(spec.group, copy);
  }
  for (const group of wrapped.values()) Object.freeze(group);
  const raw = Reflect.get(client, "raw") as Record<string, unknown> | undefined;
  if (raw) wrapped.set("raw", validatingRaw(raw));
  // A proxy keeps the client's type and every other member (rateLimit, ...) as they are.
  return new Proxy(
    { ...client },
    { get: (target, key) => (wrapped.has(key) ? wrapped.get(key) : Reflect.get(target, key)) },
  );
}

/** `raw.GET(path, init)` and friends, checked when the path is one of the spec's operations. */
function validatingRaw(raw: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...raw };
  for (const method of ["GET", "PUT", "POST", "DELETE", "PATCH"]) {
    const send = raw[method];
    if (typeof send !== "function") continue;
    copy[method] = async (
      path: string,
      init?: { params?: { path?: object; query?: object }; body?: unknown },
    ) => {
      const found = table.find(([, s]) => s.method === method && s.path === path);
      if (found) {
        const [operationId, spec] = found;
        checkCall(operationId, spec, {
          ...init?.params?.path,
          ...init?.params?.query,
          ...(init && "body" in init && { body: init.body }),
        });
      }
      return send(path, init);
    };
  }
  copy.request = (method: string, path: string, init?: object) =>
    (copy[String(method).toUpperCase()] as (path: string, init?: object) => unknown)(path, init);
  return Object.freeze(copy);
}
