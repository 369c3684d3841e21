/**
 * scripts/docs-bundle.ts: the copy of the spec the docs page renders. The page itself is checked
 * by test/docs.test.ts; here, what goes into the copy and what is refused, and that the guide's
 * Markdown links lead somewhere.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import {
  API_GROUP,
  GUIDE_GROUP,
  GUIDE_ORDER,
  LINK,
  bundleForDocs,
  clientGuide,
  headingSlug,
  headings,
  readClientGuide,
  readGuideSources,
  type GuideSource,
} from "../scripts/docs-bundle.js";

const root = path.resolve(import.meta.dirname, "..");
type Doc = Parameters<typeof bundleForDocs>[0];
const spec = parseYaml(await readFile(path.join(root, "openapi/voice-ai.yaml"), "utf8")) as Doc;
const specText = JSON.stringify(spec);
const samples = JSON.parse(await readFile(path.join(root, "generated/code-samples.json"), "utf8")) as Record<
  string,
  string
>;
const readme = [
  "# x",
  "",
  "<!-- api-docs -->",
  "",
  "## Errors",
  "",
  "Text, then [the CLI](guides/cli.md#exit-codes) and [the guides](#guides).",
  "",
  "```ts",
  "## not a heading; [not a link](guides/cli.md)",
  "```",
  "",
  "## Guides",
  "Not in the guide.",
].join("\n");
/** One small guide per name of GUIDE_ORDER; `webhooks.md` says more. */
const guideFiles = (texts: Record<string, string> = {}): GuideSource[] =>
  GUIDE_ORDER.map((name) => ({
    file: `guides/${name}`,
    text: texts[name] ?? `# Guide ${name}\n\nWhat this covers: ${name}.\n`,
  }));
const webhooks = [
  "# Webhooks",
  "",
  "What this covers: events.",
  "",
  "## Stores",
  "",
  "See [stores](#stores), [OAuth](authentication-and-oauth.md#stores), [errors](../README.md#errors),",
  "[the app](../examples/oauth-app.ts), [`examples/quickstart.ts`](../examples/quickstart.ts) and",
  "[Redoc](https://redocly.com/).",
].join("\n");

describe("clientGuide", () => {
  const guide = clientGuide(readme, guideFiles({ "webhooks.md": webhooks }));

  it("takes each marked README section up to the next heading, fenced code included, then every guide in order", () => {
    expect(guide[0]).toEqual({
      tag: "client-errors",
      title: "Errors",
      markdown:
        "Text, then [the CLI](#/client-cli) and the guides (`README.md`).\n\n```ts\n## not a heading; [not a link](guides/cli.md)\n```",
    });
    expect(guide.slice(1).map((s) => s.tag)).toEqual(
      GUIDE_ORDER.map((name) => `client-${name.replace(/\.md$/, "")}`),
    );
    expect(guide.find((s) => s.tag === "client-cli")).toEqual({
      tag: "client-cli",
      title: "Guide cli.md",
      markdown: "What this covers: cli.md.",
    });
  });

  it("points links at the page's entries, and names other files of the repository as text", () => {
    expect(guide.find((s) => s.tag === "client-webhooks")?.markdown).toBe(
      [
        "What this covers: events.",
        "",
        "## Stores",
        "",
        "See [stores](#/client-webhooks), [OAuth](#/client-authentication-and-oauth), [errors](#/client-errors),",
        "the app (`examples/oauth-app.ts`), `examples/quickstart.ts` and",
        "[Redoc](https://redocly.com/).",
      ].join("\n"),
    );
  });

  it("refuses a marker without a heading, a README without markers, guides out of GUIDE_ORDER and malformed guides", () => {
    expect(() => clientGuide("<!-- api-docs -->\ntext", guideFiles())).toThrow(
      /must come right before a "## " heading/,
    );
    expect(() => clientGuide("## A\ntext", guideFiles())).toThrow(/marks no section/);
    expect(() => clientGuide(readme, [...guideFiles(), { file: "guides/extra.md", text: "# E" }])).toThrow(
      /guides\/extra\.md: not in GUIDE_ORDER/,
    );
    expect(() => clientGuide(readme, guideFiles().slice(1))).toThrow(/lists guides\/using-the-client\.md/);
    expect(() => clientGuide(readme, guideFiles({ "cli.md": "Text.\n" }))).toThrow(/cli\.md: a guide starts/);
    expect(() => clientGuide(readme, guideFiles({ "cli.md": "# CLI\n\nText.\n" }))).toThrow(
      /What this covers/,
    );
    expect(() =>
      clientGuide(readme, guideFiles({ "cli.md": "# CLI\n\nWhat this covers: [x](../../x.md).\n" })),
    ).toThrow(/guides\/cli\.md links \.\.\/\.\.\/x\.md, outside the repository/);
  });

  it("finds the guide in README.md and guides/, each guide once, in GUIDE_ORDER", async () => {
    const titles = (await readClientGuide(root)).map((s) => s.title);
    expect(titles.slice(0, 2)).toEqual(["Quick start", "Entry points"]);
    expect(titles.slice(2)).toEqual([
      "Using the client",
      "Authentication and OAuth apps",
      "Webhooks",
      "Errors, retries and limits",
      "Testing with the fake",
      "Running several workers",
      "Exporting and syncing call logs",
      "Command line",
      "Runtimes and the package",
      "Regenerating after a spec change",
      "Developing",
    ]);
  });

  it("leaves the page no link it cannot follow: only web links and entries of the guide", async () => {
    const guide = await readClientGuide(root);
    const tags = new Set(guide.map((s) => `#/${s.tag}`));
    for (const section of guide)
      for (const [, , href] of section.markdown.replace(/```[\s\S]*?```/g, "").matchAll(LINK))
        expect(/^https?:/.test(href!) || tags.has(href!), `${section.title} links ${href}`).toBe(true);
  });
});

