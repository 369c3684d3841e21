/** What INSTALL and UNINSTALL events do to the stored installations. */
import type { CompanyIndex } from "./company-index.js";
import type { LocationIndex } from "./location-index.js";
import { keyFor, parseRecord, serialize, checkId, type InstallationRecord } from "./records.js";
import type { TokenManager } from "./token-manager.js";
import type { TokenStore } from "./token-store.js";
import { eventName, type WebhookEvent } from "../webhooks/events.js";
import type { WebhookOutcome } from "../webhooks/outcome.js";

export async function applyWebhook(
  event: WebhookEvent,
  store: TokenStore,
  tokens: TokenManager,
  { companies, locations }: { companies: CompanyIndex; locations: LocationIndex },
): Promise<WebhookOutcome> {
  const read = async (key: string) => parseRecord(await store.get(key));
  if (event.type === "INSTALL") {
    if (event.locationId === undefined) {
      return { action: "ignored", reason: "an agency-level install: its tokens come from exchangeCode" };
    }
    const locationId = checkId("locationId", event.locationId);
    const key = keyFor("Location", locationId);
    const existing = await read(key);
    const companyId = event.companyId ?? existing?.companyId;
    const ownTokens = existing?.refreshToken && !existing.mintedFromCompany;
    const mintedHere =
      existing?.accessToken && existing.mintedFromCompany && existing.companyId === companyId;
    if ((ownTokens || mintedHere) && !existing?.revoked) return { action: "kept", locationId };
    if (companyId === undefined) {
      return { action: "ignored", reason: "the event names no company to mint the Location's token from" };
    }
    checkId("companyId", companyId);
    const placeholder: InstallationRecord = {
      v: 1,
      userType: "Location",
      locationId,
      companyId,
      userId: event.userId ?? existing?.userId,
      planId: event.planId ?? existing?.planId,
      mintedFromCompany: true,
    };
    await store.set(key, serialize(placeholder));
    await locations.add([locationId]);
    const company = await read(keyFor("Company", companyId));
    if (!company?.refreshToken || company.revoked) return { action: "recorded", locationId, companyId };
    try {
      await tokens.tokenFor("Location", locationId, undefined);
    } catch (error) {
      return { action: "recorded", locationId, companyId, mintError: (error as Error)?.name ?? "Error" };
    }
    return { action: "minted", locationId, companyId };
  }
  if (event.type === "UNINSTALL") {
    if (event.locationId !== undefined) {
      const locationId = checkId("locationId", event.locationId);
      await store.delete(keyFor("Location", locationId));
      await locations.remove([locationId]);
      return { action: "deleted", locationId, companyId: event.companyId, count: 1 };
    }
    if (event.companyId === undefined)
      return { action: "ignored", reason: "the event names no Location or company" };
    const companyId = checkId("companyId", event.companyId);
    const company = await read(keyFor("Company", companyId));
    const gone: string[] = [];
    // The Location tokens minted from this agency's install go with it.
    for (const locationId of company?.approvedLocations ?? []) {
      const key = keyFor("Location", locationId);
      const record = await read(key);
      if (record?.mintedFromCompany && record.companyId === companyId) {
        await store.delete(key);
        gone.push(locationId);
      }
    }
    await locations.remove(gone);
    await store.delete(keyFor("Company", companyId));
    await companies.remove(companyId);
    return { action: "deleted", locationId: undefined, companyId, count: gone.length + 1 };
  }
  return { action: "ignored", reason: `no action for ${eventName(event)} events` };
}
