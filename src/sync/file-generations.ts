/**
 * A record in a directory of numbered generations (`g1`, `g2`, …), changed by compare-and-swap:
 * whoever read generation N writes N+1 with link(), which fails when that name exists, so of the
 * writers that read N exactly one succeeds and the others read again. Each generation is written
 * aside, flushed to disk and then linked: it appears complete or not at all. Older generations are
 * pruned; a reader that loses one to pruning reads the newest again.
 */
import { randomUUID } from "node:crypto";
import { link, mkdir, open, readdir, readFile, stat, unlink } from "node:fs/promises";
import path from "node:path";
import { CheckpointStoreError } from "./errors.js";

const GENERATION = /^g(\d{1,15})$/;

const failure = (action: string, error: unknown) =>
  new CheckpointStoreError(
    `Cannot ${action} the checkpoint directory: ${(error as NodeJS.ErrnoException).code ?? "error"}`,
  );

/** The newest generation's number and text (0 and undefined when there is none). */
export async function readNewest(dir: string): Promise<{ n: number; text: string | undefined }> {
  for (let attempt = 0; attempt < 100; attempt++) {
    let names: string[];
    try {
      names = await readdir(dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return { n: 0, text: undefined };
      throw failure("read", error);
    }
    const n = Math.max(0, ...names.flatMap((name) => GENERATION.exec(name)?.[1] ?? []).map(Number));
    if (n === 0) return { n, text: undefined };
    try {
      return { n, text: await readFile(path.join(dir, `g${n}`), "utf8") };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw failure("read", error);
      // pruned between the listing and the read: a newer generation exists
    }
  }
  throw new CheckpointStoreError("The checkpoint directory changes too fast to be read");
}

/** Writes generation `n`; false when another writer made it first. */
export async function writeGeneration(dir: string, n: number, text: string): Promise<boolean> {
  await mkdir(dir, { recursive: true, mode: 0o700 }).catch((error: unknown) => {
    throw failure("create", error);
  });
  const temp = path.join(dir, `t.${randomUUID()}`);
  try {
    const handle = await open(temp, "wx", 0o600);
    try {
      await handle.writeFile(text);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await link(temp, path.join(dir, `g${n}`));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw failure("write", error);
  } finally {
    await unlink(temp).catch(() => undefined);
  }
  await prune(dir, n);
  return true;
}

/** Drops generations before `newest`, and temp files a writer that died left over a minute ago. */
async function prune(dir: string, newest: number): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const stale = Date.now() - 60_000;
  await Promise.all(
    names.map(async (name) => {
      const file = path.join(dir, name);
      const match = GENERATION.exec(name);
      const old = match
        ? Number(match[1]) < newest
        : name.startsWith("t.") && ((await stat(file).catch(() => undefined))?.mtimeMs ?? Infinity) < stale;
      if (old) await unlink(file).catch(() => undefined);
    }),
  );
}
