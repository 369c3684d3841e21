/**
 * The dual package hazard: an app whose dependencies `import` the package and `require` it gets both
 * builds, each with its own error classes. This loads the ESM and the CJS build of the installed
 * tarball in one Node process and checks that `instanceof` answers the same across them as within
 * one: an error of either build is an instance of the other's class and of its ancestors, of no
 * other class; a forged brand, a non-Error and a user's own subclass do not pass where they must not.
 */
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { run } from "./package-lib.js";

/** Runs the check in `dir` (the consumer project) against the mock server at `port`; throws on any mismatch. */
export async function checkDualPackage(dir: string, port: number): Promise<string> {
  await writeFile(path.join(dir, "dual.mjs"), SCRIPT);
  const result = await run(process.execPath, ["dual.mjs"], {
    cwd: dir,
    env: { ...process.env, PORT: String(port) },
    timeoutMs: 30_000,
  });
  const line = result.stdout.trim().split("\n").pop() ?? "";
  if (result.code !== 0 || !line.startsWith("["))
    throw new Error(`node dual.mjs exited with ${result.code}:\n${result.stdout}\n${result.stderr}`);
  const checks = JSON.parse(line) as { what: string; actual: unknown; expected: unknown }[];
  const wrong = checks.filter((c) => c.actual !== c.expected);
  if (wrong.length > 0) {
    throw new Error(
      wrong
        .map((c) => `${c.what}: ${JSON.stringify(c.actual)}, expected ${JSON.stringify(c.expected)}`)
        .join("\n"),
    );
  }
  return `${checks.length} instanceof checks across the ESM and CJS builds hold`;
}

const SCRIPT = `import { createRequire } from "node:module";
import * as esm from "highlevel-voice-ai";
import * as esmOAuth from "highlevel-voice-ai/oauth";
import * as esmRedis from "highlevel-voice-ai/redis";

const require = createRequire(import.meta.url);
const cjs = require("highlevel-voice-ai");
const cjsOAuth = require("highlevel-voice-ai/oauth");
const cjsRedis = require("highlevel-voice-ai/redis");
const checks = [];
const expect = (what, actual, expected) => checks.push({ what, actual, expected });

async function notFound(copy) {
  const client = copy.createVoiceAIClient({ token: "t", baseUrl: "http://127.0.0.1:" + process.env.PORT, logLevel: "off" });
  try {
    await client.agents.get({ agentId: "missing", locationId: "L1" });
  } catch (error) {
    return error;
  }
}

expect("the two builds have two NotFoundError classes", esm.NotFoundError !== cjs.NotFoundError, true);
for (const [label, error, own, other] of [["ESM", await notFound(esm), esm, cjs], ["CJS", await notFound(cjs), cjs, esm]]) {
  expect(label + " 404 is named NotFoundError", error?.name, "NotFoundError");
  for (const name of ["NotFoundError", "APIError", "VoiceAIError"]) {
    expect(label + " 404 instanceof its own " + name, error instanceof own[name], true);
    expect(label + " 404 instanceof the other build's " + name, error instanceof other[name], true);
  }
  for (const name of ["AuthenticationError", "RateLimitError", "APIConnectionError", "ConfigurationError", "InvalidRequestError"]) {
    expect(label + " 404 instanceof its own " + name, error instanceof own[name], false);
    expect(label + " 404 instanceof the other build's " + name, error instanceof other[name], false);
  }
  expect(label + " 404: no brand in JSON or keys", JSON.stringify(Object.keys(error)), JSON.stringify(Object.keys(error).filter((k) => !k.includes("highlevel"))));
}

const webhook = await esmOAuth.verifyWebhook({ rawBody: "{}", headers: {}, publicKey: "AAAA" }).catch((e) => e);
expect("ESM webhook error instanceof CJS WebhookVerificationError", webhook instanceof cjsOAuth.WebhookVerificationError, true);
expect("ESM webhook error instanceof CJS VoiceAIError", webhook instanceof cjs.VoiceAIError, true);
expect("ESM webhook error instanceof CJS TokenStoreError", webhook instanceof cjsOAuth.TokenStoreError, false);
const store = new cjsRedis.StoreUnavailableError("x");
expect("CJS StoreUnavailableError instanceof ESM StoreUnavailableError", store instanceof esmRedis.StoreUnavailableError, true);
expect("CJS StoreUnavailableError instanceof ESM VoiceAIError", store instanceof esm.VoiceAIError, true);
expect("CJS StoreUnavailableError instanceof ESM StoreClosedError", store instanceof esmRedis.StoreClosedError, false);
expect("CJS StoreUnavailableError is named so", store.name, "StoreUnavailableError");

const brand = (name) => Symbol.for("highlevel-voice-ai.error." + name);
const forged = Object.assign(new Error("forged"), { [brand("NotFoundError")]: true });
expect("an Error forged with NotFoundError's brand instanceof AuthenticationError", forged instanceof esm.AuthenticationError, false);
expect("an Error forged with NotFoundError's brand instanceof APIError", forged instanceof cjs.APIError, false);
const notAnError = Object.fromEntries(["NotFoundError", "APIError", "VoiceAIError"].map((n) => [brand(n), true]));
expect("a non-Error with every brand instanceof NotFoundError", notAnError instanceof esm.NotFoundError, false);
expect("null instanceof VoiceAIError", null instanceof cjs.VoiceAIError, false);

class AppError extends esm.VoiceAIError {}
const appError = new AppError("mine");
expect("a user's subclass of ESM VoiceAIError instanceof CJS VoiceAIError", appError instanceof cjs.VoiceAIError, true);
expect("a user's subclass instanceof CJS ConfigurationError", appError instanceof cjs.ConfigurationError, false);
expect("a user's subclass instanceof itself", appError instanceof AppError, true);
expect("a CJS VoiceAIError instanceof the user's subclass", new cjs.VoiceAIError("x") instanceof AppError, false);
expect("a CJS ConfigurationError instanceof the user's subclass", new cjs.ConfigurationError("x") instanceof AppError, false);
console.log(JSON.stringify(checks));
`;
