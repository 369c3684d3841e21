/** The Cloudflare Worker (bundled by esbuild as wrangler does): POST the input, get the results. */
import { runScenarios } from "./scenarios.mjs";

export default {
  async fetch(request) {
    return Response.json(await runScenarios(await request.json()));
  },
};
