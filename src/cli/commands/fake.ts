/**
 * `highlevel-voice-ai fake`: serves the package's fake of the API on 127.0.0.1 until SIGINT or
 * SIGTERM, and prints on stdout one JSON line with what a test or a demo needs: its URL, each
 * location's token, the webhooks' public key, and with --oauth the app's client id and secret (and,
 * with --token-store, a token store file holding an installation per location, as an OAuth app's
 * would). The server is startFakeServer of highlevel-voice-ai/testing (fake-server.ts).
 */
import { printable, stringFlag } from "../args.js";
import type { CustomCommand } from "../commands.js";
import type { CommandContext } from "../context.js";
import { ExitCode, usageError } from "../exit-codes.js";
import { startFakeServer, type FakeServerInfo } from "./fake-server.js";

const COUNT_MAX = 100_000;

function count(ctx: CommandContext, flag: string, fallback: number, min: number): number {
  const text = stringFlag(ctx.flags, flag);
  if (text === undefined) return fallback;
  if (!/^\d{1,6}$/.test(text) || Number(text) < min || Number(text) > COUNT_MAX)
    throw usageError(
      `--${flag} must be an integer from ${min} to ${COUNT_MAX}, got ${printable(text)}`,
      ctx.name,
    );
  return Number(text);
}

export const fakeCommand: CustomCommand = {
  kind: "custom",
  group: undefined,
  action: "fake",
  summary: "Serve a fake of the Voice AI API on 127.0.0.1, for tests and demos",
  usage:
    "[--port N] [--locations N|ID,…] [--call-logs N] [--agents N] [--seed S] [--no-rate-limit] [--webhook URL]… [--oauth [--token-store FILE]]",
  description:
    "Starts startFakeServer of highlevel-voice-ai/testing and prints one JSON line on stdout: " +
    "{ url, admin, locations: [{ id, token }], webhookPublicKey, oauth?: { clientId, clientSecret, appId, tokenStore? } }. " +
    "Point the other commands at it with --base-url (or GHL_BASE_URL) and a location's token. The admin API " +
    "(reset, fail-next, journal, simulated calls and their webhooks, OAuth codes and revocations) is under /__fake/. " +
    "It serves until Ctrl-C or SIGTERM. Its rate limits are HighLevel's (100 requests per 10 s per location).",
  usesApi: false,
  options: {
    port: { type: "string", value: "N", description: "port to listen on (default 0: a free port)" },
    locations: {
      type: "string",
      value: "N|ID,…",
      description: "how many locations (LOC1…LOCn, at most 1000) or their ids (default 1)",
    },
    "call-logs": {
      type: "string",
      value: "N",
      description: "call logs per location, over the last 30 days (default 20)",
    },
    agents: { type: "string", value: "N", description: "agents per location, two actions each (default 2)" },
    seed: { type: "string", value: "S", description: "seed of every id and value (default 1)" },
    "no-rate-limit": { type: "boolean", description: "answer every request (default: HighLevel's limits)" },
    oauth: { type: "boolean", description: "also serve HighLevel's OAuth endpoints" },
    webhook: {
      type: "string",
      multiple: true,
      value: "URL",
      description: "where simulated calls (POST /__fake/calls) send their signed VoiceAiCallEnd; repeatable",
    },
    "token-store": {
      type: "string",
      value: "FILE",
      description: "with --oauth: write a token store with an installation per location (overwritten)",
    },
  },
  async run(ctx) {
    const portText = stringFlag(ctx.flags, "port") ?? "0";
    if (!/^\d{1,5}$/.test(portText) || Number(portText) > 65_535)
      throw usageError(`--port must be an integer from 0 to 65535, got ${printable(portText)}`, ctx.name);
    const tokenStore = stringFlag(ctx.flags, "token-store");
    if (tokenStore !== undefined && ctx.flags.oauth !== true)
      throw usageError("--token-store needs --oauth", ctx.name);
    const seed = stringFlag(ctx.flags, "seed") ?? "1";
    if (!/^[\w.-]{1,64}$/.test(seed))
      throw usageError("--seed must be 1-64 letters, digits, _, - or .", ctx.name);
    const server = await startFakeServer({
      port: Number(portText),
      locations: readLocationIds(ctx),
      callLogs: count(ctx, "call-logs", 20, 0),
      rateLimit: ctx.flags["no-rate-limit"] !== true,
      agents: count(ctx, "agents", 2, 0),
      seed,
      oauth: ctx.flags.oauth === true,
      webhooks: (ctx.flags.webhook as string[] | undefined) ?? [],
      tokenStore,
      cwd: ctx.io.cwd,
    });
    try {
      await ctx.out.data(`${JSON.stringify(server.info)}\n`);
      ctx.out.note(readyNote(server.info));
      await new Promise<void>((resolve) => {
        if (ctx.signal.aborted) resolve();
        ctx.signal.addEventListener("abort", () => resolve(), { once: true });
      });
    } finally {
      await server.close();
    }
    ctx.out.note("fake stopped");
    return ExitCode.ok;
  },
};

/** `--locations 3` (LOC1…LOC3) or `--locations A,B`. */
function readLocationIds(ctx: CommandContext): string[] {
  const text = stringFlag(ctx.flags, "locations") ?? "1";
  if (/^\d+$/.test(text)) {
    const n = Number(text);
    if (n < 1 || n > 1000)
      throw usageError(`--locations must be a count from 1 to 1000, or ids, got ${text}`, ctx.name);
    return Array.from({ length: n }, (_, i) => `LOC${i + 1}`);
  }
  const ids = text.split(",");
  if (ids.some((id) => !/^[A-Za-z0-9_-]{1,64}$/.test(id)) || new Set(ids).size !== ids.length)
    throw usageError(
      `--locations: ids are 1-64 letters, digits, _ or -, each once, got ${printable(text)}`,
      ctx.name,
    );
  return ids;
}

function readyNote(info: FakeServerInfo): string {
  const first = info.locations[0]!;
  return [
    `fake Voice AI API at ${info.url} (${info.locations.length} location${info.locations.length === 1 ? "" : "s"}); Ctrl-C stops it`,
    `try: GHL_BASE_URL=${info.url} GHL_TOKEN=${first.token} GHL_LOCATION_ID=${first.id} highlevel-voice-ai agents list`,
  ].join("\n");
}
