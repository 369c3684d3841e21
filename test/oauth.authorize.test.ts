/** The consent URL, the signed state (CSRF), and createOAuth's option checks. */
import { describe, expect, it } from "vitest";
import { ConfigurationError, InvalidRequestError } from "../src/errors/index.js";
import { OAuthStateError, createOAuth } from "../src/oauth/index.js";
import { REDIRECT, manualClock } from "./oauth-helpers.js";
import { rejectionOf } from "./rejection.js";

const SECRET = "s3cr3t-client-secret-value";
const base = { clientId: "app123-abc", clientSecret: SECRET, redirectUri: REDIRECT };

describe("authorizeUrl", () => {
  it("builds the /v2/oauth/chooselocation URL on the standard or white-label host", async () => {
    const oauth = createOAuth(base);
    const state = await oauth.issueState();
    const url = new URL(
      oauth.authorizeUrl({ scopes: ["voice-ai-agents.write", "voice-ai-dashboard.readonly"], state }),
    );
    expect(url.origin + url.pathname).toBe("https://marketplace.gohighlevel.com/v2/oauth/chooselocation");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: "code",
      redirect_uri: REDIRECT,
      client_id: "app123-abc",
      scope: "voice-ai-agents.write voice-ai-dashboard.readonly",
      state,
    });
    expect(url.href).toContain("scope=voice-ai-agents.write%20voice-ai-dashboard.readonly");
    const white = new URL(
      oauth.authorizeUrl({ scopes: ["oauth.write"], state, whiteLabel: true, loginWindowOpenMode: "self" }),
    );
    expect(white.host).toBe("marketplace.leadconnectorhq.com");
    expect(white.searchParams.get("loginWindowOpenMode")).toBe("self");
  });

  it("refuses bad scopes and states", async () => {
    const oauth = createOAuth(base);
    const state = await oauth.issueState();
    for (const scopes of [[], ["a b"], ["x\r\n"], [7], "voice-ai-agents.write"]) {
      expect(() => oauth.authorizeUrl({ scopes: scopes as string[], state })).toThrow(InvalidRequestError);
    }
    for (const bad of ["", "short", "has space in it but long enough", undefined]) {
      expect(() => oauth.authorizeUrl({ scopes: ["oauth.write"], state: bad as string })).toThrow(
        InvalidRequestError,
      );
    }
  });
});

describe("issueState / verifyState", () => {
  it("accepts the state issued to this browser once, with its data", async () => {
    const oauth = createOAuth(base);
    const state = await oauth.issueState("return=/settings");
    expect(await oauth.verifyState(state, { expected: state })).toEqual({ data: "return=/settings" });
    const reused = await rejectionOf(oauth.verifyState(state, { expected: state }));
    expect(reused).toBeInstanceOf(OAuthStateError);
    expect((reused as Error).message).toContain("already used");
  });

  it("rejects another browser's state, a forged one, an expired one", async () => {
    const clock = manualClock();
    const oauth = createOAuth({ ...base, now: clock.now });
    const mine = await oauth.issueState();
    const theirs = await oauth.issueState();
    expect(await rejectionOf(oauth.verifyState(theirs, { expected: mine }))).toBeInstanceOf(OAuthStateError);
    expect(await rejectionOf(oauth.verifyState(mine, { expected: undefined }))).toBeInstanceOf(
      OAuthStateError,
    );
    // A changed character inside the signature (the last one may only carry unused bits).
    const at = mine.lastIndexOf(".") + 5;
    const forged = mine.slice(0, at) + (mine[at] === "A" ? "B" : "A") + mine.slice(at + 1);
    expect(await rejectionOf(oauth.verifyState(forged, { expected: forged }))).toBeInstanceOf(
      OAuthStateError,
    );
    const other = createOAuth({ ...base, clientSecret: "another-secret-value-xyz" });
    const foreign = await other.issueState();
    expect(await rejectionOf(oauth.verifyState(foreign, { expected: foreign }))).toBeInstanceOf(
      OAuthStateError,
    );
    clock.advance(11 * 60_000);
    const expired = await rejectionOf(oauth.verifyState(mine, { expected: mine }));
    expect((expired as Error).message).toContain("expired");
    for (const junk of [42, "", "a.b.c", "x".repeat(5000)]) {
      expect(await rejectionOf(oauth.verifyState(junk, { expected: String(junk) }))).toBeInstanceOf(
        OAuthStateError,
      );
    }
  });
});

describe("createOAuth options", () => {
  it("refuses bad options with a ConfigurationError that never quotes the secret", () => {
    const bad: Record<string, unknown>[] = [
      { ...base, clientId: "" },
      { ...base, clientSecret: undefined },
      { ...base, clientSecret: "with space" },
      { ...base, redirectUri: "not a url" },
      { ...base, redirectUri: "http://example.com/cb" },
      { ...base, baseUrl: "http://example.com" },
      { ...base, baseUrl: "https://user:pw@example.com" },
      { ...base, refreshSkewMs: -1 },
      { ...base, timeoutMs: 1.5 },
      { ...base, store: {} },
      { ...base, fetch: "fetch" },
      { ...base, stateSecret: "short" },
    ];
    for (const options of bad) {
      let error: unknown;
      try {
        createOAuth(options as never);
      } catch (e) {
        error = e;
      }
      expect(error, JSON.stringify(options)).toBeInstanceOf(ConfigurationError);
      expect(String((error as Error).message)).not.toContain(SECRET);
    }
    expect(createOAuth({ ...base, redirectUri: "http://127.0.0.1:3000/cb" }).appId).toBe("app123");
  });
});
