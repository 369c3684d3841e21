/**
 * The rendered API docs: builds docs/index.html with `npm run docs` (Redocly's build-docs, Redoc 3)
 * and opens it from the file system in headless Chromium (the build npm installs, see
 * test/chromium.ts). Every tag and every operation of openapi/voice-ai.yaml must be rendered, with
 * the security scheme each operation needs; the page must log no errors and must be self-contained:
 * every request to anything but a file:, data: or blob: URL is blocked and fails the test (the docs
 * have to work offline).
 *
 * The page documents the client too: each operation's TypeScript sample (generated/code-samples.json)
 * must be shown as generated, the client guide (README sections marked for the docs, then guides/) must render, and
 * selecting SMS in an action body's type selector must show an SMS example.
 *
 * Redoc 3 renders the overview and the tag list, and the operations of one tag at a time (the tag
 * the address points at), mounting sections as they scroll into view. So the test walks the
 * sidebar like a reader: each tag, then each of its operations. One full-page screenshot per tag
 * (and one of the overview) is saved under artifacts/docs/.
 */
import path from "node:path";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GUIDE_GROUP } from "../scripts/docs-bundle.js";
import {
  UI_TIMEOUT,
  exactly,
  expectVisible,
  openDocsPage,
  plainText,
  slug,
  squash,
  type DocsPage,
} from "./docs-page.js";
import {
  codeSamples,
  guide,
  methodOf,
  operations,
  securitySchemes,
  spec,
  tags,
  webhooks,
} from "./docs-spec.js";

const root = path.resolve(import.meta.dirname, "..");

let docs: DocsPage | undefined;
let page: Page;
const main = (): Locator => page.getByRole("main");
const sidebarLink = (name: string): Locator => page.getByRole("link", { name, exact: true });
const heading = (text: string): Locator => docs!.heading(text);
const openFromSidebar = (name: string, what: string): Promise<void> => docs!.openFromSidebar(name, what);
const fullPageScreenshot = (name: string): Promise<void> => docs!.screenshot(name);
/**
 * Picks an item of an open dropdown. Under load Redoc's right panel may still be settling, and
 * Playwright then finds the item visible but outside the viewport for good: the item gets the
 * click event itself once a normal click has had its chance.
 */
async function choose(item: Locator): Promise<void> {
  await item.waitFor({ state: "visible", timeout: UI_TIMEOUT });
  await item.click({ timeout: 3000 }).catch(() => item.dispatchEvent("click"));
}

beforeAll(async () => {
  docs = await openDocsPage(spec.info.title);
  page = docs.page;
}, 180_000);

afterAll(async () => {
  await docs?.close();
}, 30_000);

