/**
 * examples/oauth-app.ts, run as a real process against the fake OAuth server plus a one-route stand-in
 * for the Voice AI API (it accepts only a valid Location token of the location asked about): the
 * consent redirect, the callback with its state cookie, an INSTALL webhook, and a Voice AI call.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createFakeOAuthHandler } from "../src/testing/oauth/index.js";

const root = path.resolve(import.meta.dirname, "..");
const fake = createFakeOAuthHandler();
let api: Server | undefined;
let app: ChildProcess | undefined;
let dir = "";

afterAll(async () => {
  app?.kill();
  api?.closeAllConnections();
  await new Promise((resolve) => (api ? api.close(resolve) : resolve(undefined)));
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** The fake OAuth endpoints, and GET /voice-ai/agents for a valid token of the location asked about. */
async function startApi(): Promise<string> {
  api = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const request = new Request(url, {
      method: req.method ?? "GET",
      headers: req.headers as Record<string, string>,
      ...(req.method === "POST" && { body: Buffer.concat(chunks) }),
    });
    let response = await fake.handle(request);
    if (!response && url.pathname === "/voice-ai/agents") {
      const who = fake.authorize(req.headers.authorization);
      const locationId = url.searchParams.get("locationId");
      response =
        who?.locationId && who.locationId === locationId
          ? Response.json({
              agents: [{ id: "a1", agentName: `Front desk ${locationId}` }],
              total: 1,
              page: 1,
              pageSize: 10,
            })
          : Response.json({ statusCode: 401, message: "Invalid token" }, { status: 401 });
    }
    response ??= new Response("not found", { status: 404 });
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => api!.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe("examples/oauth-app.ts", { timeout: 60_000 }, () => {
  it("installs through consent, callback and webhook, then calls Voice AI for each location", async () => {
    const apiUrl = await startApi();
    dir = await mkdtemp(path.join(os.tmpdir(), "oauth-app-"));
    const port = await freePort();
    const publicUrl = `http://127.0.0.1:${port}`;
    app = spawn(
      process.execPath,
      ["--import", import.meta.resolve("tsx"), path.join(root, "examples/oauth-app.ts")],
      {
        cwd: dir,
        env: {
          ...process.env,
          HIGHLEVEL_CLIENT_ID: fake.clientId,
          HIGHLEVEL_CLIENT_SECRET: fake.clientSecret,
          HIGHLEVEL_WEBHOOK_PUBLIC_KEY: await fake.webhooks.publicKey(),
          TOKEN_ENCRYPTION_KEY: "example-test-encryption-key-0123456789",
          PUBLIC_URL: publicUrl,
          PORT: String(port),
          HIGHLEVEL_API_URL: apiUrl,
        },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let output = "";
    app.stdout!.on("data", (chunk) => (output += chunk));
    app.stderr!.on("data", (chunk) => (output += chunk));
    for (const started = Date.now(); !output.includes("OAuth app on");) {
      if (Date.now() - started > 30_000 || app.exitCode !== null)
        throw new Error(`the app did not start:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }

    // 1. Consent: a redirect to HighLevel with a state, the same state in a cookie.
    const install = await fetch(`${publicUrl}/install`, { redirect: "manual" });
    expect(install.status).toBe(302);
    const consent = new URL(install.headers.get("location")!);
    expect(consent.origin + consent.pathname).toBe(
      "https://marketplace.gohighlevel.com/v2/oauth/chooselocation",
    );
    const state = consent.searchParams.get("state")!;
    const cookie = install.headers.get("set-cookie")!.split(";")[0]!;
    expect(cookie).toBe(`hl_state=${state}`);

    // 2. Callback: an agency install approving L1.
    const code = fake.issueCode({ userType: "Company", companyId: "C1", approvedLocations: ["L1"] });
    const callback = `${publicUrl}/oauth/callback?code=${code}&state=${state}`;
    const installed = await fetch(callback, { headers: { cookie } });
    expect(await installed.text()).toContain("Installed for agency C1");
    expect((await fetch(callback, { headers: { cookie } })).status).toBe(400); // state used up
    expect((await fetch(callback.replace(state, `${state}x`), { headers: { cookie } })).status).toBe(400);
    expect((await stat(path.join(dir, ".highlevel-tokens.json"))).mode & 0o777).toBe(0o600);

    // A bulk install's INSTALL webhook for a second location: its token is minted at once.
    fake.setLocations("C1", [{ _id: "L2", name: "Shop 2", address: "2 Main St", isInstalled: true }]);
    const signed = await fake.webhooks.sign({
      type: "INSTALL",
      appId: "fakeapp",
      companyId: "C1",
      locationId: "L2",
    });
    const hook = await fetch(`${publicUrl}/webhooks`, { method: "POST", ...signed });
    expect(await hook.json()).toEqual({ ok: true, action: "minted" });

    // 3. Voice AI calls, each with a Location token of its own location.
    for (const locationId of ["L1", "L2"]) {
      const agents = await fetch(`${publicUrl}/agents?locationId=${locationId}`);
      expect(await agents.json()).toEqual([{ id: "a1", name: `Front desk ${locationId}` }]);
    }
    expect(fake.stats.mintsByLocation).toEqual({ L1: 1, L2: 1 });
    expect(output).not.toContain(fake.clientSecret);
  });
});
