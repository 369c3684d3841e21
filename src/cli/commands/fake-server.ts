/**
 * The fake behind `highlevel-voice-ai fake`. Until the fake's own standalone server lands (branch
 * `fake`: fixed ports, its own printing), this starts `createFakeVoiceAI`, which listens on a
 * free port of 127.0.0.1 only; a fixed --port is refused with a clear line.
 */
import path from "node:path";
import { createOAuth } from "../../oauth/oauth.js";
import { createFileTokenStore } from "../../oauth/file-store.js";
import { createFakeVoiceAI } from "../../testing/index.js";
import { CliError, ExitCode } from "../exit-codes.js";

export interface FakeServerOptions {
  port: number;
  locations: string[];
  callLogs: number;
  rateLimit: boolean;
  agents: number;
  seed: string;
  oauth: boolean;
  tokenStore: string | undefined;
  cwd: string;
}

export interface FakeServerInfo {
  url: string;
  locations: { id: string; token: string }[];
  oauth?: { clientId: string; clientSecret: string; tokenStore?: string };
}

export async function startFakeServer(options: FakeServerOptions) {
  if (options.port !== 0)
    throw new CliError(
      "--port: only 0 (a free port) is supported until the fake's standalone server is merged",
      ExitCode.usage,
    );
  const ids = options.locations;
  const fake = await createFakeVoiceAI({
    locations: ids,
    ...(!options.rateLimit && { rateLimit: false }),
    callLogs: options.callLogs,
    agents: options.agents,
    seed: options.seed,
    oauth: options.oauth,
  });
  const info: FakeServerInfo = {
    url: fake.url,
    locations: ids.map((id) => ({ id, token: fake.tokenFor(id) })),
  };
  try {
    if (fake.oauth) {
      info.oauth = { clientId: fake.oauth.clientId, clientSecret: fake.oauth.clientSecret };
      if (options.tokenStore !== undefined) {
        const file = path.resolve(options.cwd, options.tokenStore);
        await installEverywhere(fake.url, fake.oauth, ids, file);
        info.oauth.tokenStore = file;
      }
    }
  } catch (error) {
    await fake.close();
    throw error;
  }
  return { info, close: () => fake.close() };
}

/** An installation per location, written by the /oauth entry as an app's callback would. */
async function installEverywhere(
  baseUrl: string,
  fakeOAuth: NonNullable<Awaited<ReturnType<typeof createFakeVoiceAI>>["oauth"]>,
  ids: readonly string[],
  file: string,
): Promise<void> {
  const { rm } = await import("node:fs/promises");
  await rm(file, { force: true });
  const oauth = createOAuth({
    clientId: fakeOAuth.clientId,
    clientSecret: fakeOAuth.clientSecret,
    redirectUri: "http://127.0.0.1/callback",
    baseUrl,
    store: createFileTokenStore(file),
  });
  const scope =
    "voice-ai-agents.readonly voice-ai-agents.write voice-ai-agent-goals.readonly voice-ai-agent-goals.write voice-ai-dashboard.readonly";
  for (const locationId of ids) {
    const code = fakeOAuth.issueCode({ userType: "Location", locationId, companyId: "COMPANY1", scope });
    await oauth.exchangeCode(code);
  }
}
