/**
 * Which agency install covers a Location that has no record of its own (added to the agency after
 * the install, or never announced): the indexed agency installs are asked, through
 * `GET /oauth/installedLocations`, whether the app is installed there. Bounded and cached.
 */
import { ReauthorizationRequiredError } from "./errors.js";
import type { CompanyIndex } from "./company-index.js";
import type { InstalledLocationsApi } from "./installed-locations.js";
import { keyFor, parseRecord, type InstallationRecord } from "./records.js";
import type { TokenStore } from "./token-store.js";

/** Most agency installs asked about one Location: those that approved it first, then the newest. */
export const MAX_ASKED = 25;
/** A Location no agency covers is not asked about again for this long. */
const MISS_TTL_MS = 60_000;
const MAX_MISSES = 1_000;

export interface CoverageConfig {
  store: TokenStore;
  companies: CompanyIndex;
  installedLocations: InstalledLocationsApi;
  now: () => number;
}

export interface Coverage {
  /** The companyId of an agency install on which the app is installed for `locationId`, if any. */
  find(locationId: string): Promise<{ companyId: string | undefined; asked: number; indexed: number }>;
}

export function createCoverage(config: CoverageConfig): Coverage {
  const { store, companies, installedLocations, now } = config;
  /** locationId → until when "no agency covers it" holds; oldest first. */
  const misses = new Map<string, number>();

  async function installedThere(companyId: string, locationId: string): Promise<boolean> {
    try {
      const page = await installedLocations({ companyId, locationId, isInstalled: true, limit: 10 });
      return (page.locations ?? []).some((l) => l._id === locationId && l.isInstalled !== false);
    } catch (error) {
      // An agency install that cannot get a token is no candidate; any other failure is the caller's.
      if (error instanceof ReauthorizationRequiredError) return false;
      throw error;
    }
  }

  return {
    async find(locationId) {
      const until = misses.get(locationId);
      if (until !== undefined && until > now()) return { companyId: undefined, asked: 0, indexed: 0 };
      misses.delete(locationId);
      const ids = await companies.list();
      const records: InstallationRecord[] = [];
      for (const id of ids.slice(-MAX_ASKED * 4).reverse()) {
        const record = parseRecord(await store.get(keyFor("Company", id)));
        if (record?.refreshToken && !record.revoked) records.push(record);
      }
      const approving = (r: InstallationRecord) => r.approvedLocations?.includes(locationId) === true;
      const candidates = [...records.filter(approving), ...records.filter((r) => !approving(r))];
      let asked = 0;
      for (const record of candidates.slice(0, MAX_ASKED)) {
        asked++;
        if (await installedThere(record.companyId!, locationId)) {
          return { companyId: record.companyId!, asked, indexed: ids.length };
        }
      }
      misses.set(locationId, now() + MISS_TTL_MS);
      if (misses.size > MAX_MISSES) misses.delete(misses.keys().next().value!);
      return { companyId: undefined, asked, indexed: ids.length };
    },
  };
}
