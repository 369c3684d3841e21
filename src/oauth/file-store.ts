/**
 * A TokenStore in one local JSON file, shared safely by the processes of one machine: atomic
 * writes that a stale writer cannot win (file-versions.ts), mode 0600, lock directories
 * (file-lock.ts) for cross-process single-flight with fencing, and optional AES-GCM encryption
 * at rest. What was read last is kept, by version: a read of an unchanged file parses nothing.
 */
import { ConfigurationError } from "../errors/index.js";
import { createCryptoBox, TOKEN_FILE } from "./crypto-box.js";
import { toHex } from "./encoding.js";
import { TokenStoreError } from "./errors.js";
import { acquireFileLock } from "./file-lock.js";
import { createVersions, type Snapshot } from "./file-versions.js";
import { nodeFiles } from "./node-files.js";
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

/**
 * Writes hold the file's write lock for milliseconds; a holder that died frees it after this. It
 * only orders writers: one that outlived it cannot commit over a newer write (file-versions.ts).
 */
const WRITE_LOCK = { ttlMs: 5_000, waitMs: 30_000 };

export function createFileTokenStore(file: string, options: FileTokenStoreOptions = {}): TokenStore {
  if (typeof file !== "string" || !file.trim())
    throw new ConfigurationError("the token file path is required");
  const box =
    options.encryptionKey === undefined ? undefined : createCryptoBox(options.encryptionKey, TOKEN_FILE);
  // Relative to the working directory at creation; Node's modules are loaded at first use.
  const cwd = globalThis.process?.cwd?.() ?? "";
  const where = lazy(async () => {
    const files = await nodeFiles();
    const target = files.path.resolve(cwd, file);
    /** The lock directories, beside the file: one for writes, one per key. */
    const locks = `${target}.locks`;
    return { ...files, target, locks, versions: createVersions(files, target, `${locks}/versions`) };
  });
  let permissionsChecked = false;
  /** The last version read, parsed: versions never change once committed. */
  let last: { snapshot: Snapshot; content: Content } | undefined;
  /** This process's writes, one after the other (the lock file orders them across processes). */
  let queue: Promise<unknown> = Promise.resolve();

  /** The newest content, and its version; shared with other readers: copy before changing. */
  async function load(): Promise<{ version: number; content: Content }> {
    const snapshot = await (await where()).versions.read(last?.snapshot);
    if (snapshot === last?.snapshot) return { version: snapshot.version, content: last.content };
    const content = await parse(snapshot.text);
    last = { snapshot, content };
    return { version: snapshot.version, content };
  }

  async function parse(text: string | undefined): Promise<Content> {
    if (text === undefined) return { records: new Map(), fences: new Map() };
    if (!permissionsChecked) {
      // A file made by someone else with looser permissions is tightened before it holds more.
      const { fs, target } = await where();
      const mode = (await fs.stat(target).catch(() => undefined))?.mode ?? 0;
      if (mode & 0o077) await fs.chmod(target, 0o600);
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

  /** `version` first: the mark of this format (VERSIONED), outside the encryption. */
  async function serialize(content: Content, version: number): Promise<string> {
    const text = JSON.stringify({
      v: 1,
      version,
      records: Object.fromEntries(content.records),
      fences: Object.fromEntries(content.fences),
    });
    return box ? JSON.stringify({ v: 1, version, sealed: await box.seal(text) }) : text;
  }

  /**
   * Read, change, write: under this process's queue and the file's write lock. The write lock
   * can be lost (a pause past its ttl): the commit then fails, and the change is made again on
   * the newer content, its checks (fences) included.
   */
  function mutate<T>(change: (content: Content) => T): Promise<T> {
    const run = queue.then(async () => {
      const { locks, versions } = await where();
      const lock = await acquireFileLock(`${locks}/write`, WRITE_LOCK);
      try {
        for (;;) {
          const { version, content } = await load();
          const copy = { records: new Map(content.records), fences: new Map(content.fences) };
          const result = change(copy);
          if (await versions.commit(version + 1, await serialize(copy, version + 1))) return result;
        }
      } finally {
        await lock.release();
      }
    });
    queue = run.catch(() => undefined);
    return run;
  }

  const store: TokenStore = {
    async get(key) {
      return (await load()).content.records.get(key);
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
    setMany(entries) {
      return mutate((content) => {
        for (const [key, value] of entries) content.records.set(key, value);
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
        return { fence, takenAt: held.takenAt, release: () => held.release() };
      } catch (error) {
        await held.release();
        throw error;
      }
    },
  };
  return redacted(store, "FileTokenStore");
}

/** `make` run once, on first call; its promise shared by every caller. */
function lazy<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined;
  return () => (made ??= make());
}
