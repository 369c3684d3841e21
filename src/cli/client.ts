/**
 * The client a command calls the API with: credentials from auth.ts, the location from
 * --location / GHL_LOCATION_ID, --base-url / GHL_BASE_URL, and a logger that writes through the
 * CLI's redacting stderr (every attempt and retry with --verbose, else errors only).
 */
import { access } from "node:fs/promises";
import path from "node:path";
import { createVoiceAIClient, type Logger } from "../index.js";
import { stringFlag } from "./args.js";
import { readCredentials, type Credentials } from "./auth.js";
import type { CommandContext } from "./context.js";
import { CliError, ExitCode } from "./exit-codes.js";

export function locationOf(ctx: CommandContext): string | undefined {
  const value = stringFlag(ctx.flags, "location") ?? ctx.io.env.GHL_LOCATION_ID;
  return value === "" ? undefined : value;
}

export function baseUrlOf(ctx: CommandContext): string | undefined {
  const value = stringFlag(ctx.flags, "base-url") ?? ctx.io.env.GHL_BASE_URL;
  return value === "" ? undefined : value;
}

export async function openClient(ctx: CommandContext) {
  const baseUrl = baseUrlOf(ctx);
  const storeFile = stringFlag(ctx.flags, "token-store") ?? ctx.io.env.GHL_TOKEN_STORE;
  // A mistyped path would read as a store without installations: name the file instead.
  if (storeFile && stringFlag(ctx.flags, "token") === undefined && !ctx.io.env.GHL_TOKEN)
    await access(path.resolve(ctx.io.cwd, storeFile)).catch(() => {
      throw new CliError(`--token-store ${storeFile}: no such file`, ExitCode.usage);
    });
  const credentials: Credentials = readCredentials(ctx.flags, ctx.io.env, ctx.secrets, {
    baseUrl,
    cwd: ctx.io.cwd,
  });
  const locationId = locationOf(ctx);
  const client = createVoiceAIClient({
    token: credentials.token,
    ...(locationId !== undefined && { locationId }),
    ...(baseUrl !== undefined && { baseUrl }),
    logger: stderrLogger(ctx),
    // Retries are the client's business; a location that still fails is reported by the command.
    logLevel: ctx.flags.verbose ? "debug" : "error",
  });
  return { client, credentials, locationId };
}

function stderrLogger(ctx: CommandContext): Logger {
  const line = (level: string) => (message: string, fields?: object) =>
    ctx.out.note(`${level}: ${message}${fields ? ` ${safeJson(fields)}` : ""}`, { level });
  return { debug: line("debug"), info: line("info"), warn: line("warn"), error: line("error") };
}

function safeJson(value: object): string {
  try {
    return JSON.stringify(value);
  } catch {
    return "";
  }
}
