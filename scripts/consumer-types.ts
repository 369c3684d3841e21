/**
 * What a TypeScript user of the package sees: consumer files importing every entry, type-checked
 * in the consumer project where the tarball is installed, strict with skipLibCheck off, as .mts
 * and .cts (node16 and nodenext) and as .ts (bundler), by each compiler of COMPILERS.
 */
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { run, withoutNpmNoise } from "./package-lib.js";
import type { Compiler } from "./snippets.js";

const FILES = { mts: "consumer.mts", cts: "consumer.cts", bundler: "consumer-bundler.ts" };
const MODES = {
  node16: { options: { module: "node16", moduleResolution: "node16" }, files: [FILES.mts, FILES.cts] },
  nodenext: { options: { module: "nodenext", moduleResolution: "nodenext" }, files: [FILES.mts, FILES.cts] },
  bundler: { options: { module: "esnext", moduleResolution: "bundler" }, files: [FILES.bundler] },
};

/** Throws with the compiler's output when any mode reports an error. */
export async function checkConsumerTypes(dir: string, compiler: Compiler): Promise<void> {
  await Promise.all(Object.values(FILES).map((file) => writeFile(path.join(dir, file), CONSUMER_TYPES)));
  const failures = await Promise.all(
    Object.entries(MODES).map(async ([mode, { options, files }]) => {
      const config = {
        compilerOptions: {
          ...options,
          strict: true,
          noEmit: true,
          skipLibCheck: false,
          exactOptionalPropertyTypes: true,
          target: "ES2022",
          lib: ["ES2022", "DOM"],
          types: [],
        },
        files,
      };
      const file = `tsconfig.${compiler.package}.${mode}.json`;
      await writeFile(path.join(dir, file), JSON.stringify(config, null, 2));
      const result = await run(process.execPath, [compiler.tsc, "-p", file, "--pretty", "false"], {
        cwd: dir,
        timeoutMs: 120_000,
      });
      if (result.code === 0) return undefined;
      return `tsc -p ${file} exited with ${result.code}:\n${withoutNpmNoise(result.stdout + result.stderr)}`;
    }),
  );
  const failed = failures.filter(Boolean);
  if (failed.length) throw new Error(failed.join("\n"));
}

/** Every entry, real types (not `any`), the checks a user writes (`instanceof`, `@ts-expect-error`). */
const CONSUMER_TYPES = `import { createVoiceAIClient, defineAction, NotFoundError, type AgentWithActions, type VoiceAIClient, type VoiceAIClientOptions } from "highlevel-voice-ai";
import type { Agent as NamedAgent, components, operations, paths } from "highlevel-voice-ai/types";
import { createOAuth, ReauthorizationRequiredError, type TokenProvider } from "highlevel-voice-ai/oauth";
import { createRedisStore, type RedisClientLike, type RedisStore } from "highlevel-voice-ai/redis";
import { exportCallLogs, type LocatedCallLog } from "highlevel-voice-ai/sync";

/** Several workers, one quota: the store from the redis entry plugs into the core client. */
export function sharedClient(redis: RedisClientLike): VoiceAIClient {
  const store: RedisStore = createRedisStore(redis, { prefix: "app:" });
  return createVoiceAIClient({ token: "t", rateLimit: { store } });
}

type Agent = components["schemas"]["AgentWithActions"];
type GetAgent = operations["getAgent"];
type AgentPath = paths["/voice-ai/agents/{agentId}"]["get"];
const sameOperation: GetAgent extends AgentPath ? true : false = true;
const named: NamedAgent extends components["schemas"]["Agent"] ? true : false = true;

const options: VoiceAIClientOptions = { token: "t", baseUrl: "http://127.0.0.1:1" };
const client: VoiceAIClient<false> = createVoiceAIClient(options);
/** Either kind of client: locationId optional in the types, checked at run time. */
const anyClient: VoiceAIClient = client;

export function fieldUse(): Promise<AgentWithActions> {
  return anyClient.agents.get({ agentId: "a1" });
}

export const sms = defineAction({
  agentId: "a1",
  name: "n",
  actionType: "SMS",
  actionParameters: { triggerPrompt: "p", triggerMessage: "m", messageBody: "b" },
});

export async function getAgent(): Promise<Agent> {
  const agent = await client.agents.get({ agentId: "a1", locationId: "L1" });
  // @ts-expect-error the result is an agent, not any
  const notANumber: number = agent;
  void notANumber;
  return agent;
}

export async function badCalls() {
  // @ts-expect-error locationId is required when the client has no default location
  await client.agents.get({ agentId: "a1" });
  // @ts-expect-error unknown parameter
  await client.agents.get({ agentId: "a1", locationId: "L1", nope: 1 });
}

export function status(error: unknown): 404 | undefined {
  // instanceof narrows to the class (its Symbol.hasInstance is a type guard): status is the literal 404.
  if (error instanceof NotFoundError) {
    const notFound: NotFoundError = error;
    return notFound.status;
  }
  // @ts-expect-error outside the guard, error is still unknown
  return error.status;
}

export const provider: TokenProvider = createOAuth({ clientId: "c", clientSecret: "s", redirectUri: "https://a.example/cb" });
export const reauth = (error: unknown) => (error instanceof ReauthorizationRequiredError ? error.locationId : undefined);

/** The sync entry takes the core client and yields typed call logs. */
export async function firstLog(): Promise<LocatedCallLog | undefined> {
  for await (const log of exportCallLogs(client, { locations: ["L1"] })) return log;
  return undefined;
}

export { sameOperation, named };
`;
