/**
 * The headless Chromium that test/docs.test.ts drives, installed by `npm install` alone: the build
 * that the npm package @sparticuz/chromium ships, brotli-compressed, in its bin/chromium.br. No
 * system browser is ever used (no /usr/bin/chromium, no download): the path is always the one
 * unpacked here.
 *
 * Version pinned in package.json: 147.0.0 (Chromium 147), the newest release whose `engines` admits
 * Node 20 (>=20.11.0); from 147.0.1 on it asks for Node >=22.17, so `npm ci` on Node 20 (our lowest
 * supported Node, and CI's) would warn, and fail under engine-strict. playwright-core 1.65.1 drives
 * it (checked by the docs test, which also asserts that the running browser is this version).
 *
 * The package's own `executablePath()` is not used: it unpacks into the shared os.tmpdir()/chromium
 * and returns whatever already sits there (another version, or a file another run is still
 * writing). Here the binary goes to a folder named after the package version under
 * node_modules/.cache, written under a temporary name and renamed once complete.
 */
import { createReadStream, createWriteStream } from "node:fs";
import { access, chmod, mkdir, mkdtemp, readFile, rename, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { createBrotliDecompress } from "node:zlib";
import { chromium, type BrowserContext } from "playwright-core";

const root = path.resolve(import.meta.dirname, "..");
const PACKAGE = "@sparticuz/chromium";

/** Flags that keep the browser off the network and out of first-run work; it runs as root here. */
const FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** The folder and version of the installed @sparticuz/chromium (its exports hide package.json). */
async function installedPackage(): Promise<{ dir: string; version: string }> {
  const entry = createRequire(path.join(root, "package.json")).resolve(PACKAGE);
  let dir = path.dirname(entry);
  while (path.basename(dir) !== "chromium" || path.basename(path.dirname(dir)) !== "@sparticuz") {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`cannot find the folder of ${PACKAGE} from ${entry}`);
    dir = parent;
  }
  const { version } = JSON.parse(await readFile(path.join(dir, "package.json"), "utf8")) as {
    version: string;
  };
  return { dir, version };
}

/** Path of the unpacked Chromium binary; unpacks it on first use (a few seconds, ~200 MB). */
export async function chromiumExecutable(): Promise<{ executablePath: string; packageVersion: string }> {
  const { dir, version } = await installedPackage();
  const cacheDir = path.join(root, "node_modules/.cache/highlevel-voice-ai", `chromium-${version}`);
  const executablePath = path.join(cacheDir, "chromium");
  const exists = await access(executablePath).then(
    () => true,
    () => false,
  );
  if (!exists) {
    await mkdir(cacheDir, { recursive: true });
    const partial = `${executablePath}.${process.pid}.partial`;
    try {
      await pipeline(
        createReadStream(path.join(dir, "bin/chromium.br")),
        createBrotliDecompress(),
        createWriteStream(partial),
      );
      await chmod(partial, 0o755);
      await rename(partial, executablePath);
    } finally {
      await rm(partial, { force: true });
    }
  }
  return { executablePath, packageVersion: version };
}

export interface HeadlessChromium {
  context: BrowserContext;
  executablePath: string;
  /** The version of @sparticuz/chromium; its major is the Chromium major. */
  packageVersion: string;
  close(): Promise<void>;
}

/** Launches the npm-installed Chromium headless with a fresh, throw-away user-data-dir. */
export async function launchChromium(options: {
  viewport: { width: number; height: number };
}): Promise<HeadlessChromium> {
  const { executablePath, packageVersion } = await chromiumExecutable();
  const userDataDir = await mkdtemp(path.join(os.tmpdir(), "voice-ai-chromium-profile-"));
  try {
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath,
      headless: true,
      args: FLAGS,
      viewport: options.viewport,
      serviceWorkers: "block",
    });
    return {
      context,
      executablePath,
      packageVersion,
      close: async () => {
        try {
          await context.close();
        } finally {
          await rm(userDataDir, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    await rm(userDataDir, { recursive: true, force: true });
    throw error;
  }
}
