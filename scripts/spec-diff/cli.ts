/**
 * `npm run spec:diff -- [<old> [<new>]] [--json]`: what changed for a client between two OpenAPI
 * documents, per operation and per webhook, each change marked breaking or not.
 *   <old>   default HEAD:openapi/voice-ai.yaml (the committed spec); a file or <rev>:<path>
 *           (`$ref`s into other files are read from beside it, or from the same revision)
 *   <new>   default openapi/voice-ai.yaml (the working tree)
 *   --json  one JSON object instead of text
 * Exit status: 1 when a change is breaking, 0 otherwise, 2 when a document or a file it refers to
 * cannot be read (or a ref is a URL: nothing but local files is read).
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { diffDocuments } from "./diff.js";
import { loadSpec } from "./load.js";
import { formatText } from "./report.js";

const SPEC = "openapi/voice-ai.yaml";
const repoDir = path.resolve(import.meta.dirname, "../..");
// npm runs scripts from the package root; paths the user typed are relative to where they were.
const cwd = process.env.INIT_CWD ?? process.cwd();

try {
  const { values, positionals } = parseArgs({
    options: {
      json: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
    allowPositionals: true,
  });
  if (values.help) {
    console.log(
      "usage: npm run spec:diff -- [<old> [<new>]] [--json]   (defaults: HEAD:openapi/voice-ai.yaml, the working tree's)",
    );
  } else {
    if (positionals.length > 2) throw new Error(`expected at most two documents, got ${positionals.length}`);
    const [oldSpec = `HEAD:${SPEC}`, newSpec = path.join(repoDir, SPEC)] = positionals;
    const old = loadSpec(oldSpec, cwd, repoDir);
    const now = loadSpec(newSpec, cwd, repoDir);
    const result = diffDocuments(old, { ...now, label: positionals[1] ?? SPEC });
    console.log(values.json ? JSON.stringify(result, null, 2) : formatText(result));
    process.exitCode = result.breaking ? 1 : 0;
  }
} catch (error) {
  console.error(`spec:diff: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 2;
}
