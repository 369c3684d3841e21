/** `GET /oauth/installedLocations`: one page, or every Location across pages. */
import { InvalidRequestError } from "../errors/index.js";
import type { InstalledLocationsPage, OAuthHttp } from "./http.js";
import { checkId } from "./records.js";

export interface InstalledLocationsParams {
  companyId: string;
  /** Only where the app is installed (true) or not (false). */
  isInstalled?: boolean | undefined;
  /** Search by Location name. */
  query?: string | undefined;
  versionId?: string | undefined;
  onTrial?: boolean | undefined;
  planId?: string | undefined;
  locationId?: string | undefined;
  /** Offset (default 0). */
  skip?: number | undefined;
  /** Page size (default 20; listAll uses 100). */
  limit?: number | undefined;
  signal?: AbortSignal | undefined;
}

export type InstalledLocation = NonNullable<InstalledLocationsPage["locations"]>[number];

export interface InstalledLocationsApi {
  (params: InstalledLocationsParams): Promise<InstalledLocationsPage>;
  /** Every Location, page after page (lazily); each Location once. */
  listAll(params: Omit<InstalledLocationsParams, "skip">): AsyncIterable<InstalledLocation>;
}

const MAX_PAGES = 10_000;

export function installedLocationsApi(
  http: OAuthHttp,
  appId: string,
  companyToken: (companyId: string, signal: AbortSignal | undefined) => Promise<string>,
): InstalledLocationsApi {
  async function page(params: InstalledLocationsParams): Promise<InstalledLocationsPage> {
    if (!params || typeof params !== "object")
      throw new InvalidRequestError("installedLocations needs { companyId }");
    const { companyId, signal, skip = 0, limit = 20 } = params;
    checkId("companyId", companyId);
    if (!Number.isSafeInteger(skip) || skip < 0)
      throw new InvalidRequestError("skip must be an integer >= 0");
    if (!Number.isSafeInteger(limit) || limit < 1 || limit > 1000) {
      throw new InvalidRequestError("limit must be an integer from 1 to 1000");
    }
    for (const name of ["isInstalled", "onTrial"] as const) {
      if (params[name] !== undefined && typeof params[name] !== "boolean") {
        throw new InvalidRequestError(`${name} must be a boolean`);
      }
    }
    for (const name of ["versionId", "planId", "locationId"] as const) {
      if (params[name] !== undefined) checkId(name, params[name]);
    }
    if (params.query !== undefined && (typeof params.query !== "string" || params.query.length > 200)) {
      throw new InvalidRequestError("query must be a string of at most 200 characters");
    }
    const query = {
      companyId,
      appId,
      skip: String(skip),
      limit: String(limit),
      ...(params.isInstalled !== undefined && { isInstalled: params.isInstalled }),
      ...(params.onTrial !== undefined && { onTrial: params.onTrial }),
      ...(params.query !== undefined && { query: params.query }),
      ...(params.versionId !== undefined && { versionId: params.versionId }),
      ...(params.planId !== undefined && { planId: params.planId }),
      ...(params.locationId !== undefined && { locationId: params.locationId }),
    };
    return http.installedLocations(await companyToken(companyId, signal), query, signal);
  }

  async function* listAll(params: Omit<InstalledLocationsParams, "skip">): AsyncIterable<InstalledLocation> {
    const limit = params?.limit ?? 100;
    const seen = new Set<string>();
    for (let n = 0, skip = 0; n < MAX_PAGES; n++, skip += limit) {
      const { locations = [] } = await page({ ...params, skip, limit });
      for (const location of locations) {
        if (seen.has(location._id)) continue; // moved across a page boundary while listing
        seen.add(location._id);
        yield location;
      }
      // `count` may ignore the filters, so a short page is the end.
      if (locations.length < limit) return;
    }
  }

  return Object.assign(page, { listAll });
}
