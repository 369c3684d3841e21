/**
 * The docs page as test/docs.test.ts drives it: `npm run docs` builds docs/index.html from
 * scratch, the npm-installed headless Chromium (test/chromium.ts) opens it from the file system,
 * every request to anything but a file:, data: or blob: URL is blocked and recorded (the page must
 * work offline), and console errors and uncaught page errors are recorded. Plus the locators and
 * checks the tests share.
 */
import { execFile } from "node:child_process";
import { mkdir, rm, stat } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import type { Locator, Page } from "playwright-core";
import { expect } from "vitest";
import { launchChromium, type HeadlessChromium } from "./chromium.js";

const root = path.resolve(import.meta.dirname, "..");
const docsFile = path.join(root, "docs/index.html");
const screenshotDir = path.join(root, "artifacts/docs");
const VIEWPORT = { width: 1440, height: 900 };
export const UI_TIMEOUT = 15_000;

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
export const exactly = (text: string): RegExp => new RegExp(`^\\s*${escapeRegExp(text)}\\s*$`);
export const slug = (text: string): string => text.toLowerCase().replace(/[^a-z0-9]+/g, "-");
/** Markdown source reduced to the text a reader sees: no code ticks or emphasis marks, one space between words. */
export const plainText = (markdown: string): string =>
  markdown.replace(/[`*_]/g, "").replace(/\s+/g, " ").trim();
/** Code as shown, compared without its whitespace (the page may wrap or re-indent it). */
export const squash = (code: string): string => code.replace(/\s+/g, "");

/** Throws unless the locator becomes visible; the message names what was expected. */
export async function expectVisible(locator: Locator, what: string): Promise<void> {
  try {
    await locator.waitFor({ state: "visible", timeout: UI_TIMEOUT });
  } catch (error) {
    throw new Error(`${what} is not visible on the docs page: ${(error as Error).message.split("\n")[0]}`);
  }
  expect(await locator.isVisible(), what).toBe(true);
}

export interface DocsPage {
  page: Page;
  browser: HeadlessChromium;
  consoleErrors: string[];
  pageErrors: string[];
  outsideRequests: string[];
  main(): Locator;
  sidebarLink(name: string): Locator;
  /** The h2 whose whole text is `text`. */
  heading(text: string): Locator;
  /** Clicks a sidebar entry, failing with a readable message when the sidebar does not show it. */
  openFromSidebar(name: string, what: string): Promise<void>;
  /** A full-page screenshot into artifacts/docs/<name>.png. */
  screenshot(name: string): Promise<void>;
  close(): Promise<void>;
}

/** Builds the docs and opens them; waits until the heading `title` shows. */
export async function openDocsPage(title: string): Promise<DocsPage> {
  // Build exactly what `npm run docs` builds, from scratch, so a stale page cannot pass.
  await rm(docsFile, { force: true });
  let started = performance.now();
  await promisify(execFile)("npm", ["run", "--silent", "docs"], { cwd: root, timeout: 120_000 });
  console.log(`npm run docs: ${Math.round(performance.now() - started)} ms`);
  expect((await stat(docsFile)).size).toBeGreaterThan(0);
  await mkdir(screenshotDir, { recursive: true });

  started = performance.now();
  const browser = await launchChromium({ viewport: VIEWPORT });
  const { context } = browser;
  const consoleErrors: string[] = [];
  const pageErrors: string[] = [];
  const outsideRequests: string[] = [];
  const local = (url: string): boolean => /^(file|data|blob):/.test(url);
  context.on("request", (request) => {
    if (!local(request.url())) outsideRequests.push(`${request.method()} ${request.url()}`);
  });
  await context.route("**/*", (route) =>
    local(route.request().url()) ? route.continue() : route.abort("blockedbyclient"),
  );
  const page = context.pages()[0] ?? (await context.newPage());
  page.on("websocket", (socket) => outsideRequests.push(`WebSocket ${socket.url()}`));
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => pageErrors.push(error.stack ?? error.message));

  const main = (): Locator => page.getByRole("main");
  const sidebarLink = (name: string): Locator => page.getByRole("link", { name, exact: true });
  const docs: DocsPage = {
    page,
    browser,
    consoleErrors,
    pageErrors,
    outsideRequests,
    main,
    sidebarLink,
    heading: (text) =>
      main()
        .locator("h2")
        .filter({ hasText: exactly(text) }),
    openFromSidebar: async (name, what) => {
      const link = sidebarLink(name);
      await expectVisible(link, `the sidebar entry of ${what}`);
      await link.click({ timeout: UI_TIMEOUT });
    },
    screenshot: async (name) => {
      const file = path.join(screenshotDir, `${name}.png`);
      // Redoc 3 styles its sections `content-visibility: auto`, which Chromium leaves unpainted
      // (blank) outside the viewport of a full-page capture; paint everything for the screenshot.
      const style = await page.addStyleTag({ content: "* { content-visibility: visible !important; }" });
      await page.evaluate(() => window.scrollTo(0, 0)); // the sticky sidebar is drawn where the page is scrolled
      await page.screenshot({ path: file, fullPage: true });
      await style.evaluate((node) => node.parentNode?.removeChild(node));
      console.log(`docs screenshot: ${file}`);
    },
    close: () => browser.close(),
  };
  try {
    await page.goto(pathToFileURL(docsFile).href, { waitUntil: "load" });
    await expectVisible(main().locator("h1").filter({ hasText: title }), "the API title");
  } catch (error) {
    await browser.close();
    throw error;
  }
  console.log(`Chromium start and page load: ${Math.round(performance.now() - started)} ms`);
  return docs;
}
