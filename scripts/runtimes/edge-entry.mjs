/** The Edge function's code (bundled by esbuild into one script): the host calls this global. */
import { runScenarios } from "./scenarios.mjs";

globalThis.__runtimeMatrix = async (input) => JSON.stringify(await runScenarios(input));
