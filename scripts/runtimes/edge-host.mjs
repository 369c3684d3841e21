/**
 * `node edge-host.mjs <bundle.js> <input.json>`: evaluates the bundled Edge function in Vercel's
 * edge-runtime (a context with the Edge Runtime's web APIs only: no require, no process, no Node
 * modules), calls it with the input, prints `RESULT <json>`.
 */
import { readFile } from "node:fs/promises";
import { EdgeRuntime } from "edge-runtime";

const [bundlePath, inputPath] = process.argv.slice(2);
const runtime = new EdgeRuntime({ initialCode: await readFile(bundlePath, "utf8") });
const input = await readFile(inputPath, "utf8");
console.log(`RESULT ${await runtime.evaluate(`globalThis.__runtimeMatrix(${input})`)}`);
