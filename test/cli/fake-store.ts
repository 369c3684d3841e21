/** A token store file holding an installation per location of a fake, as an OAuth app's callback writes it. */
import { createFileTokenStore, createOAuth } from "../../src/oauth/index.js";
import type { FakeOAuth, FakeVoiceAI } from "../../src/testing/index.js";

export const SCOPES =
  "voice-ai-agents.readonly voice-ai-agents.write voice-ai-agent-goals.readonly voice-ai-agent-goals.write voice-ai-dashboard.readonly";

export async function installInStore(
  fake: FakeVoiceAI & { oauth: FakeOAuth | undefined },
  file: string,
  locationIds: readonly string[],
  options: { encryptionKey?: string; scope?: string } = {},
): Promise<void> {
  const oauth = fake.oauth!;
  const app = createOAuth({
    clientId: oauth.clientId,
    clientSecret: oauth.clientSecret,
    redirectUri: "http://127.0.0.1/callback",
    baseUrl: fake.url,
    store: createFileTokenStore(file, options.encryptionKey ? { encryptionKey: options.encryptionKey } : {}),
  });
  for (const locationId of locationIds)
    await app.exchangeCode(
      oauth.issueCode({
        userType: "Location",
        locationId,
        companyId: "COMPANY1",
        scope: options.scope ?? SCOPES,
      }),
    );
}