describe("the links of README.md, guides/ and ARCHITECTURE.md (as GitHub and npm show them)", () => {
  it("lead to files of the repository, and an anchor to a heading of its file", async () => {
    const { readme, guides } = await readGuideSources(root);
    const sources = [
      { file: "README.md", text: readme },
      ...guides,
      { file: "ARCHITECTURE.md", text: await readFile(path.join(root, "ARCHITECTURE.md"), "utf8") },
    ];
    let checked = 0;
    for (const { file, text } of sources) {
      for (const [, , href] of text.replace(/```[\s\S]*?```/g, "").matchAll(LINK)) {
        if (/^(https?:|mailto:)/.test(href!)) continue;
        const [target = "", anchor] = href!.split("#");
        const resolved = target === "" ? file : path.posix.join(path.posix.dirname(file), target);
        const where = `${file} links ${href}`;
        const content = await readFile(path.join(root, resolved), "utf8").catch(() => undefined);
        expect(content, `${where}: no file ${resolved}`).toBeDefined();
        if (anchor)
          expect(headings(content!).map(headingSlug), `${where}: no such heading`).toContain(anchor);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(30);
  });
});

describe("bundleForDocs", () => {
  const guide = clientGuide(readme, guideFiles());
  const bundled = bundleForDocs(spec, samples, guide) as Record<string, any>;

  it("leaves the spec untouched", () => {
    expect(JSON.stringify(spec)).toBe(specText);
  });

  it("gives every operation and webhook its TypeScript sample", () => {
    const items = [...Object.values(bundled.paths), ...Object.values(bundled.webhooks)] as Record<
      string,
      any
    >[];
    const ops = items.flatMap((item) =>
      Object.values(item).filter((op) => typeof op?.operationId === "string"),
    );
    expect(ops.map((op) => op.operationId)).toContain("voiceAiCallEnd");
    expect(ops.length).toBe(Object.keys(samples).length);
    for (const op of ops)
      expect(op["x-codeSamples"]).toEqual([{ lang: "TypeScript", source: samples[op.operationId] }]);
  });

  it("adds the guide as trait tags in their own group, before the API's tags", () => {
    expect(bundled.tags[0]).toEqual({
      name: "client-errors",
      "x-displayName": "Errors",
      "x-traitTag": true,
      description: guide[0]!.markdown,
    });
    expect(bundled["x-tagGroups"]).toEqual([
      { name: GUIDE_GROUP, tags: guide.map((s) => s.tag) },
      { name: API_GROUP, tags: ["Agents", "Actions", "Call Logs"] },
    ]);
  });

  it("drops the named examples of action bodies only, whose every type carries its own", () => {
    const media = (route: string, method: string, status?: string) => {
      const op = bundled.paths[route][method];
      return (status ? op.responses[status] : op.requestBody).content["application/json"];
    };
    expect(media("/voice-ai/actions", "post").examples).toBeUndefined();
    expect(media("/voice-ai/actions", "post", "201").examples).toBeUndefined();
    expect(media("/voice-ai/actions/{actionId}", "get", "200").examples).toBeUndefined();
    expect(Object.keys(media("/voice-ai/agents", "post").examples)).toEqual(["full", "minimal"]);
    expect(bundled.components.schemas.SmsActionRequest.example.actionType).toBe("SMS");
  });

  it("refuses an operation without a sample, and a sample without an operation", () => {
    const { createAgent: _dropped, ...fewer } = samples;
    expect(() => bundleForDocs(spec, fewer, guide)).toThrow(/no code sample for createAgent/);
    expect(() => bundleForDocs(spec, { ...samples, nope: "x" }, guide)).toThrow(/unknown operations: nope/);
  });
});
