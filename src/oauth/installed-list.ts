/**
 * `oauth.locations()`: every Location the app holds an installation for — those the store holds
 * (own installs, and those an agency install approved or an INSTALL webhook announced), then,
 * through `GET /oauth/installedLocations`, those the agency installs report as installed (an
 * agency that approved all its Locations, or future ones). Each once, lazily.
 */
import type { CompanyIndex } from "./company-index.js";
import { ReauthorizationRequiredError } from "./errors.js";
import type { InstalledLocationsApi } from "./installed-locations.js";
import type { LocationIndex } from "./location-index.js";
import { keyFor, parseRecord } from "./records.js";
import type { TokenStore } from "./token-store.js";

export interface ListLocationsOptions {
  /** Also ask each agency install which Locations have the app installed (default true). */
  agencies?: boolean | undefined;
  signal?: AbortSignal | undefined;
}

export interface ListLocationsDeps {
  store: TokenStore;
  locations: LocationIndex;
  companies: CompanyIndex;
  installedLocations: InstalledLocationsApi;
}

export async function* listLocations(
  deps: ListLocationsDeps,
  options: ListLocationsOptions = {},
): AsyncIterableIterator<string> {
  const { signal } = options;
  const seen = new Set<string>();
  for (const id of await deps.locations.list()) {
    signal?.throwIfAborted();
    // Uninstalled meanwhile (the record went with it): not listed. Revoked ones are: a call then
    // fails with ReauthorizationRequiredError, which tells why.
    if (!parseRecord(await deps.store.get(keyFor("Location", id)))) continue;
    seen.add(id);
    yield id;
  }
  if (options.agencies === false) return;
  for (const companyId of await deps.companies.list()) {
    const company = parseRecord(await deps.store.get(keyFor("Company", companyId)));
    if (!company?.refreshToken || company.revoked) continue;
    try {
      for await (const location of deps.installedLocations.listAll({
        companyId,
        isInstalled: true,
        signal,
      })) {
        if (location.isInstalled === false || seen.has(location._id)) continue;
        seen.add(location._id);
        yield location._id;
      }
    } catch (error) {
      // An agency install that can no longer get a token lists nothing; the others go on.
      if (!(error instanceof ReauthorizationRequiredError)) throw error;
    }
  }
}
