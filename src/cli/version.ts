/** The package's version, read from its package.json (found upwards from this file, in src/ or dist/). */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export function packageVersion(from: string = import.meta.url): string {
  let dir = path.dirname(fileURLToPath(from));
  for (let i = 0; i < 5; i++, dir = path.dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as {
        name?: string;
        version?: string;
      };
      if (pkg.name === "highlevel-voice-ai" && typeof pkg.version === "string") return pkg.version;
    } catch {
      // not here: one folder up
    }
  }
  return "unknown";
}
