/**
 * Which Locations have the app, with which scopes, and what an uninstall changes: the installation,
 * its tokens (access answer 401, refresh `invalid_grant`), the agency's approved and installed lists
 * (so no Location token is minted for it any more). Returns the UNINSTALL payload HighLevel would send.
 */
import { ConfigurationError } from "../../errors/index.js";
import type { FakeState } from "./state.js";

export const DEFAULT_SCOPE = "voice-ai-agents.readonly voice-ai-agents.write";

export type UninstallTarget =
  { locationId: string; companyId?: undefined } | { companyId: string; locationId?: undefined };

export interface UninstallPayload {
  type: "UNINSTALL";
  appId: string;
  locationId?: string;
  companyId?: string;
}

/** The scopes the app holds on a Location, or undefined where it is not installed. */
export function installedScopes(state: FakeState, locationId: string): string[] | undefined {
  const own = state.installations.get(`Location:${locationId}`);
  const companyOf = (id: string | undefined) => (id ? state.installations.get(`Company:${id}`) : undefined);
  let scope: string | undefined;
  if (own) scope = own.scope ?? companyOf(own.companyId)?.scope ?? DEFAULT_SCOPE;
  else {
    for (const [key, install] of state.installations) {
      if (!key.startsWith("Company:")) continue;
      const listed = state.locations
        .get(install.companyId ?? "")
        ?.some((l) => l._id === locationId && l.isInstalled);
      if (install.approvedLocations?.includes(locationId) || listed) scope = install.scope ?? DEFAULT_SCOPE;
    }
  }
  return scope?.split(/\s+/).filter(Boolean);
}

export function uninstall(state: FakeState, appId: string, target: UninstallTarget): UninstallPayload {
  const { locationId, companyId } = (target ?? {}) as { locationId?: unknown; companyId?: unknown };
  if ((typeof locationId === "string") === (typeof companyId === "string"))
    throw new ConfigurationError("uninstall: give either { locationId } or { companyId }");
  if (typeof locationId === "string") {
    if (!installedScopes(state, locationId))
      throw new ConfigurationError(
        `uninstall: the app is not installed on location ${JSON.stringify(locationId)}`,
      );
    removeLocation(state, locationId);
    return { type: "UNINSTALL", appId, locationId };
  }
  const company = companyId as string;
  if (
    !state.installations.has(`Company:${company}`) &&
    ![...state.installations.values()].some((i) => i.companyId === company)
  )
    throw new ConfigurationError(`uninstall: the app is not installed on agency ${JSON.stringify(company)}`);
  forget(state, `Company:${company}`);
  for (const install of [...state.installations.values()])
    if (install.userType === "Location" && install.companyId === company)
      removeLocation(state, install.locationId!);
  for (const listed of state.locations.get(company) ?? []) listed.isInstalled = false;
  return { type: "UNINSTALL", appId, companyId: company };
}

function removeLocation(state: FakeState, locationId: string) {
  forget(state, `Location:${locationId}`);
  for (const install of state.installations.values())
    if (install.approvedLocations)
      install.approvedLocations = install.approvedLocations.filter((id) => id !== locationId);
  for (const list of state.locations.values())
    for (const listed of list) if (listed._id === locationId) listed.isInstalled = false;
}

/** The installation and every token it was given. */
function forget(state: FakeState, key: string) {
  state.installations.delete(key);
  for (const [token, entry] of state.refresh) if (entry.key === key) state.refresh.delete(token);
  for (const grant of state.access.values()) if (grant.key === key) grant.revoked = true;
}
