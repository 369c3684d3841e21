/**
 * Renders openapi/voice-ai.yaml into docs/index.html, one self-contained page: Redocly
 * inlines its renderer (--inlineBundle), and the two logo images it still links from its CDN
 * are replaced by inline SVGs, so the page loads nothing from the network.
 */
import { execFileSync } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const output = path.join(root, "docs/index.html");

execFileSync(
  path.join(root, "node_modules/.bin/redocly"),
  ["build-docs", "openapi/voice-ai.yaml", "--output", output, "--inlineBundle"],
  { cwd: root, stdio: "inherit" },
);

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
