/**
 * The fake's admin API, under `/__fake/` on the fake's own server: what a test stages in process,
 * for tests whose workers run in other processes. JSON in and out; bad input is a 400 naming it.
 */
import { ConfigurationError } from "../../errors.js";
import type { Fault } from "../faults.js";
import type { FakeInstallation } from "../oauth/index.js";
import type { ComposedFake } from "../create.js";
import type { SimulateCallOptions } from "../calls/simulate-call.js";
import type { WebhookDelivery, WebhookDeliveryOptions } from "../webhooks/types.js";
import { AdminInputError, checkShape, queryInt, readJson } from "./admin-input.js";

export const ADMIN_PREFIX = "/__fake";
const PAGE = 1_000;

type Handler = (request: Request, url: URL) => Promise<unknown>;
const ok = { ok: true };
const answer = (status: number, body: unknown) => Response.json(body, { status });

/** Items `from` on, at most 1,000, with the total: the journal and the deliveries grow without end. */
function page<T>(list: readonly T[], url: URL) {
  const from = queryInt(url, "from", 0, 1e9);
  return { total: list.length, from, items: list.slice(from, from + PAGE) };
}

/** Waits for deliveries at most `wait` ms (`?wait=`), then answers with them as they are. */
async function within(
  wait: number,
  delivered: Promise<readonly WebhookDelivery[]>,
  now: () => WebhookDelivery[],
) {
  if (wait === 0) return now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), wait)));
  const done = await Promise.race([delivered, late]).finally(() => clearTimeout(timer));
  return done ?? now();
}

export function createAdmin(
  fake: ComposedFake,
  locationIds: readonly string[],
): (request: Request) => Promise<Response | undefined> {
  const oauth = () => {
    if (!fake.oauth) throw new AdminInputError("the fake runs without oauth");
    return fake.oauth;
  };
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
    "/oauth/code": {
      POST: async (r) => {
        const shape = {
          userType: "string",
          "locationId?": "string",
          "companyId?": "string",
          "userId?": "string",
          "scope?": "string",
          "approvedLocations?": "string[]",
          "isBulkInstallation?": "boolean",
          "installToFutureLocations?": "boolean",
          "approveAllLocations?": "boolean",
        } as const;
        const install = checkShape<FakeInstallation>(await readJson(r), shape);
        if (install.userType !== "Location" && install.userType !== "Company")
          throw new AdminInputError('userType must be "Location" or "Company"');
        return { code: oauth().issueCode(install) };
      },
    },
    "/oauth/revoke-access": {
      POST: async (r) => (
        oauth().revokeAccessTokens(
          checkShape<{ installation?: string }>(await readJson(r), { "installation?": "string" })
            .installation,
        ),
        ok
      ),
    },
    "/oauth/revoke-refresh": {
      POST: async (r) => (
        oauth().revokeRefreshTokens(
          checkShape<{ installation: string }>(await readJson(r), { installation: "string" }).installation,
        ),
        ok
      ),
    },
    "/oauth/uninstall": {
      POST: async (r, url) => {
        const wait = queryInt(url, "wait", 0, 120_000);
        oauth();
        const target = checkShape<{ locationId?: string; companyId?: string }>(await readJson(r), {
          "locationId?": "string",
          "companyId?": "string",
        });
        const { payload, delivered } = fake.uninstall!(target as { locationId: string });
        return { payload, deliveries: await within(wait, delivered, () => []) };
      },
    },
    "/oauth/stats": { GET: async () => oauth().stats },
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
