/**
 * Secrets echoed back in another form than the one sent: a client secret with `+ / =` as the form
 * body carried it (percent-encoded, `+` for a space), as base64 in a Basic header, in a response
 * header; and a token echoed by a 2xx that is not JSON. None may reach an error's body, message,
 * stack, headers (util.inspect), JSON or cause.
 */
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import {
  APIConnectionError,
  BadRequestError,
  InvalidResponseError,
  createVoiceAIClient,
} from "../src/index.js";
import { createRedactor } from "../src/pipeline/redact.js";
import { setup } from "./oauth-helpers.js";
import { rejectionOf } from "./rejection.js";

const SECRET = "s3cr+t/with=signs~and!more";
const CODE = "code+with/signs=";

/** Every way an error can be shown, down its causes. */
function shown(error: unknown): string {
  const parts = [String(error), inspect(error, { depth: Infinity, showHidden: true }), JSON.stringify(error)];
  for (let e = error, depth = 0; e instanceof Error && depth < 6; e = e.cause, depth++) {
    parts.push(e.message, e.stack ?? "");
  }
  return parts.join("\n");
}

/** The forms a server may echo: as a form or a URL carries it, and base64 of `id:secret`. */
const formsOf = (secret: string, id = "fakeapp-client") => [
  secret,
  encodeURIComponent(secret),
  new URLSearchParams({ s: secret }).toString().slice(2),
  Buffer.from(`${id}:${secret}`).toString("base64").slice(-12),
];

function expectClean(error: unknown, secrets: string[]) {
  const text = shown(error);
  expect(text).toContain("[redacted]");
  for (const secret of secrets) for (const form of formsOf(secret)) expect(text).not.toContain(form);
}

describe("secrets echoed in another form", () => {
  it("the token endpoint echoes the form body and a Basic header: body, message, headers, stack, JSON", async () => {
    const { oauth } = await setup(
      {},
      {
        clientSecret: SECRET,
        fetch: async (request) => {
          const form = await request.text();
          const basic = Buffer.from(`fakeapp-client:${SECRET}`).toString("base64");
          return Response.json(
            { statusCode: 400, message: `bad request: ${form}`, got: { basic: `Basic ${basic}` } },
            { status: 400, headers: { "x-echo": form, "www-authenticate": `Basic ${basic}` } },
          );
        },
      },
    );
    const error = await rejectionOf(oauth.exchangeCode(CODE));
    expect(error).toBeInstanceOf(BadRequestError);
    // The form really was echoed, encoded: the test is about those forms.
    expect(new URLSearchParams({ s: SECRET }).toString()).not.toContain(SECRET);
    expect((error as BadRequestError).headers.get("x-echo")).toContain("grant_type=authorization_code");
    expectClean(error, [SECRET, CODE]);
    expect(inspect((error as BadRequestError).headers)).not.toContain(encodeURIComponent(SECRET));
  });

  it("a connection error whose cause holds the encoded form", async () => {
    const { oauth } = await setup(
      {},
      {
        clientSecret: SECRET,
        fetch: async (request) => {
          const form = await request.text();
          throw new Error(`socket hang up sending ${form}`, { cause: new Error(`inner ${form}`) });
        },
      },
    );
    const error = await rejectionOf(oauth.exchangeCode(CODE));
    expect(error).toBeInstanceOf(APIConnectionError);
    expectClean(error, [SECRET, CODE]);
  });

  it("the client: a 2xx that is not JSON echoing the token, and a token echoed in an error's headers", async () => {
    const token = "tok+SECRET/value=";
    let answer = () => new Response(`oops Bearer ${token}`, { headers: { "content-type": "text/plain" } });
    const client = createVoiceAIClient({
      token,
      baseUrl: "https://api.test",
      maxRetries: 0,
      fetch: async () => answer(),
    });
    const invalid = await rejectionOf(client.agents.get({ agentId: "a1", locationId: "L1" }));
    expect(invalid).toBeInstanceOf(InvalidResponseError);
    expect((invalid as InvalidResponseError).bodySnippet).toBe("oops Bearer [redacted]");
    expectClean(invalid, [token]);

    answer = () =>
      new Response("{}", {
        status: 403,
        headers: { "content-type": "application/json", "x-seen-auth": `Bearer ${encodeURIComponent(token)}` },
      });
    const denied = await rejectionOf(client.agents.get({ agentId: "a1", locationId: "L1" }));
    expect((denied as { headers: Headers }).headers.get("x-seen-auth")).toBe("Bearer [redacted]");
    expectClean(denied, [token]);
  });

  it("the redactor: base64 of any text holding the secret, at each alignment; short forms are not masked", () => {
    const redactor = createRedactor();
    redactor.add(SECRET);
    for (const prefix of ["", "a", "ab", "abc:", "client-id:"]) {
      const encoded = Buffer.from(`${prefix}${SECRET}!`).toString("base64");
      expect(redactor.text(`Basic ${encoded}`)).not.toContain(encoded.slice(-20, -6));
    }
    // A secret too short for its base64 to be told apart is masked as itself only.
    const tiny = createRedactor();
    tiny.add("ab");
    expect(tiny.text("xyz ab")).toBe("xyz [redacted]");
  });
});
