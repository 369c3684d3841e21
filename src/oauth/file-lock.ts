/**
 * Cross-process locks on the local file system: a lock is a file created with O_EXCL (only one
 * creator wins) that names its holder and when it expires. An expired lock (its holder died) is
 * taken over; the fencing number given to each holder lets the store refuse a late holder's writes.
 */
import { open, readFile, rename, stat, unlink } from "node:fs/promises";
import { APIUserAbortError } from "../errors.js";
import { TokenStoreError } from "./errors.js";

interface LockFile {
  owner: string;
  expiresAt: number;
}

export interface HeldFileLock {
  release(): Promise<void>;
}

const POLL_MS = 20;
const info = { operationId: undefined, method: "", url: "" };

/** Waits up to `waitMs` for the lock file `file`, which expires `ttlMs` after it is taken. */
export async function acquireFileLock(
  file: string,
  options: { ttlMs: number; waitMs: number; signal?: AbortSignal | undefined },
): Promise<HeldFileLock> {
  const owner = `${process.pid}.${crypto.randomUUID()}`;
  const deadline = Date.now() + options.waitMs;
  for (;;) {
    if (options.signal?.aborted) throw new APIUserAbortError(info, "Aborted while waiting for a store lock");
    if (await tryCreate(file, { owner, expiresAt: Date.now() + options.ttlMs })) {
      return { release: () => releaseFileLock(file, owner) };
    }
    const holder = (await readLock(file)) ?? (await unwrittenLock(file, options.ttlMs));
    if (holder && holder.expiresAt < Date.now()) {
      // Its holder died or overran: move the stale file aside (one mover wins), then retry.
      await rename(file, `${file}.${owner}.stale`).then(
        () => unlink(`${file}.${owner}.stale`).catch(() => undefined),
        () => undefined,
      );
      continue;
    }
    if (Date.now() >= deadline)
      throw new TokenStoreError(`Timed out after ${options.waitMs} ms waiting for a store lock`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS + Math.random() * POLL_MS));
  }
}

async function tryCreate(file: string, content: LockFile): Promise<boolean> {
  let handle;
  try {
    handle = await open(file, "wx", 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw new TokenStoreError(
      `Cannot create the lock file: ${(error as NodeJS.ErrnoException).code ?? "error"}`,
    );
  }
  try {
    await handle.writeFile(JSON.stringify(content));
  } finally {
    await handle.close();
  }
  return true;
}

async function readLock(file: string): Promise<LockFile | undefined> {
  try {
    const text = await readFile(file, "utf8");
    const parsed = JSON.parse(text) as LockFile;
    return typeof parsed.expiresAt === "number" ? parsed : undefined;
  } catch {
    return undefined; // gone, or not written yet
  }
}

/** A lock file its creator never wrote (it died in between) expires `ttlMs` after its creation. */
async function unwrittenLock(file: string, ttlMs: number): Promise<LockFile | undefined> {
  const stats = await stat(file).catch(() => undefined);
  return stats && { owner: "", expiresAt: stats.mtimeMs + ttlMs };
}

/** Removes the lock file if it is still ours (it may have been taken over after expiring). */
async function releaseFileLock(file: string, owner: string): Promise<void> {
  const holder = await readLock(file);
  if (holder?.owner === owner) await unlink(file).catch(() => undefined);
}
