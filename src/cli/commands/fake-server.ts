/**
 * The fake behind `highlevel-voice-ai fake`: `startFakeServer` of highlevel-voice-ai/testing (the
 * API, its OAuth endpoints and the admin API under /__fake/ on one port of 127.0.0.1). What it
 * prints is the admin API's /info; with a token store, each location is installed through the
 * admin API's codes and /oauth's own code exchange, as an app's callback would.
 */
import path from "node:path";
import { rm } from "node:fs/promises";
import { createFileTokenStore, createOAuth } from "../../oauth/index.js";
import { CliError, ExitCode } from "../exit-codes.js";

export interface FakeServerOptions {
  port: number;
  locations: string[];
  callLogs: number;
  agents: number;
  seed: string;
  rateLimit: boolean;
  oauth: boolean;
  webhooks: string[];
  tokenStore: string | undefined;
  cwd: string;
}

export interface FakeServerInfo {
  url: string;
  locations: { id: string; token: string }[];
  webhookPublicKey?: string;
  oauth?: { clientId: string; clientSecret: string; appId?: string; tokenStore?: string };
  /** The admin API: reset, fail-next, journal, calls (simulated, with their webhooks), oauth. */
  admin: string;
}

const SCOPES =
  "voice-ai-agents.readonly voice-ai-agents.write voice-ai-agent-goals.readonly voice-ai-agent-goals.write voice-ai-dashboard.readonly";

export async function startFakeServer(options: FakeServerOptions) {
  // Loaded only by this command: the fake is most of /testing, which no other command needs.
  const { startFakeServer: serve } = await import("../../testing/index.js");
  let server: Awaited<ReturnType<typeof serve>>;
  try {
    server = await serve({
      port: options.port,
      locations: options.locations,
      callLogs: options.callLogs,
      agents: options.agents,
      seed: options.seed,
      oauth: options.oauth,
      ...(!options.rateLimit && { rateLimit: false }),
      ...(options.webhooks.length > 0 && { webhooks: { urls: options.webhooks } }),
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE" || code === "EACCES")
      throw new CliError(
        `--port ${options.port}: ${code === "EADDRINUSE" ? "in use" : "not allowed"}`,
        ExitCode.failure,
      );
    throw error;
  }
  try {
    const admin = `${server.url}/__fake`;
    const info = {
      ...((await (await fetch(`${admin}/info`)).json()) as Omit<FakeServerInfo, "admin">),
      admin,
    };
    if (info.oauth && options.tokenStore !== undefined) {
      const file = path.resolve(options.cwd, options.tokenStore);
      await installEverywhere(info, file);
      info.oauth.tokenStore = file;
    }
    return { info, close: () => server.close() };
  } catch (error) {
    await server.close();
    throw error;
  }
}

/** An installation per location in a new token store file, written by /oauth as an app's would. */
async function installEverywhere(info: FakeServerInfo, file: string): Promise<void> {
  await rm(file, { force: true });
  const oauth = createOAuth({
    clientId: info.oauth!.clientId,
    clientSecret: info.oauth!.clientSecret,
    redirectUri: "http://127.0.0.1/callback",
    baseUrl: info.url,
    store: createFileTokenStore(file),
  });
  for (const { id } of info.locations) {
    const answer = await fetch(`${info.admin}/oauth/code`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ userType: "Location", locationId: id, companyId: "COMPANY1", scope: SCOPES }),
    });
    const { code } = (await answer.json()) as { code: string };
    await oauth.exchangeCode(code);
  }
}
