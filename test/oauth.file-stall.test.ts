/**
 * The file store under a stalled writer: a real process stopped (SIGSTOP) in the middle of a
 * write for longer than the write lock's ttl and its own store lock's, while another process
 * takes both over and writes; resumed (SIGCONT), it must not put its stale copy over the newer
 * write, and its fenced write must be refused.
 */
import { mkdtemp, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { createFileTokenStore } from "../src/oauth/index.js";
import { killChildren, startChild } from "./support/child.js";

const dirs: string[] = [];
afterEach(killChildren);
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe("createFileTokenStore: a writer stopped mid-write", () => {
  it(
    "resumed after others wrote, it neither replaces their writes nor gets its fenced write in",
    { timeout: 60_000 },
    async () => {
      const dir = await mkdtemp(path.join(os.tmpdir(), "oauth-stall-"));
      dirs.push(dir);
      const file = path.join(dir, "tokens.json");
      const store = createFileTokenStore(file);
      await store.set("K", "before");
      await store.set("other", "kept");

      const writer = startChild("stalled-writer.ts", { STORE_FILE: file, KEY: "K", VALUE: "stale" });
      await writer.line("stalled");
      // Its store lock (1 s) and the write lock expire while it is stopped: taken over here.
      const started = performance.now();
      const lock = await store.lock!("K", { ttlMs: 30_000, waitMs: 30_000 });
      await store.set("K", "newer", { fence: lock.fence });
      await store.set("P", "written while it was stopped");
      const tookOverMs = performance.now() - started;
      writer.signal("SIGCONT");
      expect(await writer.line("refused")).toBe("refused TokenStoreError");
      expect(await writer.exited).toBe(0);
      await lock.release();

      const fresh = createFileTokenStore(file);
      expect(await fresh.get("K")).toBe("newer");
      expect(await fresh.get("P")).toBe("written while it was stopped");
      expect(await fresh.get("other")).toBe("kept");
      // The copy at the user's path is the newest version too, and no temp file is left.
      expect((await readdir(dir)).sort()).toEqual(["tokens.json", "tokens.json.locks"]);
      expect(JSON.parse(await readFile(file, "utf8")).records).toMatchObject({ K: "newer", other: "kept" });
      console.log(
        `stalled writer: taken over after ${tookOverMs.toFixed(0)} ms, its write refused on SIGCONT`,
      );
    },
  );
});

describe("createFileTokenStore: a rolling upgrade", () => {
  it("a copy written by an older release (which writes only the file itself) is read, and built on", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "oauth-upgrade-"));
    dirs.push(dir);
    const file = path.join(dir, "tokens.json");
    const store = createFileTokenStore(file);
    await store.set("K", "new release");
    expect(await readFile(file, "utf8")).toMatch(/^\{"v":1,"version":\d+,/);
    // An older release's write: read the file, change it, rename a temp copy over it.
    const old = JSON.parse(await readFile(file, "utf8")) as { records: Record<string, string> };
    const written = JSON.stringify({ v: 1, records: { ...old.records, K: "old release" }, fences: {} });
    await writeFile(`${file}.old.tmp`, written, { mode: 0o600 });
    await rename(`${file}.old.tmp`, file);
    expect(await store.get("K")).toBe("old release");
    await store.set("L", "after");
    const fresh = createFileTokenStore(file);
    expect([await fresh.get("K"), await fresh.get("L")]).toEqual(["old release", "after"]);
  });
});
