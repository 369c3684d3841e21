/**
 * scripts/docs-bundle.ts: the copy of the spec the docs page renders. The page itself is checked
 * by test/docs.test.ts; here, what goes into the copy and what is refused.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { API_GROUP, GUIDE_GROUP, bundleForDocs, guideSections } from "../scripts/docs-bundle.js";

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
  "Text.",
  "",
  "```ts",
  "## not a heading",
  "```",
  "",
  "## Other",
  "Not in the guide.",
].join("\n");

describe("guideSections", () => {
  it("takes each marked ## section up to the next heading, fenced code included", () => {
    expect(guideSections(readme)).toEqual([
      { tag: "client-errors", title: "Errors", markdown: "Text.\n\n```ts\n## not a heading\n```" },
    ]);
  });

  it("refuses a marker without a heading, a link the page cannot follow, and a README without markers", () => {
    expect(() => guideSections("<!-- api-docs -->\ntext")).toThrow(/must come right before a "## " heading/);
    expect(() => guideSections("<!-- api-docs -->\n## A\nSee [the demo](examples/quickstart.ts).")).toThrow(
      /links examples\/quickstart\.ts/,
    );
    expect(() => guideSections("## A\ntext")).toThrow(/marks no section/);
  });

  it("finds the guide in README.md", async () => {
    const titles = guideSections(await readFile(path.join(root, "README.md"), "utf8")).map((s) => s.title);
    expect(titles).toEqual(expect.arrayContaining(["Quick start", "Authentication", "Errors"]));
  });
});

describe("bundleForDocs", () => {
  const guide = guideSections(readme);
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
      { name: GUIDE_GROUP, tags: ["client-errors"] },
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
