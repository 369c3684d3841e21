/**
 * Credentials the way operators hold them, read from flags and the environment:
 *   --token / GHL_TOKEN                    a Private Integration Token (or any access token)
 *   --token-store / GHL_TOKEN_STORE        the file an OAuth app's `createFileTokenStore` writes,
 *     GHL_TOKEN_STORE_KEY                  its encryption key, when it is encrypted
 *     --client-id / GHL_CLIENT_ID,
 *     GHL_CLIENT_SECRET                    the app's credentials: with them an expired token is
 *                                          refreshed (and written back); without, the stored access
 *                                          token is used while it is valid.
 * Secrets come from the environment only (a flag shows in `ps`), except --token, which the issue
 * asks for; each is registered with `secrets` so nothing printed can hold it.
 */
import path from "node:path";
// The library through its entry points (dist/cli.mjs imports them from the package itself),
// except two small helpers of /oauth's store format, bundled.
import { VoiceAIError, type TokenContext, type TokenSource } from "../index.js";
import {
  createFileTokenStore,
  createOAuth,
  ReauthorizationRequiredError,
  type TokenStore,
} from "../oauth/index.js";
import { createLocationIndex } from "../oauth/location-index.js";
import { keyFor, parseRecord } from "../oauth/records.js";
import { stringFlag, type FlagValues } from "./args.js";
import { CliError, ExitCode } from "./exit-codes.js";
import type { Secrets } from "./secrets.js";

/** The stored credentials cannot be used as they are (expired, none for the location). */
export class CredentialsError extends VoiceAIError {
  static override readonly brand: string = "CredentialsError";
}

export interface Credentials {
  token: TokenSource;
  /** The OAuth token store, when the credentials come from one. */
  store: TokenStore | undefined;
  /** What the credentials are, for messages: "GHL_TOKEN", "token store tokens.json". */
  source: string;
  /** Every location the token store holds an installation for (only with a store). */
  installedLocations: (() => Promise<string[]>) | undefined;
}

/** A stored access token this close to its expiry is not used without a refresh. */
const EXPIRY_MARGIN_MS = 60_000;

export function readCredentials(
  flags: FlagValues,
  env: Readonly<Record<string, string | undefined>>,
  secrets: Secrets,
  where: { baseUrl: string | undefined; cwd: string },
): Credentials {
  const { baseUrl } = where;
  const nonEmpty = (value: string | undefined) => (value === "" ? undefined : value);
  const token = stringFlag(flags, "token") ?? nonEmpty(env.GHL_TOKEN);
  const storeFile = stringFlag(flags, "token-store") ?? nonEmpty(env.GHL_TOKEN_STORE);
  const key = nonEmpty(env.GHL_TOKEN_STORE_KEY);
  const clientId = stringFlag(flags, "client-id") ?? nonEmpty(env.GHL_CLIENT_ID);
  const clientSecret = nonEmpty(env.GHL_CLIENT_SECRET);
  for (const secret of [token, key, clientSecret]) secrets.add(secret);

  if (token !== undefined && storeFile !== undefined)
    throw new CliError(
      "both a token (--token or GHL_TOKEN) and a token store (--token-store or GHL_TOKEN_STORE) are given: use one",
      ExitCode.usage,
    );
  if (token !== undefined)
    return {
      token,
      store: undefined,
      source: flags.token ? "--token" : "GHL_TOKEN",
      installedLocations: undefined,
    };
  if (storeFile === undefined)
    throw new CliError(
      "no credentials: set GHL_TOKEN (a Private Integration Token) or give --token-store FILE (an OAuth app's token store)",
      ExitCode.auth,
      "see `highlevel-voice-ai --help` (Credentials and location)",
    );
  let store: TokenStore;
  try {
    const file = path.resolve(where.cwd, storeFile);
    store = createFileTokenStore(file, key === undefined ? {} : { encryptionKey: key });
  } catch (error) {
    throw new CliError(`--token-store: ${(error as Error).message}`, ExitCode.usage);
  }
  const source = `token store ${storeFile}`;
  if ((clientId === undefined) !== (clientSecret === undefined))
    throw new CliError(
      clientId === undefined
        ? "GHL_CLIENT_SECRET is set but not the client id: set GHL_CLIENT_ID or --client-id too"
        : "a client id is given but GHL_CLIENT_SECRET is not set: set both to refresh tokens, or neither",
      ExitCode.usage,
    );
  if (clientId !== undefined && clientSecret !== undefined) {
    const oauth = createOAuth({
      clientId,
      clientSecret,
      // Required by createOAuth for the consent flow, which the CLI never runs: never sent.
      redirectUri: "http://127.0.0.1/unused",
      store,
      ...(baseUrl !== undefined && { baseUrl }),
    });
    // With the app's credentials, agency installs also report the Locations they cover.
    const installedLocations = () => collect(oauth.locations());
    return { token: oauth, store, source, installedLocations };
  }
  return { token: storedTokens(store), store, source, installedLocations: () => storedLocations(store) };
}

async function collect(ids: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const id of ids) out.push(id);
  return out;
}

/** The Locations of the store's index that still have an installation record. */
async function storedLocations(store: TokenStore): Promise<string[]> {
  const index = createLocationIndex(store);
  const out: string[] = [];
  for (const id of await index.list()) if (parseRecord(await store.get(keyFor("Location", id)))) out.push(id);
  return out;
}

/** Without the app's credentials: the stored access token of the location, while it is valid. */
function storedTokens(store: TokenStore) {
  return {
    async getToken(ctx: TokenContext): Promise<string> {
      const locationId = ctx.locationId;
      if (locationId === undefined)
        throw new CredentialsError("a location is needed to pick its token from the store");
      const record = parseRecord(await store.get(keyFor("Location", locationId)));
      if (!record) throw new ReauthorizationRequiredError("not_installed", { locationId });
      if (record.revoked) throw new ReauthorizationRequiredError(record.revoked, { locationId });
      if (!record.accessToken || (record.expiresAt ?? 0) - EXPIRY_MARGIN_MS <= Date.now())
        throw new CredentialsError(
          `the stored access token of location ${locationId} has expired: set GHL_CLIENT_ID and GHL_CLIENT_SECRET so that it can be refreshed`,
        );
      return record.accessToken;
    },
  };
}
