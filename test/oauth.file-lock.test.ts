/**
 * The file lock under a takeover race: real processes that find the same expired lock at the same
 * moment, round after round. Exactly one of them may come out holding it.
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acquireFileLock } from "../src/oauth/file-lock.js";
import { TokenStoreError } from "../src/oauth/errors.js";
import { rejectionOf } from "./rejection.js";

const root = path.resolve(import.meta.dirname, "..");
const RACERS = 4;
const ROUNDS = 15;
let dir = "";
const racers: Racer[] = [];

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "oauth-lock-"));
});
afterAll(async () => {
  for (const racer of racers) racer.child.kill();
  await rm(dir, { recursive: true, force: true });
});

describe("acquireFileLock", () => {
  it(
    `of ${RACERS} processes racing on one expired lock, exactly one takes it (${ROUNDS} rounds)`,
    { timeout: 60_000 },
    async () => {
      racers.push(...Array.from({ length: RACERS }, () => racer()));
      await Promise.all(racers.map((r) => r.ready));
      const winners: number[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        const lock = path.join(dir, `round-${round}.lock`);
        // A holder that "died": its lock is left behind and expires at once.
        await acquireFileLock(lock, { ttlMs: 1, waitMs: 0 });
        await new Promise((resolve) => setTimeout(resolve, 5));
        const answers = await Promise.all(racers.map((r) => r.attempt(lock)));
        winners.push(answers.filter((answer) => answer === "won").length);
      }
      expect(winners).toEqual(Array.from({ length: ROUNDS }, () => 1));
    },
  );

  it("a live lock is not taken over, and a released one is free again", async () => {
    const lock = path.join(dir, "live.lock");
    const held = await acquireFileLock(lock, { ttlMs: 60_000, waitMs: 0 });
    const refused = await rejectionOf(acquireFileLock(lock, { ttlMs: 60_000, waitMs: 50 }));
    expect(refused).toBeInstanceOf(TokenStoreError);
    expect((refused as Error).message).toContain("Timed out after 50 ms");
    await held.release();
    const next = await acquireFileLock(lock, { ttlMs: 60_000, waitMs: 0 });
    // The first holder's late second release must not free the new holder's lock.
    await held.release();
    expect(await rejectionOf(acquireFileLock(lock, { ttlMs: 60_000, waitMs: 0 }))).toBeInstanceOf(
      TokenStoreError,
    );
    await next.release();
  });
});

describe("acquireFileLock: what dead processes leave behind", () => {
  it("an unreadable generation expires ttlMs after it was written; old temp files and generations go", async () => {
    const lock = path.join(dir, "leftovers.lock");
    await mkdir(lock, { recursive: true });
    await writeFile(path.join(lock, "g7"), "{not json");
    await writeFile(path.join(lock, "t.dead"), "{}");
    await writeFile(path.join(lock, "t.fresh"), "{}");
    const longAgo = new Date(Date.now() - 120_000);
    await utimes(path.join(lock, "t.dead"), longAgo, longAgo);
    // Written just now: held for ttlMs.
    expect(await rejectionOf(acquireFileLock(lock, { ttlMs: 60_000, waitMs: 0 }))).toBeInstanceOf(
      TokenStoreError,
    );
    await utimes(path.join(lock, "g7"), longAgo, longAgo);
    const held = await acquireFileLock(lock, { ttlMs: 60_000, waitMs: 0 });
    expect(held.generation).toBe(8);
    expect((await readdir(lock)).sort()).toEqual(["g8", "t.fresh"]);
    await held.release();
    expect(await readdir(lock)).toContain("g9"); // free
  });
});

interface Racer {
  child: ChildProcessWithoutNullStreams;
  ready: Promise<void>;
  attempt(lock: string): Promise<string>;
}

/** A racer process (test/fixtures/lock-racer.ts), answering one line per attempt. */
function racer(): Racer {
  const child = spawn(process.execPath, ["--import", "tsx", "test/fixtures/lock-racer.ts"], { cwd: root });
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr += chunk));
  const waiting: ((line: string) => void)[] = [];
  let buffer = "";
  child.stdout.on("data", (chunk) => {
    buffer += chunk;
    for (let end = buffer.indexOf("\n"); end >= 0; end = buffer.indexOf("\n")) {
      const line = buffer.slice(0, end);
      buffer = buffer.slice(end + 1);
      waiting.shift()?.(line);
    }
  });
  const exited = new Promise<never>((_, reject) =>
    child.on("exit", (code) => reject(new Error(`racer exited with ${code}: ${stderr}`))),
  );
  exited.catch(() => undefined);
  const next = () => Promise.race([new Promise<string>((resolve) => waiting.push(resolve)), exited]);
  const ready = next().then((line) => {
    if (line !== "ready") throw new Error(`racer said ${line}`);
  });
  return {
    child,
    ready,
    attempt(lock) {
      const answer = next();
      child.stdin.write(`${lock}\n`);
      return answer;
    },
  };
}
