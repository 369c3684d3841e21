/**
 * Entry of the runtimes that run a file (Bun, Deno): reads the harness's input file named by the
 * first argument and prints the scenarios' results as one `RESULT <json>` line.
 */
import { runScenarios } from "./scenarios.mjs";

const inputPath = globalThis.Deno ? globalThis.Deno.args[0] : globalThis.process.argv[2];
const input = JSON.parse(await (await import("node:fs/promises")).readFile(inputPath, "utf8"));
console.log(`RESULT ${JSON.stringify(await runScenarios(input))}`);
