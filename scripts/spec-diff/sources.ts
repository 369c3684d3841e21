/**
 * Where spec:diff reads a document from: a local file, or a file of a git revision
 * (`<rev>:<path>`), and where a relative `$ref` path leads from one of them. Only regular local
 * files and git blobs are read: never a URL, a directory or a device.
 */
import { spawnSync } from "node:child_process";
import { statSync, readFileSync } from "node:fs";
import path from "node:path";
import { SpecError } from "./refs.js";

export type Source =
  /** `file` is absolute. */
  | { kind: "file"; file: string }
  /** `file` is relative to the repository root, in POSIX form. */
  | { kind: "git"; rev: string; file: string };

/** Larger than any API description; a bound against reading a runaway file whole. */
const MAX_BYTES = 64 << 20;

/** Identity of a source: one read and one copy per file, however many refs lead to it. */
export const sourceKey = (source: Source) =>
  source.kind === "file" ? `file ${source.file}` : `git ${source.rev}:${source.file}`;

/** How messages name a source: a file below where the user is relative to it, a blob as git names it. */
export function sourceLabel(source: Source, cwd: string): string {
  if (source.kind === "git") return `${source.rev}:${source.file}`;
  const relative = path.relative(cwd, source.file);
  const outside = relative === "" || relative === ".." || relative.startsWith(`..${path.sep}`);
  return outside || path.isAbsolute(relative) ? source.file : relative;
}

/** `<rev>:<path>` (path from the repository root) as a source. */
export function gitSource(spec: string): Source {
  const colon = spec.indexOf(":");
  const file = path.posix.normalize(spec.slice(colon + 1));
  return { kind: "git", rev: spec.slice(0, colon), file };
}

function readFile(file: string, label: string): string {
  let size: number;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) throw new SpecError(`${label}: not a regular file`);
    size = stat.size;
  } catch (error) {
    if (error instanceof SpecError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new SpecError(`${label}: ${code === "ENOENT" ? "no such file" : `cannot be read (${code})`}`);
  }
  if (size > MAX_BYTES) throw new SpecError(`${label}: larger than ${MAX_BYTES >> 20} MiB`);
  return readFileSync(file, "utf8");
}

function readBlob(rev: string, file: string, repoDir: string, label: string): string {
  // cat-file blob, not show: a tree (a directory) is refused instead of listed.
  const result = spawnSync("git", ["cat-file", "blob", `${rev}:${file}`], {
    cwd: repoDir,
    encoding: "utf8",
    maxBuffer: MAX_BYTES,
  });
  if (result.error) throw new SpecError(`cannot run git to read ${label}: ${result.error.message}`);
  if (result.status !== 0) {
    const reason = result.stderr.trim().split("\n")[0];
    throw new SpecError(`${label}: neither a file nor a blob in git (${reason})`);
  }
  return result.stdout;
}

export function readSource(source: Source, label: string, repoDir: string): string {
  return source.kind === "file"
    ? readFile(source.file, label)
    : readBlob(source.rev, source.file, repoDir, label);
}

/** The source a relative file reference (already %-decoded) leads to from `from`. */
export function resolveSource(from: Source, relative: string): Source {
  if (from.kind === "file") return { kind: "file", file: path.resolve(path.dirname(from.file), relative) };
  if (path.posix.isAbsolute(relative)) {
    throw new SpecError("an absolute path cannot be read from a git revision");
  }
  const file = path.posix.normalize(path.posix.join(path.posix.dirname(from.file), relative));
  if (file === ".." || file.startsWith("../")) throw new SpecError("leads outside the git repository");
  return { kind: "git", rev: from.rev, file };
}
