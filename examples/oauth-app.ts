/**
 * A complete small HighLevel Marketplace app on node:http, no framework:
 *
 *   GET  /install               sends the agency admin to HighLevel's consent page (step 1)
 *   GET  /oauth/callback        checks `state`, exchanges the code, stores the install (step 2)
 *   POST /webhooks              verifies INSTALL / UNINSTALL and updates the store
 *   GET  /agents?locationId=…   a Voice AI call for an installed Location (step 3)
 *
 * Environment: HIGHLEVEL_CLIENT_ID, HIGHLEVEL_CLIENT_SECRET, HIGHLEVEL_WEBHOOK_PUBLIC_KEY (from the
 * Marketplace), TOKEN_ENCRYPTION_KEY (32+ characters), PUBLIC_URL (where HighLevel reaches this
 * app, e.g. https://myapp.example.com), PORT (default 3000); HIGHLEVEL_API_URL only to point it at
 * a fake of the API (test/oauth.example.test.ts runs it against one).
 *
 *   node --import tsx examples/oauth-app.ts
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { VoiceAIError, createVoiceAIClient } from "highlevel-voice-ai";
import {
  OAuthStateError,
  ReauthorizationRequiredError,
  createFileTokenStore,
  createOAuth,
  createWebhookHandler,
  toNodeHandler,
} from "highlevel-voice-ai/oauth";

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`Set ${name}`);
  return value;
};
const publicUrl = env("PUBLIC_URL").replace(/\/$/, "");
const baseUrl = process.env.HIGHLEVEL_API_URL; // default: HighLevel's API

const oauth = createOAuth({
  clientId: env("HIGHLEVEL_CLIENT_ID"),
  clientSecret: env("HIGHLEVEL_CLIENT_SECRET"),
  redirectUri: `${publicUrl}/oauth/callback`,
  baseUrl,
  // Tokens survive restarts and are shared by every process of this machine, encrypted at rest.
  store: createFileTokenStore("./.highlevel-tokens.json", { encryptionKey: env("TOKEN_ENCRYPTION_KEY") }),
});

const webhooks = toNodeHandler(
  createWebhookHandler({
    oauth,
    publicKey: env("HIGHLEVEL_WEBHOOK_PUBLIC_KEY"),
    appId: oauth.appId,
    onEvent: (event, outcome) => console.log(`webhook ${event.type}: ${outcome?.action ?? "no action"}`),
  }),
);

/**
 * Step 3: one client for every installed location: each call asks `oauth` for the token of the
 * location it names, and a 401 makes the client invalidate that token and try once more.
 */
const voiceAI = createVoiceAIClient({ baseUrl, token: oauth });

async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", publicUrl);
  const send = (status: number, body: string, headers: Record<string, string> = {}) => {
    res.writeHead(status, { "content-type": "text/plain; charset=utf-8", ...headers });
    res.end(body);
  };

  if (req.method === "POST" && url.pathname === "/webhooks") return webhooks(req, res);

  if (req.method === "GET" && url.pathname === "/install") {
    const state = await oauth.issueState();
    const location = oauth.authorizeUrl({
      scopes: ["voice-ai-agents.readonly", "voice-ai-agents.write", "oauth.readonly", "oauth.write"],
      state,
    });
    // The same state in a cookie: the callback must come back to the browser that started here.
    const cookie = `hl_state=${state}; HttpOnly; Secure; SameSite=Lax; Path=/oauth; Max-Age=600`;
    return send(302, "", { location, "set-cookie": cookie });
  }

  if (req.method === "GET" && url.pathname === "/oauth/callback") {
    const expected = /(?:^|;\s*)hl_state=([^;]+)/.exec(req.headers.cookie ?? "")?.[1];
    try {
      await oauth.verifyState(url.searchParams.get("state"), { expected });
      const installation = await oauth.exchangeCode(url.searchParams.get("code") ?? "");
      const who = installation.locationId ?? `agency ${installation.companyId}`;
      return send(200, `Installed for ${who} (${installation.scopes.length} scopes).`);
    } catch (error) {
      if (error instanceof OAuthStateError)
        return send(400, "This sign-in link is stale: start again at /install.");
      throw error;
    }
  }

  if (req.method === "GET" && url.pathname === "/agents") {
    const locationId = url.searchParams.get("locationId") ?? "";
    try {
      const page = await voiceAI.agents.list({ locationId, pageSize: 10 });
      return send(200, JSON.stringify(page.agents.map((a) => ({ id: a.id, name: a.agentName }))));
    } catch (error) {
      if (error instanceof ReauthorizationRequiredError)
        return send(403, `${error.message}: reinstall the app.`);
      if (error instanceof VoiceAIError) return send(502, `HighLevel call failed: ${error.name}`);
      throw error;
    }
  }

  return send(404, "Not found");
}

const server = createServer((req, res) => {
  route(req, res).catch((error: unknown) => {
    // Errors of this package carry no secret, but nothing internal goes to the browser anyway.
    console.error(error);
    if (!res.headersSent) res.writeHead(500);
    res.end();
  });
});
server.listen(Number(process.env.PORT ?? 3000), () => console.log(`OAuth app on ${publicUrl}`));
