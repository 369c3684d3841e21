/**
 * The fake's admin API, under `/__fake/` on the fake's own server: what a test stages in process,
 * for tests whose workers run in other processes. JSON in and out; bad input is a 400 naming it.
 */
import { ConfigurationError } from "../../errors/index.js";
import type { Fault } from "../faults.js";
import type { ComposedFake } from "../create.js";
import type { SimulateCallOptions } from "../calls/simulate-call.js";
import type { WebhookDeliveryOptions } from "../webhooks/types.js";
import { AdminInputError, checkShape, ok, queryInt, readJson, within, type Handler } from "./admin-input.js";
import { oauthRoutes } from "./admin-oauth.js";

export const ADMIN_PREFIX = "/__fake";
const PAGE = 1_000;

const answer = (status: number, body: unknown) => Response.json(body, { status });

/** Items `from` on, at most 1,000, with the total: the journal and the deliveries grow without end. */
function page<T>(list: readonly T[], url: URL) {
  const from = queryInt(url, "from", 0, 1e9);
  return { total: list.length, from, items: list.slice(from, from + PAGE) };
}

export function createAdmin(
  fake: ComposedFake,
  locationIds: readonly string[],
): (request: Request) => Promise<Response | undefined> {
  const routes: Record<string, Record<string, Handler>> = {
    "/info": {
      GET: async () => ({
        url: fake.url,
        locations: locationIds.map((id) => ({ id, token: fake.tokenFor(id) })),
        webhookPublicKey: fake.webhookPublicKey,
        oauth: fake.oauth && {
          clientId: fake.oauth.clientId,
          clientSecret: fake.oauth.clientSecret,
          appId: fake.oauth.appId,
        },
      }),
    },
    "/reset": { POST: async (r) => (checkShape(await readJson(r), {}), fake.reset(), ok) },
    "/fail-next": {
      POST: async (r) => {
        const shape = {
          "operationId?": "string",
          "status?": "number",
          "headers?": "object",
          "body?": "any",
          "reset?": "boolean",
          "delayMs?": "number",
          "times?": "number",
        } as const;
        fake.failNext(checkShape<Fault>(await readJson(r), shape));
        return ok;
      },
    },
    "/journal": { GET: async (_r, url) => page(fake.requests, url) },
    "/calls": {
      POST: async (r, url) => {
        const wait = queryInt(url, "wait", 0, 120_000);
        const { call, log, skipped, delivered } = fake.simulateCall(
          (await readJson(r)) as SimulateCallOptions,
        );
        const deliveries = await within(wait, delivered, () =>
          fake.webhooks.deliveries.filter((d) => d.callId === call.id),
        );
        return { call, log, skipped: skipped ?? null, deliveries };
      },
    },
    "/webhooks": {
      GET: async () => ({ urls: fake.webhooks.urls, publicKey: fake.webhookPublicKey }),
      POST: async (r) => (
        fake.webhooks.register(checkShape<{ url: string }>(await readJson(r), { url: "string" }).url),
        ok
      ),
      DELETE: async (r) => (
        fake.webhooks.unregister(checkShape<{ url: string }>(await readJson(r), { url: "string" }).url),
        ok
      ),
    },
    "/webhooks/delivery": {
      PUT: async (r) => (fake.webhooks.configure((await readJson(r)) as WebhookDeliveryOptions), ok),
    },
    "/deliveries": { GET: async (_r, url) => page(fake.webhooks.deliveries, url) },
    "/deliveries/settled": {
      POST: async (r) => {
        const { timeoutMs = 30_000 } = checkShape<{ timeoutMs?: number }>(await readJson(r), {
          "timeoutMs?": "number",
        });
        if (!(timeoutMs >= 0 && timeoutMs <= 120_000))
          throw new AdminInputError("timeoutMs must be from 0 to 120000");
        const settled = await fake.webhooks.settled({ timeoutMs }).then(
          () => true,
          () => false,
        );
        return settled
          ? ok
          : answer(504, { error: "timeout", message: `deliveries still pending after ${timeoutMs} ms` });
      },
    },
    ...oauthRoutes(fake),
  };

  return async (request) => {
    const url = new URL(request.url);
    if (url.pathname !== ADMIN_PREFIX && !url.pathname.startsWith(`${ADMIN_PREFIX}/`)) return undefined;
    const path = url.pathname.slice(ADMIN_PREFIX.length);
    const route = Object.hasOwn(routes, path) ? routes[path]! : undefined;
    if (!route) return answer(404, { error: "not_found", message: `no admin route ${path || "/"}` });
    const handler = Object.hasOwn(route, request.method) ? route[request.method] : undefined;
    if (!handler)
      return answer(405, {
        error: "method_not_allowed",
        message: `${path} takes ${Object.keys(route).join(", ")}`,
      });
    try {
      const result = await handler(request, url);
      return result instanceof Response ? result : answer(200, result);
    } catch (error) {
      if (error instanceof AdminInputError || error instanceof ConfigurationError)
        return answer(400, { error: "bad_request", message: error.message });
      return answer(500, { error: "internal", message: "the fake failed to handle this request" });
    }
  };
}
