/**
 * Node's file system and path modules for the file checkpoint store, imported when a store first
 * touches its directory, not when `highlevel-voice-ai/sync` is loaded: the rest of the entry then
 * also loads where they do not exist (Cloudflare Workers without nodejs_compat, Vercel's Edge
 * Runtime), and the file store says so there with a ConfigurationError.
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
        "createFileCheckpointStore needs Node's file system (node:fs/promises), which this runtime " +
          "does not provide: use createMemoryCheckpointStore, the Redis store of " +
          "highlevel-voice-ai/redis, or a CheckpointStore of your own",
        { cause },
      );
    },
  );
  return loaded;
}

/** A short hex digest of `text` (WebCrypto: every runtime has it). */
export async function digest(text: string): Promise<string> {
  const bytes = new Uint8Array(
    await globalThis.crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)),
  );
  return [...bytes.slice(0, 6)].map((b) => b.toString(16).padStart(2, "0")).join("");
}
