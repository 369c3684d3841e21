/**
 * Resuming an interrupted export: its checkpoint directory (the library's file checkpoint store)
 * holds a manifest of what the export is — window, locations, filters, format, output — so that
 * `--resume` continues that export and no other, and the command to resume is printed exactly,
 * with absolute times (a `30d` given first must not move) and without any secret.
 */
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { CliError, ExitCode } from "../exit-codes.js";
import { BIN } from "../help.js";

export const MANIFEST = "highlevel-voice-ai-export.json";

export interface ExportManifest {
  v: 1;
  since: string;
  until: string;
  locations: string[];
  filters: Record<string, unknown>;
  format: string;
  out: string;
}

export async function readManifest(dir: string): Promise<ExportManifest | undefined> {
  try {
    return JSON.parse(await readFile(path.join(dir, MANIFEST), "utf8")) as ExportManifest;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new CliError(
      `${dir}: the export's manifest cannot be read: ${(error as Error).message}`,
      ExitCode.failure,
    );
  }
}

const isEmptyOrMissing = async (dir: string) =>
  readdir(dir).then(
    (names) => names.length === 0,
    () => true,
  );

/**
 * Before an export: with `resume`, the checkpoint must be this export's; without, there must be
 * none (or `force` removes it), and it is created with the manifest.
 */
export async function prepareCheckpoint(
  dir: string,
  manifest: ExportManifest,
  flags: { resume: boolean; force: boolean },
): Promise<void> {
  const found = await readManifest(dir);
  if (flags.resume) {
    if (!found)
      throw new CliError(`--resume: ${dir} holds no checkpoint of an export to resume`, ExitCode.usage);
    const differs: string[] = (["since", "until", "format", "out"] as const).filter(
      (k) => found[k] !== manifest[k],
    );
    for (const key of ["locations", "filters"] as const)
      if (JSON.stringify(found[key]) !== JSON.stringify(manifest[key])) differs.push(key);
    if (differs.length)
      throw new CliError(
        `--resume: the checkpoint in ${dir} is of another export (${differs.join(", ")} differ): use the command printed when it stopped`,
        ExitCode.usage,
      );
    return;
  }
  if (found && !flags.force)
    throw new CliError(
      `${dir} holds the checkpoint of an interrupted export: add --resume to continue it, or --force to start over`,
      ExitCode.usage,
    );
  if (!found && !(await isEmptyOrMissing(dir)))
    throw new CliError(
      `--checkpoint ${dir} is not empty and is no checkpoint of this tool: choose another`,
      ExitCode.usage,
    );
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await writeFile(path.join(dir, MANIFEST), JSON.stringify(manifest, null, 2));
}

/** After a complete export: the checkpoint has done its job. */
export async function removeCheckpoint(dir: string): Promise<void> {
  if (await readManifest(dir)) await rm(dir, { recursive: true, force: true });
}

/** A word as a POSIX shell reads it back unchanged. */
export function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The command line that continues the export: every non-secret flag it ran with, times absolute. */
export function resumeCommand(words: string, flags: Record<string, string | true | undefined>): string {
  const parts = [BIN, words];
  for (const [name, value] of Object.entries(flags)) {
    if (value === undefined) continue;
    parts.push(`--${name}`);
    if (value !== true) parts.push(shellQuote(value));
  }
  return parts.join(" ");
}

/** A --token given as a flag is not repeated in the printed command: say it is needed again. */
export function tokenNote(ctx: { flags: Record<string, unknown> }): string {
  return typeof ctx.flags.token === "string" ? " (and the same --token, or GHL_TOKEN)" : "";
}