describe("API docs page (npm run docs)", () => {
  it("runs in the Chromium that npm installed (@sparticuz/chromium), not a system browser", async () => {
    expect(docs?.browser.executablePath).toContain(path.join(root, "node_modules", ".cache"));
    const major = docs?.browser.packageVersion.split(".")[0];
    expect(major).toMatch(/^\d+$/);
    expect(await page.evaluate(() => navigator.userAgent)).toContain(`HeadlessChrome/${major}.`);
  });

  it("reads the operations, tags and security schemes from the spec", () => {
    // The issue lists 11 operations; more may come, but a parse that finds none must not pass.
    expect(operations.length).toBeGreaterThanOrEqual(11);
    for (const op of operations) {
      expect(op.summary, `${op.method} ${op.path} summary`).not.toBe("");
      expect(op.tags.length, `${op.method} ${op.path} tags`).toBeGreaterThan(0);
      for (const tag of op.tags) expect(tags, `${op.method} ${op.path} tag`).toContain(tag);
      expect(op.securitySchemes.length, `${op.method} ${op.path} security`).toBeGreaterThan(0);
    }
    expect(tags).toEqual(expect.arrayContaining(["Agents", "Actions", "Call Logs"]));
    expect(Object.keys(securitySchemes)).toContain("bearerAuth");
  });

  it("renders the overview with every tag in the sidebar and the authentication section", async () => {
    expect(await page.title()).toBe(spec.info.title);
    // Redoc 3 has no generated Authentication section; the spec's description carries one.
    await expectVisible(heading("Authentication"), "the Authentication section of the overview");
    await expectVisible(main().getByText("Authorization: Bearer <token>").first(), "the bearer header");
    for (const tag of tags) await expectVisible(sidebarLink(tag), `the sidebar entry of tag "${tag}"`);
    await fullPageScreenshot("overview");
  }, 60_000);

  it("renders every tag and every operation, with the security scheme it needs", async () => {
    const seen = new Set<string>();
    for (const tag of tags) {
      await openFromSidebar(tag, `tag "${tag}"`);
      await expectVisible(heading(tag), `the section of tag "${tag}"`);
      for (const op of operations.filter((candidate) => candidate.tags.includes(tag))) {
        const what = `operation "${op.summary}" (${op.method.toUpperCase()} ${op.path})`;
        // The sidebar entry is the summary followed by the method badge.
        await openFromSidebar(`${op.summary} ${op.method}`, what);
        const title = heading(op.summary);
        await expectVisible(title, what);
        const section = title.locator("xpath=ancestor::div[@id][1]");
        await expectVisible(section.getByText(op.path, { exact: true }).first(), `the path of ${what}`);
        for (const scheme of op.securitySchemes) {
          await expectVisible(section.getByText(scheme).first(), `security scheme "${scheme}" of ${what}`);
        }
        // The TypeScript sample of this client, shown first in the panel beside the operation.
        const sample = codeSamples[op.operationId];
        const method = methodOf(op.operationId);
        expect(sample, `the code sample of ${what}`).toBeDefined();
        expect(method, `the client method of ${what}`).toBeDefined();
        const code = section.locator("pre").filter({ hasText: "createVoiceAIClient" }).first();
        await expectVisible(code, `the TypeScript sample of ${what}`);
        const shown = await code.innerText();
        expect(shown, `the TypeScript sample of ${what}`).toContain(
          `voiceAI.${method?.group}.${method?.name}(`,
        );
        expect(squash(shown), `the TypeScript sample of ${what}`).toBe(squash(sample ?? ""));
        seen.add(`${op.method} ${op.path}`);
      }
      await fullPageScreenshot(`tag-${slug(tag)}`);
    }
    expect([...seen].sort()).toEqual(operations.map((op) => `${op.method} ${op.path}`).sort());
  }, 180_000);

  it("renders the authentication details of every security scheme", async () => {
    for (const [name, scheme] of Object.entries(securitySchemes)) {
      const op = operations.find((candidate) => candidate.securitySchemes.includes(name));
      expect(op, `an operation that uses security scheme "${name}"`).toBeDefined();
      if (!op) continue;
      await openFromSidebar(op.tags[0] ?? "", `tag "${op.tags[0]}"`);
      await openFromSidebar(`${op.summary} ${op.method}`, `operation "${op.summary}"`);
      const section = heading(op.summary).locator("xpath=ancestor::div[@id][1]");
      await section.getByRole("button", { name: "View security details" }).click({ timeout: UI_TIMEOUT });
      // Redoc 3 has no Authentication section; the scheme details open in a dialog, rendered in
      // a portal next to the #redoc root.
      const dialog = page.locator("body > div:not(#redoc)").filter({ hasText: "Security" });
      await expectVisible(dialog.getByText(name, { exact: true }), `the name of security scheme "${name}"`);
      if (scheme.type === "http") {
        // Redoc 3.0.1 prints the scheme's type (`http`) as its HTTP Authorization Scheme, not the
        // scheme (`bearer`), so only the row is checked; the description names the Bearer token.
        await expectVisible(dialog.getByText("HTTP Authorization Scheme"), `the HTTP scheme of "${name}"`);
      }
      if (scheme.description) {
        const start = plainText(scheme.description).slice(0, 60);
        expect(plainText(await dialog.innerText()), `the description of "${name}"`).toContain(start);
      }
      if (scheme.type === "http" && scheme.scheme?.toLowerCase() === "bearer") {
        expect(await dialog.innerText(), `"${name}" shown as a Bearer token scheme`).toMatch(/\bBearer\b/);
      }
      await page.keyboard.press("Escape");
      await dialog.waitFor({ state: "detached", timeout: UI_TIMEOUT });
    }
  }, 60_000);

  it("renders the client guide: the README sections marked for the docs and every guide, under its own group", async () => {
    expect(guide.length).toBeGreaterThanOrEqual(4);
    await expectVisible(
      page.getByText(GUIDE_GROUP, { exact: true }),
      "the sidebar group of the client guide",
    );
    let text = "";
    for (const section of guide) {
      const what = `guide section "${section.title}"`;
      // Two sidebar entries may share a title (the HTTP API's Authentication and the client's), not
      // a target; the heading's own deep link ends in `#/<tag>`.
      const link = page.locator(`a[href="/${section.tag}"]`);
      await expectVisible(link, `the sidebar entry of ${what}`);
      expect((await link.innerText()).trim()).toBe(section.title);
      await link.click({ timeout: UI_TIMEOUT });
      const container = main().locator(`[data-section-id="/${section.tag}"]`);
      await expectVisible(container.locator("h2").filter({ hasText: exactly(section.title) }), what);
      // Redoc renders each heading of a description as a section of its own (`/<tag>/<heading>`),
      // attached and filled in as it is scrolled to: read them in order, scrolling each to the top.
      const sectionIds = (): Promise<string[]> =>
        main()
          .locator(`[data-section-id="/${section.tag}"], [data-section-id^="/${section.tag}/"]`)
          .evaluateAll((nodes) => nodes.map((node) => node.getAttribute("data-section-id") ?? ""));
      const read = new Set<string>();
      let body = "";
      for (let next = (await sectionIds())[0]; next !== undefined && read.size < 100;) {
        const part = main().locator(`[data-section-id="${next}"]`);
        for (let attempt = 1; ; attempt++) {
          // A section may be re-rendered while it is scrolled to: then the new element is read.
          const text = await part
            .evaluate((node: HTMLElement) => {
              node.scrollIntoView({ block: "start" });
              return node.innerText;
            })
            .catch((error: Error) => {
              if (attempt >= 5 || !/not attached/.test(error.message)) throw error;
              return undefined;
            });
          if (text === undefined) continue;
          await page.waitForTimeout(50); // lets the next section attach
          const again = await part.innerText();
          body += ` ${plainText(again.length > text.length ? again : text)}`;
          break;
        }
        read.add(next);
        next = (await sectionIds()).find((id) => !read.has(id));
      }
      const firstParagraph = section.markdown.split("\n\n").find((part) => /^[A-Za-z]/.test(part)) ?? "";
      expect(body, `the first paragraph of ${what}`).toContain(plainText(firstParagraph).slice(0, 50));
      for (const block of section.markdown.matchAll(/```ts\n(.+)\n/g)) {
        expect(body, `the first line of a ts block of ${what}`).toContain(plainText(block[1] ?? ""));
      }
      text += body;
    }
    // What the HTTP reference alone never mentions: the client, its methods, pagination, errors.
    for (const word of ["createVoiceAIClient", "listAll", "NotFoundError", "RateLimitError", "maxRetries"]) {
      expect(text, `the client guide mentions ${word}`).toContain(word);
    }
    await fullPageScreenshot("client-guide");
  }, 60_000);

  it("follows a link from one guide to another (guides/*.md links become the page's entries)", async () => {
    const from = guide.find((s) => s.markdown.includes("](#/client-cli)"));
    expect(from, "a guide section that links the command line guide").toBeDefined();
    await page.locator(`a[href="/${from!.tag}"]`).click({ timeout: UI_TIMEOUT });
    const link = main()
      .locator(`[data-section-id="/${from!.tag}"], [data-section-id^="/${from!.tag}/"]`)
      .locator('a[href="#/client-cli"]')
      .first();
    await link.scrollIntoViewIfNeeded({ timeout: UI_TIMEOUT });
    await expectVisible(link, `the link of "${from!.title}" to the command line guide`);
    await link.click({ timeout: UI_TIMEOUT });
    const target = main().locator('[data-section-id="/client-cli"]').locator("h2").first();
    await expectVisible(target, "the command line guide");
    // The page scrolled to it: its heading is within the viewport.
    const viewport = page.viewportSize()!;
    for (let i = 0; i < 50; i++) {
      const box = await target.boundingBox();
      if (box && box.y >= 0 && box.y < viewport.height) break;
      await page.waitForTimeout(100);
    }
    const box = await target.boundingBox();
    expect(box && box.y >= 0 && box.y < viewport.height, `the command line guide in view (y ${box?.y})`).toBe(
      true,
    );
    expect(page.url()).toMatch(/client-cli$/);
  }, 60_000);

  it("shows the example of the action type selected in a body's schema (SMS shows SMS)", async () => {
    const createAction = operations.find((op) => op.operationId === "createAction");
    const getAction = operations.find((op) => op.operationId === "getAction");
    expect(createAction && getAction, "createAction and getAction in the spec").toBeTruthy();
    for (const [op, part] of [
      [createAction!, "request"],
      [getAction!, "response"],
    ] as const) {
      const what = `the ${part} sample of "${op.summary}"`;
      await openFromSidebar(op.tags[0] ?? "", `tag "${op.tags[0]}"`);
      await openFromSidebar(`${op.summary} ${op.method}`, `operation "${op.summary}"`);
      const section = heading(op.summary).locator("xpath=ancestor::div[@id][1]");
      if (part === "request") {
        // The request panel opens on the TypeScript sample; the payload is the other language.
        await section.getByRole("button", { name: "TypeScript", exact: true }).click({ timeout: UI_TIMEOUT });
        await choose(page.getByRole("menuitem", { name: "Payload", exact: true }));
      }
      const sample = section.locator("pre").filter({ hasText: '"actionType"' }).first();
      await expectVisible(sample, what);
      // Redoc may re-render the sample after it first shows: read it once it holds its text.
      await expect
        .poll(() => sample.innerText(), { timeout: UI_TIMEOUT, message: `${what} before a type is selected` })
        .toContain('"actionType": "CALL_TRANSFER"');
      const selector = section.getByRole("button", { name: "Discriminator" }).first();
      await selector.click({ timeout: UI_TIMEOUT });
      await choose(page.getByRole("menuitem", { name: "SMS", exact: true }));
      await expect
        .poll(() => sample.innerText(), { timeout: UI_TIMEOUT, message: what })
        .toContain('"actionType": "SMS"');
      const shown = await sample.innerText();
      expect(shown, what).toContain('"messageBody"');
      expect(shown, what).not.toContain("CALL_TRANSFER");
    }
    await fullPageScreenshot("action-type-sms");
  }, 60_000);

  it("shows each webhook in its tag's Webhooks section, with the scope and the TypeScript handler sample", async () => {
    expect(webhooks.map((w) => w.name)).toContain("VoiceAiCallEnd");
    for (const webhook of webhooks) {
      const what = `webhook "${webhook.summary}" (${webhook.name})`;
      expect(webhook.tags.length, `the tag of ${what}`).toBeGreaterThan(0);
      await openFromSidebar(webhook.tags[0] ?? "", `tag "${webhook.tags[0]}"`);
      // Redoc lists a tag's webhooks under a "Webhooks" label of their own, apart from its operations.
      const sidebar = page.getByRole("link").filter({ hasText: webhook.summary }).first();
      await expectVisible(sidebar, `the sidebar entry of ${what}`);
      const label = sidebar
        .locator('xpath=ancestor::div[@role="listitem"][1]/preceding-sibling::div[@role="listitem"]')
        .filter({ hasText: exactly("Webhooks") });
      await expectVisible(label.first(), `the "Webhooks" label above ${what} in the sidebar`);
      await sidebar.click({ timeout: UI_TIMEOUT });
      // The heading holds the summary and the Webhook badge.
      const title = main().locator("h2").filter({ hasText: webhook.summary });
      await expectVisible(title, what);
      const section = title.locator("xpath=ancestor::div[@id][1]");
      await expectVisible(
        section.getByText("Webhook", { exact: true }).first(),
        `the Webhook badge of ${what}`,
      );
      for (const scope of webhook.scopes)
        await expectVisible(section.getByText(scope).first(), `scope "${scope}" of ${what}`);
      const sample = codeSamples[webhook.operationId];
      expect(sample, `the code sample of ${what}`).toContain("createWebhookHandler");
      const code = section.locator("pre").filter({ hasText: "createWebhookHandler" }).first();
      await expectVisible(code, `the TypeScript sample of ${what}`);
      expect(squash(await code.innerText()), `the TypeScript sample of ${what}`).toBe(squash(sample ?? ""));
      // The payload panel beside it shows the body's example.
      await expectVisible(
        section.getByText('"executedCallActions"').first(),
        `the payload sample of ${what}`,
      );
    }
    await fullPageScreenshot("webhooks");
  }, 60_000);

  it("logs no errors and makes no request outside the file", () => {
    expect(docs?.outsideRequests, "requests to non-file URLs (the page must be self-contained)").toEqual([]);
    expect(docs?.pageErrors, "uncaught page errors").toEqual([]);
    expect(docs?.consoleErrors, "console errors").toEqual([]);
  });
});
