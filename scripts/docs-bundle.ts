/**
 * The copy of the spec that the docs page renders (scripts/build-docs.ts). openapi/voice-ai.yaml
 * itself is never changed; the copy adds what documents this client:
 * - `x-codeSamples`: each operation's TypeScript sample from generated/code-samples.json; a webhook's
 *   sample is also appended to its description, since Redoc's panel shows only a webhook's payload;
 * - a client guide, in a "TypeScript client" group of the sidebar, each entry a trait tag (text only,
 *   no operations): first every README.md section whose `## ` heading follows an `<!-- api-docs -->`
 *   line (the quick starts), then every guide of guides/ in GUIDE_ORDER, one entry each (its `# `
 *   heading the title). The guide is written once, in Markdown that GitHub shows too, and its ts
 *   blocks are compiled by `npm test`. Links are rewritten for the page: to a guide (or a marked README
 *   section) → that entry of the sidebar; to any other file of the repository → its path, as text;
 *   an anchor inside a guide → the guide's entry;
 * - for a body whose schema is a discriminated `oneOf` whose every member has its own `example`,
 *   the media type's named examples are dropped: Redoc prefers them to the schema's, and only the
 *   schema's follow the type selected in the schema (selecting SMS shows the SMS example). The
 *   named examples stay in the spec for the mock server and the tests.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export const GUIDE_MARKER = "<!-- api-docs -->";
export const GUIDE_GROUP = "TypeScript client";
export const API_GROUP = "HTTP API";
/** Heads a webhook's TypeScript sample in its description. */
export const WEBHOOK_SAMPLE_INTRO = "**Handling it in TypeScript** (`highlevel-voice-ai/webhooks`):";
/** The folder of the guides' Markdown sources (docs/ is the page's build output). */
export const GUIDE_DIR = "guides";
/** The guides in the sidebar's order; every guides/*.md must be listed, and only those. */
export const GUIDE_ORDER = [
  "using-the-client.md",
  "authentication-and-oauth.md",
  "webhooks.md",
  "errors-retries-and-limits.md",
  "testing-with-the-fake.md",
  "workers-and-redis.md",
  "call-logs-export-and-sync.md",
  "cli.md",
  "runtimes.md",
  "regenerating.md",
  "developing.md",
] as const;

export interface GuideSection {
  /** The tag's name in the spec copy (unique, not shown); the page's link to it is `#/<tag>`. */
  tag: string;
  /** The README heading or the guide's title, shown in the sidebar and as the section's title. */
  title: string;
  markdown: string;
}

/** A Markdown source of the guide: its path in the repository (`README.md`, `guides/cli.md`), its text. */
export interface GuideSource {
  file: string;
  text: string;
}

const isObject = (value: Json | undefined): value is JsonObject =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** GitHub's anchor of a heading: `### 3. Call` → `3-call`. */
export const headingSlug = (heading: string): string =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");

const tagSlug = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

