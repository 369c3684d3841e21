/**
 * Request bodies from files and stdin: JSON or YAML, read with limits, every failure one line
 * naming the flag, the file and the place — never quoting the content (a body may hold an API key).
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_BODY_BYTES } from "../../src/cli/body.js";
import { createFakeVoiceAI, type FakeVoiceAI } from "../../src/testing/index.js";
import { runInProcess } from "./helpers.js";

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
let fake: FakeVoiceAI;
let dir: string;
let env: Record<string, string>;
const SECRET = "sk_live_abcdef0123456789";
const create = (body: string, options: { input?: string; tty?: boolean } = {}) =>
  runInProcess(["agents", "create", "--body", body], { env, cwd: path.join(dir, "work"), ...options });

beforeAll(async () => {
  fake = await createFakeVoiceAI();
  dir = await mkdtemp(path.join(os.tmpdir(), "cli-body-"));
  await mkdir(path.join(dir, "work"));
  env = { GHL_BASE_URL: fake.url, GHL_TOKEN: fake.tokenFor("LOC1"), GHL_LOCATION_ID: "LOC1" };
  const files: Record<string, string | Buffer> = {
    "broken.json": `{\n  "agentName": "x",\n  "apiKey": "${SECRET}" oops\n}`,
    "truncated.json": `{"agentName": "${SECRET}`,
    "dup.yaml": `agentName: a\nagentName: "${SECRET}"\n`,
    "bomb.yaml": [
      "a: &a [x, x, x, x, x, x, x, x, x]",
      ...Array.from(
        { length: 8 },
        (_, i) =>
          `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}]`,
      ),
    ].join("\n"),
    "empty.json": "",
    "blank.json": " \n\t\n",
    "latin1.json": Buffer.from([0x7b, 0x22, 0x61, 0xe9, 0x22, 0x7d]),
    "bom.json": "\uFEFF" + JSON.stringify({ agentName: "With BOM" }),
    "array.json": "[1, 2]",
    "huge.json": Buffer.alloc(MAX_BODY_BYTES + 1, 0x20),
    "two-docs.yaml": "agentName: a\n---\nagentName: b\n",
  };
  for (const [name, content] of Object.entries(files)) await writeFile(path.join(dir, name), content);
  await mkdir(path.join(dir, "folder.json"));
});
afterAll(async () => {
  await fake.close();
  await rm(dir, { recursive: true, force: true });
});

describe("body files", () => {
  it.each([
    ["../broken.json", /--body \.\.\/broken\.json: not valid JSON: .+ \(line 3, column \d+\)$/],
    ["../truncated.json", "--body ../truncated.json: not valid JSON"],
    ["../dup.yaml", "--body ../dup.yaml: not valid YAML: duplicate key (line 2, column 1)"],
    ["../bomb.yaml", "--body ../bomb.yaml: not valid YAML: too many aliases"],
    ["../two-docs.yaml", "--body ../two-docs.yaml: not valid YAML"],
    ["../empty.json", "--body ../empty.json: is empty"],
    ["../blank.json", "--body ../blank.json: is empty"],
    ["../latin1.json", "--body ../latin1.json: not UTF-8 text"],
    ["../huge.json", "--body ../huge.json: is larger than 4 MiB"],
    ["../folder.json", "--body ../folder.json: is a directory"],
    ["../missing.json", "--body ../missing.json: no such file"],
    ["../array.json", "invalid request: body: must be an object"],
  ])("%s → exit 2: %s", async (file, message) => {
    const result = await create(file);
    expect(result.code).toBe(2);
    expect(result.stderr.split("\n")[0]).toMatch(
      typeof message === "string" ? new RegExp(escape(message)) : message,
    );
    expect(result.stderr).not.toContain(SECRET);
    expect(fake.requests).toHaveLength(0);
  });

  it("a file with a byte-order mark, found through `..`, is read", async () => {
    const result = await create("../bom.json");
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ agentName: "With BOM" });
  });

  it("stdin: JSON or YAML by its first character; a terminal is refused instead of waited on", async () => {
    const yaml = await create("-", { input: "agentName: From YAML\n" });
    expect(JSON.parse(yaml.stdout)).toMatchObject({ agentName: "From YAML" });
    const tty = await create("-", { tty: true });
    expect(tty.code).toBe(2);
    expect(tty.stderr).toContain("--body stdin: stdin is a terminal: pipe the body in");
    const huge = await create("-", { input: " ".repeat(MAX_BODY_BYTES + 10) });
    expect(huge.stderr).toContain("--body stdin: is larger than 4 MiB");
  });
});
