/**
 * The client's methods come from the spec alone: a copy of the repository whose spec has one
 * more operation is regenerated, and with src/ untouched the new operation is a typed method
 * that compiles, rejects wrong arguments at compile time, and sends the right request.
 */
import { execFile } from "node:child_process";
import { cp, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml, stringify as stringifyYaml } from "yaml";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "..");
let dir: string;

const extraOperation = {
  get: {
    operationId: "countAgents",
    summary: "Count agents",
    description: "Returns how many agents a location has.",
    tags: ["Agents"],
    security: [{ bearerAuth: ["voice-ai-agents.readonly"] }],
    parameters: [
      { $ref: "#/components/parameters/Version" },
      { $ref: "#/components/parameters/LocationId" },
      { name: "includeDeleted", in: "query", required: false, schema: { type: "boolean" } },
    ],
    responses: {
      "200": {
        description: "The count.",
        content: {
          "application/json": {
            schema: { type: "object", required: ["count"], properties: { count: { type: "number" } } },
          },
        },
      },
    },
  },
};

const usage = `
import http from "node:http";
import { createVoiceAIClient } from "./src/index.js";

const server = http.createServer((req, res) => {
  res.writeHead(200, { "content-type": "application/json" });
  res.end(JSON.stringify({ count: 7, seen: { method: req.method, url: req.url, version: req.headers.version } }));
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const { port } = server.address() as { port: number };
const voiceAI = createVoiceAIClient({ token: "t", locationId: "LOC1", baseUrl: "http://127.0.0.1:" + port });
const result = await voiceAI.agents.count({ includeDeleted: true });
const count: number = result.count;
// @ts-expect-error -- includeDeleted is a boolean in the new operation
void (() => voiceAI.agents.count({ includeDeleted: "yes" }));
server.close();
console.log(JSON.stringify({ count, result }));
`;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "spec-driven-"));
  const spec = parseYaml(await readFile(path.join(root, "openapi/voice-ai.yaml"), "utf8"));
  spec.paths["/voice-ai/agents/count"] = extraOperation;
  // The copy is written without YAML anchors; aliases would otherwise be expanded anyway.
  await cp(path.join(root, "openapi"), path.join(dir, "openapi"), { recursive: true });
  await writeFile(
    path.join(dir, "openapi/voice-ai.yaml"),
    stringifyYaml(spec, { aliasDuplicateObjects: false }),
  );
  await cp(path.join(root, "src"), path.join(dir, "src"), { recursive: true });
  for (const file of ["package.json", ".prettierrc.json", "redocly.yaml"]) {
    await cp(path.join(root, file), path.join(dir, file));
  }
  await symlink(path.join(root, "node_modules"), path.join(dir, "node_modules"), "dir");
  await writeFile(path.join(dir, "usage.ts"), usage);
  await writeFile(
    path.join(dir, "tsconfig.json"),
    JSON.stringify({ extends: path.join(root, "tsconfig.json"), include: ["src", "generated", "usage.ts"] }),
  );
  await run(
    "node",
    [
      path.join(root, "node_modules/tsx/dist/cli.mjs"),
      path.join(root, "scripts/generate.ts"),
      "--spec",
      path.join(dir, "openapi/voice-ai.yaml"),
      "--out",
      path.join(dir, "generated"),
    ],
    { cwd: dir },
  );
}, 120_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("a new operation in the spec", () => {
  it("enters the generated table as agents.count", async () => {
    const table = await readFile(path.join(dir, "generated/operations.ts"), "utf8");
    expect(table).toMatch(
      /countAgents: \{[^}]*path: "\/voice-ai\/agents\/count",\s*group: "agents",\s*name: "count"/,
    );
  });

  it("is a typed method with no change in src/ (tsc accepts the call, rejects a wrong type)", async () => {
    const tsc = path.join(root, "node_modules/typescript/bin/tsc");
    await expect(run("node", [tsc, "--noEmit", "-p", dir], { cwd: dir })).resolves.toBeDefined();
    // Without the @ts-expect-error line's error, tsc reports an unused directive: prove the
    // method is typed by breaking the expectation.
    const broken = usage.replace('includeDeleted: "yes"', "includeDeleted: false");
    await writeFile(path.join(dir, "usage.ts"), broken);
    const failure = await run("node", [tsc, "--noEmit", "-p", dir], { cwd: dir }).catch(
      (e: { stdout: string }) => e,
    );
    expect((failure as { stdout: string }).stdout).toContain("Unused '@ts-expect-error' directive");
    await writeFile(path.join(dir, "usage.ts"), usage);
  }, 120_000);

  it("sends GET /voice-ai/agents/count with its query and resolves to the body", async () => {
    const { stdout } = await run("node", [path.join(root, "node_modules/tsx/dist/cli.mjs"), "usage.ts"], {
      cwd: dir,
    });
    const { count, result } = JSON.parse(stdout.trim().split("\n").pop()!);
    expect(count).toBe(7);
    expect(result.seen).toEqual({
      method: "GET",
      // Query values go in the spec's order of the parameters.
      url: "/voice-ai/agents/count?locationId=LOC1&includeDeleted=true",
      version: "2021-04-15",
    });
  }, 60_000);
});