/** Each line's text outside fenced code blocks (fenced lines are left out). */
function proseLines(markdown: string): { line: string; index: number }[] {
  const out: { line: string; index: number }[] = [];
  let fence = "";
  markdown.split("\n").forEach((line, index) => {
    const open = /^\s*(`{3,}|~{3,})/.exec(line);
    if (fence) {
      if (open && line.trim().startsWith(fence)) fence = "";
    } else if (open) fence = open[1]!;
    else out.push({ line, index });
  });
  return out;
}

/** The headings (`#` to `######`) of a Markdown text, outside code blocks. */
export const headings = (markdown: string): string[] =>
  proseLines(markdown).flatMap(({ line }) => /^#{1,6} (.+)$/.exec(line)?.[1] ?? []);

/** Every inline link `[text](href)` of a Markdown text, outside code blocks (images included). */
export const LINK = /\[((?:[^\[\]]|\[[^\]]*\])*)\]\(([^)\s]+)\)/g;
const EXTERNAL = /^(https?:|mailto:)/;

/** The README sections marked for the docs page, in README order (links not yet rewritten). */
function markedSections(readme: string): { title: string; markdown: string }[] {
  const lines = readme.split("\n");
  const sections: { title: string; markdown: string }[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]?.trim() !== GUIDE_MARKER) continue;
    let at = i + 1;
    while (at < lines.length && lines[at]?.trim() === "") at++; // prettier puts a blank line between
    const heading = /^## (.+)$/.exec(lines[at] ?? "");
    if (!heading)
      throw new Error(`README.md:${i + 1}: ${GUIDE_MARKER} must come right before a "## " heading`);
    let end = at + 1;
    let inFence = false;
    for (; end < lines.length; end++) {
      const line = lines[end] ?? "";
      if (/^(```|~~~)/.test(line)) inFence = !inFence;
      if (!inFence && (/^#{1,2} /.test(line) || line.trim() === GUIDE_MARKER)) break;
    }
    const markdown = lines
      .slice(at + 1, end)
      .join("\n")
      .trim();
    sections.push({ title: heading[1]!.trim(), markdown });
  }
  if (sections.length === 0) throw new Error(`README.md marks no section with ${GUIDE_MARKER}`);
  return sections;
}

/** A guide's `# ` title (its first line) and the rest of it. */
function guideDocument(source: GuideSource): { title: string; markdown: string } {
  const [first = "", ...rest] = source.text.split("\n");
  const title = /^# (.+)$/.exec(first)?.[1]?.trim();
  if (!title) throw new Error(`${source.file}: a guide starts with its "# " title`);
  const markdown = rest.join("\n").trim();
  if (!/^What this covers: /.test(markdown))
    throw new Error(`${source.file}: the line after the title starts with "What this covers: "`);
  return { title, markdown };
}

/**
 * The client guide of the docs page: the README's marked sections, then the guides in GUIDE_ORDER,
 * with their links rewritten for the page. `guides` must be exactly the files of GUIDE_ORDER.
 */
export function clientGuide(readme: string, guides: readonly GuideSource[]): GuideSection[] {
  const byFile = new Map(guides.map((g) => [g.file, g]));
  const listed = GUIDE_ORDER.map((name) => `${GUIDE_DIR}/${name}`);
  const unlisted = [...byFile.keys()].filter((file) => !listed.includes(file));
  if (unlisted.length > 0)
    throw new Error(
      `${unlisted.join(", ")}: not in GUIDE_ORDER of scripts/docs-bundle.ts (the sidebar's order)`,
    );
  const missing = listed.filter((file) => !byFile.has(file));
  if (missing.length > 0) throw new Error(`GUIDE_ORDER lists ${missing.join(", ")}, which does not exist`);

  type Entry = { file: string; tag: string; title: string; markdown: string };
  const entries: Entry[] = [
    ...markedSections(readme).map((s) => ({ file: "README.md", tag: `client-${tagSlug(s.title)}`, ...s })),
    ...listed.map((file) => ({
      file,
      tag: `client-${tagSlug(path.posix.basename(file, ".md"))}`,
      ...guideDocument(byFile.get(file)!),
    })),
  ];
  const tags = new Set<string>();
  for (const { tag, file } of entries) {
    if (tags.has(tag)) throw new Error(`${file}: a second guide entry named ${tag}`);
    tags.add(tag);
  }
  // Where a link may land on the page: a guide (any anchor in it), or a marked README section.
  const guideTag = new Map(entries.filter((e) => e.file !== "README.md").map((e) => [e.file, e.tag]));
  const readmeTag = new Map(
    entries.filter((e) => e.file === "README.md").map((e) => [headingSlug(e.title), e.tag]),
  );
  const target = (file: string, anchor: string): string | undefined =>
    file === "README.md" ? readmeTag.get(anchor) : guideTag.get(file);

  return entries.map(({ file, tag, title, markdown }) => ({
    tag,
    title,
    markdown: rewriteLinks(markdown, (href) => {
      const [pathPart = "", anchor = ""] = href.split("#");
      const repoPath =
        pathPart === "" ? file : path.posix.normalize(path.posix.join(path.posix.dirname(file), pathPart));
      if (repoPath.startsWith("../")) throw new Error(`${file} links ${href}, outside the repository`);
      const to = target(repoPath, anchor);
      return to === undefined ? { text: repoPath } : { href: `#/${to}` };
    }),
  }));
}

/** Rewrites each relative link of `markdown` outside code: to another href, or to its text and a path. */
function rewriteLinks(
  markdown: string,
  resolve: (href: string) => { href: string } | { text: string },
): string {
  const lines = markdown.split("\n");
  // A link's text may wrap onto the next line: rewrite runs of prose lines, not single lines.
  const runs: number[][] = [];
  for (const { index } of proseLines(markdown)) {
    const run = runs.at(-1);
    if (run && run.at(-1) === index - 1) run.push(index);
    else runs.push([index]);
  }
  for (const run of runs) {
    const text = run.map((i) => lines[i]).join("\n");
    const rewritten = text.replace(LINK, (whole, label: string, href: string) => {
      if (EXTERNAL.test(href)) return whole;
      const to = resolve(href);
      if ("href" in to) return `[${label}](${to.href})`;
      // No page to go to: the text, and the file's path unless the text already names it.
      return label.replaceAll("`", "") === to.text ? label : `${label} (\`${to.text}\`)`;
    });
    // Labels and hrefs keep their line breaks, so the run keeps its lines.
    rewritten.split("\n").forEach((line, k) => (lines[run[k]!] = line));
  }
  return lines.join("\n");
}

/** The README and every guides/*.md of a checkout. */
export async function readGuideSources(root: string): Promise<{ readme: string; guides: GuideSource[] }> {
  const readme = await readFile(path.join(root, "README.md"), "utf8");
  const names = (await readdir(path.join(root, GUIDE_DIR))).filter((name) => name.endsWith(".md")).sort();
  const guides = await Promise.all(
    names.map(async (name) => ({
      file: `${GUIDE_DIR}/${name}`,
      text: await readFile(path.join(root, GUIDE_DIR, name), "utf8"),
    })),
  );
  return { readme, guides };
}

/** The client guide of a checkout's docs page (README.md and guides/). */
export async function readClientGuide(root: string): Promise<GuideSection[]> {
  const { readme, guides } = await readGuideSources(root);
  return clientGuide(readme, guides);
}

/** A deep copy of `spec` with the code samples, the client guide and per-type examples. */
export function bundleForDocs(
  spec: JsonObject,
  samples: Record<string, string>,
  guide: readonly GuideSection[],
): JsonObject {
  const doc = structuredClone(spec);
  const resolve = (node: Json | undefined): Json | undefined => {
    let current = node;
    for (let hops = 0; isObject(current) && typeof current["$ref"] === "string"; hops++) {
      const ref = current["$ref"];
      if (!ref.startsWith("#/") || hops > 20) throw new Error(`unsupported $ref ${ref}`);
      current = ref
        .slice(2)
        .split("/")
        .reduce<Json | undefined>((at, key) => (isObject(at) ? at[key] : undefined), doc);
    }
    return current;
  };
  const eachMemberHasExample = (schema: Json | undefined): boolean => {
    const resolved = resolve(schema);
    if (!isObject(resolved) || !isObject(resolved["discriminator"]) || !Array.isArray(resolved["oneOf"]))
      return false;
    return resolved["oneOf"].every((member) => {
      const m = resolve(member);
      return isObject(m) && "example" in m;
    });
  };

  const unused = new Set(Object.keys(samples));
  const pathItems = [
    ...Object.values(isObject(doc["paths"]) ? doc["paths"] : {}).map((item) => ({ item, webhook: false })),
    ...Object.values(isObject(doc["webhooks"]) ? doc["webhooks"] : {}).map((item) => ({
      item,
      webhook: true,
    })),
  ];
  for (const { item, webhook } of pathItems) {
    for (const op of Object.values(isObject(item) ? item : {})) {
      if (!isObject(op) || typeof op["operationId"] !== "string") continue;
      const source = samples[op["operationId"]];
      if (source === undefined)
        throw new Error(`no code sample for ${op["operationId"]}: run npm run generate`);
      unused.delete(op["operationId"]);
      op["x-codeSamples"] = [{ lang: "TypeScript", source }];
      // Redoc's panel shows only the payload of a webhook: its sample goes into the description.
      if (webhook)
        op["description"] =
          `${typeof op["description"] === "string" ? op["description"].trimEnd() : ""}\n\n` +
          `${WEBHOOK_SAMPLE_INTRO}\n\n\`\`\`ts\n${source.trimEnd()}\n\`\`\`\n`;
      const bodies = [
        resolve(op["requestBody"]),
        ...Object.values(isObject(op["responses"]) ? op["responses"] : {}),
      ];
      for (const body of bodies.map(resolve)) {
        const content = isObject(body) ? body["content"] : undefined;
        for (const media of Object.values(isObject(content) ? content : {})) {
          if (isObject(media) && eachMemberHasExample(media["schema"])) delete media["examples"];
        }
      }
    }
  }
  if (unused.size > 0) throw new Error(`code samples of unknown operations: ${[...unused].join(", ")}`);

  const apiTags = (Array.isArray(doc["tags"]) ? doc["tags"] : []).filter(isObject);
  doc["tags"] = [
    ...guide.map(({ tag, title, markdown }) => ({
      name: tag,
      "x-displayName": title,
      "x-traitTag": true,
      description: markdown,
    })),
    ...apiTags,
  ];
  doc["x-tagGroups"] = [
    { name: GUIDE_GROUP, tags: guide.map(({ tag }) => tag) },
    { name: API_GROUP, tags: apiTags.map((tag) => String(tag["name"])) },
  ];
  return doc;
}
