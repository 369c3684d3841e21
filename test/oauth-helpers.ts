/** Shared set-up of the OAuth tests: a fake OAuth server, a clock, and a createOAuth pointed at both. */
import { afterEach } from "vitest";
import { createOAuth, type OAuth, type OAuthOptions } from "../src/oauth/index.js";
import type { TokenContext } from "../src/pipeline/token-provider.js";
import { createFakeOAuth, type FakeOAuthOptions, type FakeOAuthServer } from "../src/testing/oauth/index.js";

export const REDIRECT = "https://app.example.com/oauth/callback";
const servers: FakeOAuthServer[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

export const ctx = (locationId: string | undefined, signal?: AbortSignal): TokenContext => ({
  locationId,
  operationId: "getAgent",
  signal,
});

/** A manual clock shared by the fake and the client: tests move time instead of waiting. */
export function manualClock(start = Date.UTC(2026, 0, 1)) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

export interface Setup {
  fake: FakeOAuthServer;
  oauth: OAuth;
  /** Every request createOAuth sent, as "METHOD /path". */
  sent: string[];
  /** Every token the fake handed out (access and refresh), for the secret checks. */
  secrets: string[];
}

export async function setup(
  fakeOptions: FakeOAuthOptions = {},
  oauthOptions: Partial<OAuthOptions> = {},
): Promise<Setup> {
  const fake = await createFakeOAuth(fakeOptions);
  servers.push(fake);
  const sent: string[] = [];
  const secrets: string[] = [fake.clientSecret];
  const oauth = createOAuth({
    clientId: fake.clientId,
    clientSecret: fake.clientSecret,
    redirectUri: REDIRECT,
    baseUrl: fake.url,
    ...(fakeOptions.now && { now: fakeOptions.now }),
    async fetch(request) {
      const url = new URL(request.url);
      sent.push(`${request.method} ${url.pathname}`);
      const response = await fetch(request);
      const text = await response.clone().text();
      for (const match of text.matchAll(/"(?:access_token|refresh_token)":"([^"]+)"/g))
        secrets.push(match[1]!);
      return response;
    },
    ...oauthOptions,
  });
  return { fake, oauth, sent, secrets };
}
