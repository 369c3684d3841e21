/**
 * The snippet checker behind `check:snippets` and check:package (scripts/snippets.ts): which
 * Markdown blocks it takes, and that a snippet that does not compile fails with the place it came
 * from. Compiled in an empty temp project (no package installed): these snippets import nothing.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COMPILERS, compileSnippets, markdownSnippets } from "../scripts/snippets.js";

const fence = "```";
const markdown = [
  "# Title", // 1
  `${fence}ts`, // 2
  "const a: number = 1;", // 3
  fence, // 4
  `${fence}sh`, // 5
  "npm test", // 6
  fence, // 7
  `${fence}js`, // 8
  "const b = require('x');", // 9
  fence, // 10
  "- item", // 11
  `  ${fence}typescript`, // 12
  "  export const c: string = 'c';", // 13
  `  ${fence}`, // 14
  `${fence}ts`, // 15
  "export {};", // 16
  "const d: number = 'not a number';", // 17
  fence, // 18
].join("\n");

describe("markdownSnippets", () => {
  it("takes every ts and typescript block, with the line of its first code line, and nothing else", () => {
    const snippets = markdownSnippets(markdown, "DOC.md");
    expect(snippets).toEqual([
      { origin: "DOC.md:3", firstLine: 3, source: "const a: number = 1;\n" },
      { origin: "DOC.md:13", firstLine: 13, source: "export const c: string = 'c';\n" },
      { origin: "DOC.md:16", firstLine: 16, source: "export {};\nconst d: number = 'not a number';\n" },
    ]);
  });
});

describe("compileSnippets", () => {
  let dir = "";
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "voice-ai-snippets-test-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  // One compile (a tsc start-up per resolution is seconds on this machine): the last two snippets
  // declare the same name, which must be no error since each snippet is a module of its own.
  it.each(COMPILERS)(
    "$package: reports each error once, at its line of origin, under every resolution; snippets stay apart",
    async (compiler) => {
      const same = "export const voiceAI = 1;\nawait Promise.resolve(voiceAI);\n";
      const snippets = [
        ...markdownSnippets(markdown, "DOC.md"),
        { origin: "samples.json getAgent", source: "export {};\nundeclaredName;\n" },
        { origin: "one", source: same },
        { origin: "two", source: same },
      ];
      const { errors } = await compileSnippets(dir, snippets, compiler);
      expect(errors).toEqual([
        "DOC.md:17:7 (bundler, node16, nodenext): error TS2322: Type 'string' is not assignable to type 'number'.",
        "samples.json getAgent, line 2:1 (bundler, node16, nodenext): error TS2304: Cannot find name 'undeclaredName'.",
      ]);
    },
    120_000,
  );
});
