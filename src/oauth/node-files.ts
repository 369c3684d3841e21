/**
 * Node's file system and path modules for the file token store, imported when a store first
 * touches its file, not when `highlevel-voice-ai/oauth` is loaded: the rest of the entry (OAuth,
 * webhooks, the memory store) then also loads where they do not exist (Cloudflare Workers without
 * nodejs_compat, Vercel's Edge Runtime), and the file store says so there with a
 * ConfigurationError instead of a loader error from deep inside a bundle.
 */
import { ConfigurationError } from "../errors/index.js";

export interface NodeFiles {
  fs: typeof import("node:fs/promises");
  path: typeof import("node:path");
}

let loaded: Promise<NodeFiles> | undefined;

export function nodeFiles(): Promise<NodeFiles> {
  loaded ??= Promise.all([import("node:fs/promises"), import("node:path")]).then(
    ([fs, path]) => ({ fs, path }),
    (cause: unknown) => {
      throw new ConfigurationError(
        `createFileTokenStore needs Node's file system (node:fs/promises), which this runtime` +
          `${runtimeName()} does not provide: use createMemoryTokenStore, the Redis store of ` +
          `highlevel-voice-ai/redis, or a TokenStore of your own`,
        { cause },
      );
    },
  );
  return loaded;
}

/** " (Cloudflare-Workers)", " (edge-runtime)", ... when the runtime tells its name. */
function runtimeName(): string {
  const global = globalThis as { EdgeRuntime?: unknown; navigator?: { userAgent?: unknown } };
  const name = typeof global.EdgeRuntime === "string" ? global.EdgeRuntime : global.navigator?.userAgent;
  return typeof name === "string" && name ? ` (${name})` : "";
}
