/**
 * Cross-process locks on the local file system. A lock is a directory of numbered generations
 * (`g1`, `g2`, …): the newest one says who holds the lock until when, or that it is free. Every
 * change of hands — taking a free lock, taking over an expired one, releasing — creates the next
 * generation with link(), which fails when that name exists: of the processes that saw generation
 * N, exactly one makes N+1. Moving or deleting a shared lock file, whose content may have changed
 * since it was read, is never needed.
 */
import { APIUserAbortError } from "../errors/index.js";
import { TokenStoreError } from "./errors.js";
import { nodeFiles } from "./node-files.js";

/** A generation's content: its holder and when the hold expires, or none when free. */
interface Hold {
  owner: string | undefined;
  expiresAt: number;
}

export interface HeldFileLock {
  /** The generation this holder made: it grows with every change of hands. */
  readonly generation: number;
  release(): Promise<void>;
}

const POLL_MS = 20;
const GENERATION = /^g(\d{1,15})$/;
const FREE: Hold = { owner: undefined, expiresAt: 0 };
const info = { operationId: undefined, method: "", url: "" };

/** Waits up to `waitMs` for the lock directory `dir`; a hold expires `ttlMs` after it is taken. */
export async function acquireFileLock(
  dir: string,
  options: { ttlMs: number; waitMs: number; signal?: AbortSignal | undefined },
): Promise<HeldFileLock> {
  const {
    fs: { unlink },
    path,
  } = await nodeFiles();
  const owner = `${process.pid}.${crypto.randomUUID()}`;
  const deadline = Date.now() + options.waitMs;
  for (;;) {
    if (options.signal?.aborted) throw new APIUserAbortError(info, "Aborted while waiting for a store lock");
    const head = await newest(dir, options.ttlMs);
    if (head.hold.owner === undefined || head.hold.expiresAt < Date.now()) {
      const generation = head.n + 1;
      if (await create(dir, generation, { owner, expiresAt: Date.now() + options.ttlMs })) {
        // A process that read an older generation may have created an old number only now:
        // it holds the lock only if its generation is still the newest.
        if ((await newest(dir, options.ttlMs)).n === generation) {
          await prune(dir, generation);
          return { generation, release: () => release(dir, generation, owner) };
        }
        await unlink(path.join(dir, `g${generation}`)).catch(() => undefined);
      }
      continue;
    }
    if (Date.now() >= deadline)
      throw new TokenStoreError(`Timed out after ${options.waitMs} ms waiting for a store lock`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS + Math.random() * POLL_MS));
  }
}

/** Frees the lock by making the next generation, unless someone took it over meanwhile. */
async function release(dir: string, generation: number, owner: string): Promise<void> {
  const head = await newest(dir, 0);
  if (head.n !== generation || head.hold.owner !== owner) return;
  if (await create(dir, generation + 1, FREE)) await prune(dir, generation + 1);
}

/** The newest generation (0, free, when there is none yet). */
async function newest(dir: string, ttlMs: number): Promise<{ n: number; hold: Hold }> {
  const { path } = await nodeFiles();
  for (let attempt = 0; attempt < 100; attempt++) {
    const n = Math.max(0, ...(await generations(dir)));
    if (n === 0) return { n, hold: FREE };
    const hold = await readHold(path.join(dir, `g${n}`), ttlMs);
    if (hold) return { n, hold };
    // Pruned between the listing and the read: a newer generation exists; list again.
  }
  throw new TokenStoreError("The lock directory changes too fast to be read");
}

async function generations(dir: string): Promise<number[]> {
  const { readdir, mkdir } = (await nodeFiles()).fs;
  try {
    return (await readdir(dir)).flatMap((name) => {
      const match = GENERATION.exec(name);
      return match ? [Number(match[1])] : [];
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw storeError("read", error);
    await mkdir(dir, { recursive: true, mode: 0o700 }).catch((e: unknown) => {
      throw storeError("create", e);
    });
    return [];
  }
}

async function readHold(file: string, ttlMs: number): Promise<Hold | undefined> {
  const { readFile, stat } = (await nodeFiles()).fs;
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    return undefined;
  }
  try {
    const parsed = JSON.parse(text) as Partial<Hold>;
    if (parsed.owner === undefined || parsed.owner === null) return FREE;
    if (typeof parsed.owner === "string" && typeof parsed.expiresAt === "number") {
      return { owner: parsed.owner, expiresAt: parsed.expiresAt };
    }
  } catch {
    // not ours: below
  }
  // Unreadable content: treated as a hold that expires ttlMs after the file was made.
  const stats = await stat(file).catch(() => undefined);
  return stats && { owner: "", expiresAt: stats.mtimeMs + ttlMs };
}

/** Creates generation `n` complete or not at all: written aside, then linked (fails if it exists). */
async function create(dir: string, n: number, hold: Hold): Promise<boolean> {
  const {
    fs: { writeFile, link, unlink },
    path,
  } = await nodeFiles();
  const temp = path.join(dir, `t.${crypto.randomUUID()}`);
  try {
    await writeFile(temp, JSON.stringify(hold), { mode: 0o600, flag: "wx" });
    await link(temp, path.join(dir, `g${n}`));
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST" || code === "ENOENT") return false;
    throw storeError("create", error);
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}

/**
 * Older generations only matter to a process that read them late, and it re-checks the newest.
 * A temp file older than a minute was left by a process that died between writing and linking it.
 */
async function prune(dir: string, below: number): Promise<void> {
  const {
    fs: { readdir, unlink },
    path,
  } = await nodeFiles();
  const names = await readdir(dir).catch(() => [] as string[]);
  const stale = Date.now() - 60_000;
  await Promise.all(
    names.map(async (name) => {
      const file = path.join(dir, name);
      const match = GENERATION.exec(name);
      if (match ? Number(match[1]) < below : name.startsWith("t.") && (await isOlder(file, stale))) {
        await unlink(file).catch(() => undefined);
      }
    }),
  );
}

const isOlder = async (file: string, than: number) =>
  ((await (await nodeFiles()).fs.stat(file).catch(() => undefined))?.mtimeMs ?? Infinity) < than;

const storeError = (action: string, error: unknown) =>
  new TokenStoreError(
    `Cannot ${action} the lock directory: ${(error as NodeJS.ErrnoException).code ?? "error"}`,
  );
