/**
 * A TokenStore in one local JSON file, shared safely by the processes of one machine: atomic
 * writes (temp file + rename), mode 0600, lock directories (file-lock.ts) for cross-process
 * single-flight with fencing, and optional AES-GCM encryption at rest.
 */
import { ConfigurationError } from "../errors/index.js";
import { createCryptoBox } from "./crypto-box.js";
import { toHex } from "./encoding.js";
import { TokenStoreError } from "./errors.js";
import { acquireFileLock } from "./file-lock.js";
import { nodeFiles, type NodeFiles } from "./node-files.js";
import { redacted, type TokenStore } from "./token-store.js";

export interface FileTokenStoreOptions {
  /** Encrypts the file (AES-256-GCM): at least 32 characters or bytes, kept outside the file's backups. */
  encryptionKey?: string | Uint8Array | undefined;
}

interface Content {
  records: Map<string, string>;
  /** Per lock key: the fencing number of its latest holder. */
  fences: Map<string, number>;
}

/** Writes hold the file's write lock for milliseconds; a holder that died frees it after this. */
const WRITE_LOCK = { ttlMs: 10_000, waitMs: 30_000 };

export function createFileTokenStore(file: string, options: FileTokenStoreOptions = {}): TokenStore {
  if (typeof file !== "string" || !file.trim())
    throw new ConfigurationError("the token file path is required");
  // Relative to the working directory at creation; Node's modules are loaded at first use.
  const cwd = globalThis.process?.cwd?.() ?? "";
  let located: Promise<{ fs: NodeFiles["fs"]; target: string; locks: string }> | undefined;
  const where = () =>
    (located ??= nodeFiles().then(({ fs, path }) => {
      const target = path.resolve(cwd, file);
      /** The lock directories, beside the file: one for writes, one per key. */
      return { fs, target, locks: `${target}.locks` };
    }));
  const box = options.encryptionKey === undefined ? undefined : createCryptoBox(options.encryptionKey);
  let permissionsChecked = false;
  /** This process's writes, one after the other (the lock file orders them across processes). */
  let queue: Promise<unknown> = Promise.resolve();

  async function load(): Promise<Content> {
    const {
      target,
      fs: { readFile, stat, chmod },
    } = await where();
    let text: string;
    try {
      text = await readFile(target, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT")
        return { records: new Map(), fences: new Map() };
      throw new TokenStoreError(
        `Cannot read the token file: ${(error as NodeJS.ErrnoException).code ?? "error"}`,
      );
    }
    if (!permissionsChecked) {
      // A file made by someone else with looser permissions is tightened before it holds more.
      const { mode } = await stat(target);
      if (mode & 0o077) await chmod(target, 0o600);
      permissionsChecked = true;
    }
    let parsed: { v?: unknown; sealed?: unknown; records?: unknown; fences?: unknown };
    try {
      parsed = JSON.parse(text) as typeof parsed;
      if (typeof parsed.sealed === "string") {
        if (!box) throw new TokenStoreError("The token file is encrypted: pass its encryptionKey");
        parsed = JSON.parse(await box.open(parsed.sealed)) as typeof parsed;
      } else if (box && parsed.records !== undefined) {
        throw new TokenStoreError("The token file is not encrypted, but an encryptionKey was given");
      }
    } catch (error) {
      if (error instanceof TokenStoreError) throw error;
      throw new TokenStoreError("The token file is not valid JSON: it was altered or truncated");
    }
    const entries = (value: unknown) =>
      Object.entries(typeof value === "object" && value !== null ? value : {});
    return {
      records: new Map(
        entries(parsed.records).filter(([, v]) => typeof v === "string") as [string, string][],
      ),
      fences: new Map(entries(parsed.fences).filter(([, v]) => Number.isInteger(v)) as [string, number][]),
    };
  }

  async function save(content: Content): Promise<void> {
    const {
      target,
      fs: { open, rename, unlink },
    } = await where();
    let text = JSON.stringify({
      v: 1,
      records: Object.fromEntries(content.records),
      fences: Object.fromEntries(content.fences),
    });
    if (box) text = JSON.stringify({ v: 1, sealed: await box.seal(text) });
    const temp = `${target}.${process.pid}.${crypto.randomUUID()}.tmp`;
    const handle = await open(temp, "wx", 0o600);
    try {
      await handle.writeFile(text);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target).catch(async (error: NodeJS.ErrnoException) => {
      await unlink(temp).catch(() => undefined);
      throw new TokenStoreError(`Cannot replace the token file: ${error.code ?? "error"}`);
    });
  }

  /** Read, change, write: under this process's queue and the file's write lock. */
  function mutate<T>(change: (content: Content) => T): Promise<T> {
    const run = queue.then(async () => {
      const { locks } = await where();
      const lock = await acquireFileLock(`${locks}/write`, WRITE_LOCK);
      try {
        const content = await load();
        const result = change(content);
        await save(content);
        return result;
      } finally {
        await lock.release();
      }
    });
    queue = run.catch(() => undefined);
    return run;
  }

  const store: TokenStore = {
    async get(key) {
      return (await load()).records.get(key);
    },
    set(key, value, setOptions) {
      return mutate((content) => {
        const fence = setOptions?.fence;
        if (fence !== undefined && content.fences.get(key) !== fence) {
          throw new TokenStoreError(
            "The store lock was lost (it expired and was taken over): the write was refused",
          );
        }
        content.records.set(key, value);
      });
    },
    async delete(key) {
      await mutate((content) => {
        content.records.delete(key);
      });
    },
    async lock(key, lockOptions) {
      const { locks } = await where();
      const digest = toHex(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(key))).slice(0, 32);
      const held = await acquireFileLock(`${locks}/${digest}`, lockOptions);
      try {
        const fence = await mutate((content) => {
          const next = (content.fences.get(key) ?? 0) + 1;
          content.fences.set(key, next);
          return next;
        });
        return { fence, release: () => held.release() };
      } catch (error) {
        await held.release();
        throw error;
      }
    },
  };
  return redacted(store, "FileTokenStore");
}
