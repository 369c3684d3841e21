/**
 * The token file's content, written so that a stale writer cannot win. The write lock orders
 * writers, but a writer paused past its ttl (SIGSTOP, a long GC pause) resumes unaware: a plain
 * rename would put its stale copy over a newer write. So every write is a numbered version,
 * committed by link()ing it as `v<N+1>` beside the others — link fails when another writer made
 * N+1 first — and readers read the newest number. Only then is it renamed over the file at the
 * user's path, which is a copy for people and backups: a writer paused between its commit and its
 * rename may leave that copy a version behind, never the versions themselves. A copy in the older
 * format (no "version"), not the newest version's own file, was written by an older release of
 * this package that writes only there (a rolling upgrade): it is the newest content then.
 */
import { TokenStoreError } from "./errors.js";
import type { NodeFiles } from "./node-files.js";

const VERSION = /^v(\d{1,15})$/;
/** How every content written here starts (file-store.ts puts `version` right after `v`). */
const VERSIONED = '{"v":1,"version":';

export interface Snapshot {
  /** 0: no version yet (the file at the user's path, if any, from before versions). */
  version: number;
  /** Undefined when there is nothing at all. */
  text: string | undefined;
  /** The inode of the version's file: a copy at the user's path with another one is not it. */
  ino?: number | undefined;
}

const code = (error: unknown) => (error as NodeJS.ErrnoException).code;
const failure = (action: string, error: unknown) =>
  new TokenStoreError(`Cannot ${action} the token file: ${code(error) ?? "error"}`);

export function createVersions({ fs, path }: NodeFiles, target: string, dir: string) {
  const { link, mkdir, open, readdir, readFile, rename, stat, unlink } = fs;
  /** The newest committed version's number (0: none). */
  async function newest(): Promise<number> {
    let names: string[];
    try {
      names = await readdir(dir);
    } catch (error) {
      if (code(error) !== "ENOENT") throw failure("list the versions of", error);
      await mkdir(dir, { recursive: true, mode: 0o700 }).catch((e: unknown) => {
        throw failure("create the versions directory of", e);
      });
      return 0;
    }
    return Math.max(0, ...names.map((name) => Number(VERSION.exec(name)?.[1] ?? 0)));
  }

  async function readText(file: string): Promise<string | undefined> {
    try {
      return await readFile(file, "utf8");
    } catch (error) {
      if (code(error) === "ENOENT") return undefined;
      throw failure("read", error);
    }
  }

  /** The newest version; `known` skips reading the text of a version already read. */
  async function read(known?: Snapshot): Promise<Snapshot> {
    for (let attempt = 0; attempt < 100; attempt++) {
      const version = await newest();
      if (version === 0) return { version, text: await readText(target) };
      const file = path.join(dir, `v${version}`);
      // Versions never change: the one read last, still the newest and still the copy, is as read.
      const copy = await inode(target);
      if (known?.version === version && known.ino === copy) return known;
      const ino = await inode(file);
      if (ino === undefined) continue; // pruned between the listing and now: a newer one exists
      if (copy !== undefined && copy !== ino) {
        const text = await readText(target);
        if (text !== undefined && !text.startsWith(VERSIONED)) return { version, text };
      }
      if (known?.version === version && known.ino === ino) return known;
      const text = await readText(file);
      if (text !== undefined) return { version, text, ino };
    }
    throw new TokenStoreError("The token file changes too fast to be read");
  }

  async function inode(file: string): Promise<number | undefined> {
    try {
      return (await stat(file)).ino;
    } catch (error) {
      if (code(error) === "ENOENT") return undefined;
      throw failure("read", error);
    }
  }

  /**
   * Commits `text` as `version` (the one read, plus one). False when another writer committed
   * that number first, or this one was stale (read a version since replaced): read and try again.
   */
  async function commit(version: number, text: string): Promise<boolean> {
    const temp = `${target}.${process.pid}.${crypto.randomUUID()}.tmp`;
    const named = path.join(dir, `v${version}`);
    try {
      const handle = await open(temp, "wx", 0o600);
      try {
        await handle.writeFile(text);
        await handle.sync();
      } finally {
        await handle.close();
      }
      try {
        await link(temp, named);
      } catch (error) {
        if (code(error) === "EEXIST") return false;
        throw error;
      }
      // A writer that read a version long since replaced may have made a pruned number again:
      // committed only if it is still the newest.
      if ((await newest()) !== version) {
        await unlink(named).catch(() => undefined);
        return false;
      }
      await rename(temp, target);
      await prune(version);
      return true;
    } catch (error) {
      throw error instanceof TokenStoreError ? error : failure("write", error);
    } finally {
      await unlink(temp).catch(() => undefined);
    }
  }

  /** Older versions only matter to a reader that listed them late, and it lists again. */
  async function prune(below: number): Promise<void> {
    const names = await readdir(dir).catch(() => [] as string[]);
    await Promise.all(
      names.map(async (name) => {
        const match = VERSION.exec(name);
        if (match && Number(match[1]) < below) await unlink(path.join(dir, name)).catch(() => undefined);
      }),
    );
  }

  return { read, commit };
}
