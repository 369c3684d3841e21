/**
 * Renders the API docs into docs/index.html, one self-contained page: Redocly inlines its
 * renderer (--inlineBundle), and the two logo images it still links from its CDN are replaced by
 * inline SVGs, so the page loads nothing from the network. What it renders is a copy of
 * openapi/voice-ai.yaml with the client's code samples and guide (README.md's marked sections and guides/) added (scripts/docs-bundle.ts);
 * the spec itself is not changed.
 */
import { execFileSync } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { bundleForDocs, readClientGuide } from "./docs-bundle.js";

const root = path.resolve(import.meta.dirname, "..");
const output = path.join(root, "docs/index.html");

const spec = parseYaml(await readFile(path.join(root, "openapi/voice-ai.yaml"), "utf8")) as Parameters<
  typeof bundleForDocs
>[0];
const samples = JSON.parse(await readFile(path.join(root, "generated/code-samples.json"), "utf8")) as Record<
  string,
  string
>;
const guide = await readClientGuide(root);
const bundled = bundleForDocs(spec, samples, guide);

const tmp = await mkdtemp(path.join(os.tmpdir(), "voice-ai-docs-"));
try {
  const copy = path.join(tmp, "voice-ai.json");
  await writeFile(copy, JSON.stringify(bundled));
  // Run from the repository, so that redocly.yaml (telemetry off, code-sample languages) applies.
  execFileSync(
    path.join(root, "node_modules/.bin/redocly"),
    ["build-docs", copy, "--output", output, "--inlineBundle"],
    { cwd: root, stdio: "inherit" },
  );
} finally {
  await rm(tmp, { recursive: true, force: true });
}

const textLogo = (width: number, text: string): string =>
  "data:image/svg+xml," +
  encodeURIComponent(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} 14"><text y="11" font-family="sans-serif" font-size="12" font-weight="bold">${text}</text></svg>`,
  );
const html = (await readFile(output, "utf8"))
  .replaceAll("https://cdn.redoc.ly/redoc/logo-mini-full.svg", textLogo(46, "Redocly"))
  .replaceAll("https://cdn.redoc.ly/redoc/logo-mini.svg", textLogo(9, "R"));
if (/https:\/\/cdn\.redoc\.ly/.test(html)) throw new Error("docs/index.html still links cdn.redoc.ly");
await writeFile(output, html);
console.log(`wrote ${path.relative(process.cwd(), output)}`);
