/**
 * check:package's step for the `highlevel-voice-ai` command: the installed package's bin, run as a
 * user runs it (node_modules/.bin, no tsx), against the loopback mock of package-lib.ts — its
 * version, a get whose JSON is the agent, a 404 as exit code 4, a bad flag as exit code 2.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { AGENT, root, run, startMockServer } from "./package-lib.js";

export async function checkInstalledCli(tmp: string): Promise<string> {
  const binary = path.join(tmp, "node_modules/.bin/highlevel-voice-ai");
  const { version } = JSON.parse(await readFile(path.join(root, "package.json"), "utf8")) as {
    version: string;
  };
  const server = await startMockServer();
  const problems: string[] = [];
  try {
    const env = {
      ...process.env,
      GHL_TOKEN: "tok_smoke",
      GHL_BASE_URL: server.baseUrl,
      GHL_LOCATION_ID: "L1",
    };
    const cli = (args: string[]) => run(binary, args, { cwd: tmp, env, timeoutMs: 30_000 });
    const shown = await cli(["--version"]);
    if (shown.code !== 0 || shown.stdout.trim() !== version)
      problems.push(`--version: exit ${shown.code}, printed ${JSON.stringify(shown.stdout.trim())}`);
    const got = await cli(["agents", "get", "a1", "--json"]);
    if (got.code !== 0 || got.stdout.trim() !== JSON.stringify(AGENT))
      problems.push(
        `agents get a1: exit ${got.code}, stdout ${got.stdout.trim()}, stderr ${got.stderr.trim()}`,
      );
    const missing = await cli(["agents", "get", "a2"]);
    if (missing.code !== 4 || !/^error: not found \(404/.test(missing.stderr))
      problems.push(`agents get a2: exit ${missing.code} (expected 4), stderr ${missing.stderr.trim()}`);
    const bad = await cli(["agents", "list", "--nope"]);
    if (bad.code !== 2 || !bad.stderr.includes("unknown flag --nope"))
      problems.push(`agents list --nope: exit ${bad.code} (expected 2), stderr ${bad.stderr.trim()}`);
    if (server.seen.length !== 2) problems.push(`the server saw ${server.seen.length} requests, expected 2`);
  } finally {
    await server.close();
  }
  if (problems.length) throw new Error(problems.join("\n"));
  return `node_modules/.bin/highlevel-voice-ai ${version}: get, 404 → 4, bad flag → 2`;
}
