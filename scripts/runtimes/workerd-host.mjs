/**
 * `node workerd-host.mjs <bundle.mjs> <compatibilityDate> <input.json>`: runs the bundled Worker in
 * workerd through miniflare (no compatibility flags: no nodejs_compat), sends it the input, prints
 * `RESULT <json>`. miniflare and workerd come from this repository's node_modules. Killed (the
 * harness's timeout), this process takes workerd with it: workerd exits when its parent's pipe closes.
 */
import { readFile } from "node:fs/promises";
import { Miniflare } from "miniflare";

const [bundlePath, compatibilityDate, inputPath] = process.argv.slice(2);
const mf = new Miniflare({
  modules: [{ type: "ESModule", path: bundlePath, contents: await readFile(bundlePath, "utf8") }],
  compatibilityDate,
});
try {
  const response = await mf.dispatchFetch("http://runtime-matrix.invalid/", {
    method: "POST",
    body: await readFile(inputPath, "utf8"),
  });
  const text = await response.text();
  if (response.status !== 200)
    throw new Error(`the Worker answered ${response.status}: ${text.slice(0, 2000)}`);
  console.log(`RESULT ${text}`);
} finally {
  await mf.dispose();
}
