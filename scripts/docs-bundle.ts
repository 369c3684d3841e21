/**
 * The copy of the spec that the docs page renders (scripts/build-docs.ts). openapi/voice-ai.yaml
 * itself is never changed; the copy adds what documents this client:
 * - `x-codeSamples`: each operation's TypeScript sample from generated/code-samples.json; a webhook's
 *   sample is also appended to its description, since Redoc's panel shows only a webhook's payload;
 * - a client guide: every README.md section whose `## ` heading follows an `<!-- api-docs -->` line
 *   becomes a trait tag (text only, no operations) in a "TypeScript client" group of the sidebar,
 *   so the guide is written once, in the README, and its ts blocks are compiled by `npm test`;
 * - for a body whose schema is a discriminated `oneOf` whose every member has its own `example`,
 *   the media type's named examples are dropped: Redoc prefers them to the schema's, and only the
 *   schema's follow the type selected in the schema (selecting SMS shows the SMS example). The
 *   named examples stay in the spec for the mock server and the tests.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export const GUIDE_MARKER = "<!-- api-docs -->";
export const GUIDE_GROUP = "TypeScript client";
export const API_GROUP = "HTTP API";
/** Heads a webhook's TypeScript sample in its description. */
export const WEBHOOK_SAMPLE_INTRO = "**Handling it in TypeScript** (`highlevel-voice-ai/webhooks`):";

export interface GuideSection {
  /** The tag's name in the spec copy (unique, not shown). */
  tag: string;
  /** The README heading, shown in the sidebar and as the section's title. */
  title: string;
  markdown: string;
}

const isObject = (value: Json | undefined): value is JsonObject =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** The README sections marked for the docs page, in README order. */
export function guideSections(readme: string): GuideSection[] {
  const lines = readme.split("\n");
  const sections: GuideSection[] = [];
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
    const title = heading[1]!.trim();
    const markdown = lines
      .slice(at + 1, end)
      .join("\n")
      .trim();
    // Links relative to the repository would be dead on the docs page.
    const relative = /\]\((?!https?:|#|mailto:)([^)]+)\)/.exec(markdown);
    if (relative)
      throw new Error(`README.md section "${title}" links ${relative[1]}, which the docs page cannot follow`);
    const slug = title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "");
    sections.push({ tag: `client-${slug}`, title, markdown });
  }
  if (sections.length === 0) throw new Error(`README.md marks no section with ${GUIDE_MARKER}`);
  return sections;
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
