/**
 * A request body from `--body FILE` or `--body -` (stdin): JSON, or YAML when the file ends in
 * .yaml/.yml or stdin does not start with `{` or `[`. YAML needs the optional `yaml` package (the
 * package does not depend on it: a library user never installs it). Errors name the flag, the file
 * and the line, and never quote the file's content (a body may hold an API key).
 */
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import { CliError, ExitCode, usageError } from "./exit-codes.js";
import { printable } from "./args.js";

/** Largest body read: agent and action bodies are a few KiB. */
export const MAX_BODY_BYTES = 4 << 20;

export interface BodySource {
  cwd: string;
  stdin: Readable & { isTTY?: boolean };
}

export async function readBody(file: string, source: BodySource, command: string): Promise<unknown> {
  const name = file === "-" ? "stdin" : printable(file);
  const fail = (why: string): never => {
    throw usageError(`--body ${name}: ${why}`, command);
  };
  const bytes =
    file === "-"
      ? await readStdin(source.stdin, fail)
      : await readLocal(path.resolve(source.cwd, file), fail);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\uFEFF/, "");
  } catch {
    return fail("not UTF-8 text");
  }
  if (!text.trim()) fail("is empty");
  const yaml = file === "-" ? !/^\s*[[{]/.test(text) : /\.ya?ml$/i.test(file);
  return yaml ? parseYaml(text, fail) : parseJson(text, fail);
}

async function readLocal(file: string, fail: (why: string) => never): Promise<Uint8Array> {
  try {
    const info = await stat(file);
    if (info.isDirectory()) fail("is a directory");
    if (info.size > MAX_BODY_BYTES) fail(`is larger than ${MAX_BODY_BYTES >> 20} MiB`);
    return await readFile(file);
  } catch (error) {
    if (error instanceof CliError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    return fail(code === "ENOENT" ? "no such file" : `cannot be read (${code ?? "error"})`);
  }
}

async function readStdin(stdin: BodySource["stdin"], fail: (why: string) => never): Promise<Uint8Array> {
  if (stdin.isTTY) fail("stdin is a terminal: pipe the body in (`cat agent.json | …`) or give a file");
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stdin) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_BODY_BYTES) fail(`is larger than ${MAX_BODY_BYTES >> 20} MiB`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

function parseJson(text: string, fail: (why: string) => never): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    // V8 quotes the text around the error ("…" is not valid JSON): keep the reason and the place only.
    const message = (error as Error).message.replace(/,? ".*" is not valid JSON$/s, "");
    const at = /at position (\d+)/.exec(message);
    const where = at ? ` (${lineColumn(text, Number(at[1]))})` : "";
    return fail(`not valid JSON: ${message.replace(/ in JSON at position \d+.*$/s, "")}${where}`);
  }
}

function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split("\n");
  return `line ${before.length}, column ${before.at(-1)!.length + 1}`;
}

async function parseYaml(text: string, fail: (why: string) => never): Promise<unknown> {
  let yaml: typeof import("yaml");
  try {
    yaml = await import("yaml");
  } catch {
    throw new CliError(
      "reading a YAML body needs the `yaml` package, which is optional: `npm install yaml` (or `npx -p yaml -p highlevel-voice-ai highlevel-voice-ai …`), or give the body as JSON",
      ExitCode.usage,
    );
  }
  const doc = yaml.parseDocument(text, { uniqueKeys: true, prettyErrors: false });
  const [problem] = doc.errors;
  if (problem) {
    const where = lineColumn(text, problem.pos[0]);
    return fail(`not valid YAML: ${problem.code.toLowerCase().replace(/_/g, " ")} (${where})`);
  }
  try {
    return doc.toJS({ maxAliasCount: 100 });
  } catch {
    return fail("not valid YAML: too many aliases");
  }
}
