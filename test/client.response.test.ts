/** What users can inspect beside the data: the response and its request id, and the User-Agent they send. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ConfigurationError, createVoiceAIClient, NotFoundError } from "../src/index.js";
import { PACKAGE, VERSION } from "../src/client/version.js";
import { useFake } from "./support/fake-helpers.js";

async function setup(options: { appName?: string; headers?: Record<string, string> } = {}) {
  const fake = await useFake({ locations: ["LOC1"], callLogs: 3 });
  const sent: Request[] = [];
  const client = createVoiceAIClient({
    token: fake.tokenFor("LOC1"),
    baseUrl: fake.url,
    locationId: "LOC1",
    ...options,
    fetch: async (request) => {
      sent.push(request);
      const answer = await fake.fetch(request);
      // HighLevel's id of the request, as a response header.
      const headers = new Headers(answer.headers);
      headers.set("x-request-id", `req-${sent.length}`);
      return new Response(answer.body, { status: answer.status, headers });
    },
  });
  return { fake, client, sent };
}

describe("withResponse()", () => {
  it("gives the data with the response and the request id; awaiting the call still gives the data", async () => {
    const { client, sent } = await setup();
    const list = await client.agents.list();
    expect(list.agents.length).toBeGreaterThan(0);
    const { data, response, requestId } = await client.agents.list().withResponse();
    expect(data).toEqual(list);
    expect(response.status).toBe(200);
    expect(response.headers.get("x-ratelimit-max")).toBe("100");
    expect(requestId).toBe("req-2");
    expect(sent).toHaveLength(2);
    const deleted = await client.agents.delete({ agentId: data.agents[0]!.id }).withResponse();
    expect(deleted).toMatchObject({ data: undefined, requestId: "req-3" });
    expect(deleted.response.status).toBe(204);
  });

  it("rejects with the call's typed error, and leaves no unhandled rejection behind", async () => {
    const { client } = await setup();
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    try {
      await expect(client.agents.get({ agentId: "missing" }).withResponse()).rejects.toBeInstanceOf(
        NotFoundError,
      );
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(unhandled).toEqual([]);
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
  });
});

describe("User-Agent", () => {
  it("names the package and its version, after the app when appName is given", async () => {
    const plain = await setup();
    await plain.client.agents.list();
    expect(plain.sent[0]!.headers.get("user-agent")).toBe(`highlevel-voice-ai/${VERSION}`);
    const named = await setup({ appName: "call-warehouse/2.1.0" });
    await named.client.agents.list();
    expect(named.sent[0]!.headers.get("user-agent")).toBe(`call-warehouse/2.1.0 ${PACKAGE}/${VERSION}`);
    const own = await setup({ headers: { "User-Agent": "mine/1" } });
    await own.client.agents.list();
    expect(own.sent[0]!.headers.get("user-agent")).toBe("mine/1");
  });

  it("is the version package.json says", () => {
    const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
      name: string;
      version: string;
    };
    expect([PACKAGE, VERSION]).toEqual([pkg.name, pkg.version]);
  });

  it.each([
    ["a line break", "app\r\nX-Evil: 1"],
    ["non-ASCII", "appé/1"],
    ["too long", "a".repeat(101)],
    ["not a string", 42],
  ])("refuses an appName that is %s", (_, appName) => {
    expect(() => createVoiceAIClient({ token: "t", appName: appName as string })).toThrow(ConfigurationError);
  });

  it("refuses appName beside a User-Agent header", () => {
    expect(() =>
      createVoiceAIClient({ token: "t", appName: "a/1", headers: { "user-agent": "b/2" } }),
    ).toThrow(/without a User-Agent header/);
  });
});
