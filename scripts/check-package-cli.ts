/**
 * check:package's step for the `highlevel-voice-ai` command: the installed package's bin, run as a
 * user runs it (node_modules/.bin, no tsx), against the loopback mock of package-lib.ts — its
 * version, a get whose JSON is the agent, a 404 as exit code 4, a bad flag as exit code 2, an
 * export through /sync — and `fake`, which loads /testing (the CLI imports the package's own
 * entries), served until SIGTERM.
 */
import { spawn } from "node:child_process";
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
    // The mock knows no call logs (404): the export goes through /sync and reports the location.
    const exported = await cli(["calls", "export", "--since", "1d", "--quiet"]);
    if (exported.code !== 4 || !exported.stderr.includes("location L1 skipped (not-found)"))
      problems.push(`calls export: exit ${exported.code} (expected 4), stderr ${exported.stderr.trim()}`);
    const served = await serveFake(binary, tmp);
    if (served) problems.push(served);
  } finally {
    await server.close();
  }
  if (problems.length) throw new Error(problems.join("\n"));
  return `node_modules/.bin/highlevel-voice-ai ${version}: get, 404 → 4, bad flag → 2, export (/sync), fake (/testing)`;
}

/** `fake` until its first line, then SIGTERM: undefined when it printed its URL and exited 0. */
function serveFake(binary: string, cwd: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    const child = spawn(binary, ["fake", "--call-logs", "2"], { cwd, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      out += chunk;
      if (out.includes("\n")) child.kill("SIGTERM");
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (err += chunk));
    child.on("close", (code) => {
      clearTimeout(timer);
      const url = /^\{"url":"http:\/\/127\.0\.0\.1:\d+"/.test(out);
      resolve(
        code === 0 && url
          ? undefined
          : `fake: exit ${code}, stdout ${out.slice(0, 200)}, stderr ${err.trim()}`,
      );
    });
  });
}
