/**
 * The command line guide's shell examples (guides/cli.md) are true: its first block (the fake) and its
 * second (every command after it) run as written — bash, in a fresh folder, `npx highlevel-voice-ai`
 * being this checkout's command (from source), PORT the fake's port — and do what the guide says.
 */
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, expect, it } from "vitest";
import { baseEnv, MAIN, root } from "./helpers.js";

const LOADER = pathToFileURL(createRequire(import.meta.url).resolve("tsx/esm")).href;
let dir = "";
afterAll(() => rm(dir, { recursive: true, force: true }));

async function shBlocks(): Promise<string[]> {
  const guide = await readFile(path.join(root, "guides/cli.md"), "utf8");
  return [...guide.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
}

function bash(script: string, env: NodeJS.ProcessEnv) {
  // `npx highlevel-voice-ai …` is this checkout's command, run from source.
  const prelude = `npx() { shift; node --import '${LOADER}' '${MAIN}' "$@"; }\n`;
  const child = spawn("bash", ["-eo", "pipefail", "-c", prelude + script], {
    cwd: dir,
    env: { ...baseEnv(), ...env },
    stdio: ["ignore", "pipe", "pipe"],
    // Its own process group: Ctrl-C reaches bash and the command it runs, as in a terminal.
    detached: true,
  });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (c: string) => (stdout += c));
  child.stderr.setEncoding("utf8").on("data", (c: string) => (stderr += c));
  const done = new Promise<number | null>((resolve) => child.on("close", resolve));
  const timer = setTimeout(() => process.kill(-child.pid!, "SIGKILL"), 150_000);
  void done.then(() => clearTimeout(timer));
  const interrupt = () => process.kill(-child.pid!, "SIGINT");
  return { child, done, interrupt, out: () => stdout, err: () => stderr };
}

it("runs the fake, then every command of the walk-through, as guides/cli.md writes them", async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "cli-readme-"));
  const [fakeBlock, walkthrough] = await shBlocks();
  expect(fakeBlock).toMatch(/^npx highlevel-voice-ai fake /);
  const fake = bash(fakeBlock!, {});
  try {
    for (let i = 0; i < 600 && !fake.out().includes("\n"); i++) await new Promise((r) => setTimeout(r, 50));
    const info = JSON.parse(fake.out().split("\n")[0]!) as { url: string; locations: { id: string }[] };
    expect(info.locations.map((l) => l.id)).toEqual(["LOC1", "LOC2", "LOC3"]);
    const port = new URL(info.url).port;
    const walk = bash(walkthrough!.replace("PORT", port), {});
    const code = await walk.done;
    expect(code, walk.err()).toBe(0);
    expect(walk.out()).toMatch(/"total":2/); // agents list
    expect(walk.out()).toMatch(/"agentName":"Night desk","?/); // agents create
    expect(walk.out().trim().split("\n").at(-1)).toBe("exit 4");
    expect(walk.err()).toMatch(/^error: not found \(404 on getAgent\): Agent not found$/m);
    const week = (await readFile(path.join(dir, "last-week.ndjson"), "utf8")).trim().split("\n");
    for (const line of week)
      expect(Date.now() - Date.parse((JSON.parse(line) as { createdAt: string }).createdAt)).toBeLessThan(
        7 * 86_400_000,
      );
    expect((await readFile(path.join(dir, "calls.csv"), "utf8")).startsWith("locationId,id,")).toBe(true);
    expect((await readFile(path.join(dir, "new-calls.ndjson"), "utf8")).trim().split("\n")).toHaveLength(40);
  } finally {
    fake.interrupt();
    expect(await fake.done).toBe(0);
  }
}, 180_000);
